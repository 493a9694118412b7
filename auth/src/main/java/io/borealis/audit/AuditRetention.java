package io.borealis.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the audit log to {@code borealis.audit.retention} (0 = forever). Once an hour, entries
 * older than that are first exported as JSON lines into {@code borealis.audit.export-dir}, then
 * removed, and the removal itself is recorded: which entries, the hash of the last one removed
 * (so the verifier can start the chain from the first entry kept) and the export file. This is the
 * only way entries ever leave the table; on PostgreSQL it goes through {@code audit_remove_before},
 * the one function allowed past the append-only trigger.
 */
@Component
public class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditProperties properties;
    private final AuditRepository repository;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final boolean postgres;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public AuditRetention(
            AuditProperties properties,
            AuditRepository repository,
            AuditTrail audit,
            JdbcClient jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.properties = properties;
        this.repository = repository;
        this.audit = audit;
        this.jdbc = jdbc;
        this.postgres = isPostgres(dataSource);
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void scheduled() {
        if (!properties.retention().isZero()) {
            try {
                removeOlderThan(clock.instant().minus(properties.retention()));
            } catch (RuntimeException e) {
                log.error("Audit retention failed; nothing was removed", e);
            }
        }
    }

    /** Exports, removes and records every entry older than {@code cutoff}; returns how many. */
    public int removeOlderThan(Instant cutoff) {
        List<AuditEntry> old = jdbc.sql(
                        "select " + AuditRepository.COLUMNS + " from audit_entry where at < :cutoff order by seq")
                .param("cutoff", io.borealis.persistence.JdbcTime.toDb(cutoff))
                .query(AuditRepository::map)
                .list();
        if (old.isEmpty()) {
            return 0;
        }
        // only a leading run can go: the chain must stay whole from the first entry kept
        AuditEntry first = old.getFirst();
        int count = 0;
        for (AuditEntry entry : old) {
            if (entry.seq() != first.seq() + count) {
                break;
            }
            count++;
        }
        List<AuditEntry> removed = old.subList(0, count);
        AuditEntry last = removed.getLast();
        Path file = export(removed);
        return transaction.execute(status -> {
            long firstKept = last.seq() + 1;
            long gone = postgres
                    ? jdbc.sql("select audit_remove_before(:kept)")
                            .param("kept", firstKept)
                            .query(Long.class)
                            .single()
                    : jdbc.sql("delete from audit_entry where seq < :kept")
                            .param("kept", firstKept)
                            .update();
            audit.record(AuditRecord.of("audit.retention")
                    .bySystem()
                    .target("before " + firstKept)
                    .message("Removed entries " + first.seq() + ".." + last.seq() + " (last hash " + last.entryHash()
                            + "), exported to " + file.getFileName()));
            log.info("Audit retention removed {} entries older than {}, exported to {}", gone, cutoff, file);
            return (int) gone;
        });
    }

    private Path export(List<AuditEntry> entries) {
        try {
            Files.createDirectories(properties.exportDir());
            Path file = properties
                    .exportDir()
                    .resolve(String.format(
                            Locale.ROOT,
                            "audit-%010d-%010d.jsonl",
                            entries.getFirst().seq(),
                            entries.getLast().seq()));
            try (Writer out = Files.newBufferedWriter(file)) {
                for (AuditEntry entry : entries) {
                    out.write(JSON.writeValueAsString(entry));
                    out.write('\n');
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not export audit entries before removing them: " + e.getMessage(), e);
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is: " + e.getMessage(), e);
        }
    }
}
