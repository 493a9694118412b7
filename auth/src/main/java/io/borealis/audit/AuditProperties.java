package io.borealis.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code borealis.audit.*}.
 *
 * @param key the HMAC key of the hash chain (at least 32 characters); keep it outside the database,
 *     e.g. in an environment variable {@code BOREALIS_AUDIT_KEY}. Required with a real database.
 * @param keyFile alternatively, a file holding the key. With neither set and the embedded
 *     database, Borealis creates {@code ./data/audit.key} (owner-only permissions) on first start.
 * @param headFile where the chain's latest (seq, hash) is written after every entry, outside the
 *     database, so that cutting entries off the end is detected (default {@code ./data/audit-head})
 * @param retention how long entries are kept (default 0 = forever); older ones are exported, then removed
 * @param exportDir where removed entries are exported as JSON lines before removal (default {@code ./data/audit-export})
 */
@ConfigurationProperties("borealis.audit")
public record AuditProperties(String key, Path keyFile, Path headFile, Duration retention, Path exportDir) {

    public AuditProperties {
        if (key != null && !key.isBlank() && key.strip().length() < 32) {
            throw new IllegalArgumentException("borealis.audit.key must be at least 32 characters");
        }
        headFile = headFile == null ? Path.of("data", "audit-head") : headFile;
        retention = retention == null ? Duration.ZERO : retention;
        if (retention.isNegative()) {
            throw new IllegalArgumentException("borealis.audit.retention must not be negative, was " + retention);
        }
        exportDir = exportDir == null ? Path.of("data", "audit-export") : exportDir;
    }
}
