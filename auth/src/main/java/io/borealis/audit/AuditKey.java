package io.borealis.audit;

import io.borealis.auth.demo.EmbeddedDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hash chain's key, read once at start-up: {@code borealis.audit.key}, or the file
 * {@code borealis.audit.key-file}; with the embedded database and neither configured, a key is
 * generated into {@code ./data/audit.key}. A real database without a configured key stops start-up:
 * a key stored next to the data it protects protects nothing.
 */
@Component
public class AuditKey {

    private static final Logger log = LoggerFactory.getLogger(AuditKey.class);
    static final Path DEFAULT_FILE = Path.of("data", "audit.key");

    private final byte[] key;

    public AuditKey(AuditProperties properties, DataSource dataSource) {
        this.key = load(properties, dataSource);
    }

    byte[] bytes() {
        return key.clone();
    }

    private static byte[] load(AuditProperties properties, DataSource dataSource) {
        if (properties.key() != null && !properties.key().isBlank()) {
            return properties.key().strip().getBytes(StandardCharsets.UTF_8);
        }
        if (properties.keyFile() != null) {
            return read(properties.keyFile());
        }
        if (!EmbeddedDatabase.isEmbedded(dataSource)) {
            throw new IllegalStateException("borealis.audit.key (or borealis.audit.key-file) must be set when Borealis "
                    + "uses a real database: it keys the audit log's hash chain and must live outside the database. "
                    + "Generate one with: openssl rand -base64 48");
        }
        if (Files.exists(DEFAULT_FILE)) {
            return read(DEFAULT_FILE);
        }
        try {
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            Files.createDirectories(DEFAULT_FILE.getParent());
            Files.writeString(DEFAULT_FILE, Base64.getEncoder().encodeToString(random));
            try {
                Files.setPosixFilePermissions(DEFAULT_FILE, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps its default permissions
            }
            log.warn(
                    "Generated the audit log key in {} (embedded database only). With a real database, set "
                            + "borealis.audit.key or borealis.audit.key-file.",
                    DEFAULT_FILE.toAbsolutePath());
            return read(DEFAULT_FILE);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot create the audit key file " + DEFAULT_FILE.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            String text = Files.readString(file).strip();
            if (text.length() < 32) {
                throw new IllegalStateException("The audit key in " + file + " must be at least 32 characters");
            }
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read the audit key file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
