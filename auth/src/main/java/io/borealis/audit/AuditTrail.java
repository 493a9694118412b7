package io.borealis.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way into the audit log. {@link #record} joins the caller's transaction, so the entry
 * commits with the change it describes or not at all (fail closed: if the entry cannot be written,
 * the change is rolled back and the caller gets the error). {@link #recordApart} writes in a
 * transaction of its own, for what must be recorded although the action itself did not happen:
 * refusals and failed sign-ins.
 */
@Service
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditRepository repository;
    private final AuditKey key;
    private final AuditProperties properties;
    private final Clock clock;
    private final TransactionTemplate required;
    private final TransactionTemplate apart;

    public AuditTrail(
            AuditRepository repository,
            AuditKey key,
            AuditProperties properties,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.key = key;
        this.properties = properties;
        this.clock = clock;
        this.required = new TransactionTemplate(transactions);
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records an action in the current transaction (a new one if there is none). */
    public AuditEntry record(AuditRecord record) {
        return required.execute(status -> append(record));
    }

    /** Records in a transaction of its own, committed whatever happens to the caller's. */
    public AuditEntry recordApart(AuditRecord record) {
        return apart.execute(status -> append(record));
    }

    private AuditEntry append(AuditRecord record) {
        AuditRepository.Head head = repository.lockHead();
        RequestOrigin origin = record.isBySystem() ? RequestOrigin.SYSTEM : RequestOrigin.current();
        AuditEntry unsigned = new AuditEntry(
                head.lastSeq() + 1,
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                record.isBySystem() ? "system" : actor(),
                origin.token(),
                origin.source(),
                origin.clientAddress(),
                record.action(),
                record.team(),
                truncate(record.target(), 512),
                record.outcome(),
                truncate(record.reason(), 2000),
                truncate(record.message(), 4000),
                record.changes().isEmpty() ? null : JSON.writeValueAsString(changesAsMap(record.changes())),
                head.lastHash(),
                null);
        String hash = AuditChain.hash(key.bytes(), head.lastHash(), unsigned);
        AuditEntry entry = new AuditEntry(
                unsigned.seq(),
                unsigned.at(),
                unsigned.actor(),
                unsigned.actorToken(),
                unsigned.source(),
                unsigned.clientAddress(),
                unsigned.action(),
                unsigned.team(),
                unsigned.target(),
                unsigned.outcome(),
                unsigned.reason(),
                unsigned.message(),
                unsigned.changes(),
                unsigned.prevHash(),
                hash);
        repository.insert(entry);
        writeHeadAfterCommit(entry);
        return entry;
    }

    private static Map<String, Map<String, String>> changesAsMap(Map<String, AuditRecord.Change> changes) {
        Map<String, Map<String, String>> map = new java.util.TreeMap<>();
        changes.forEach((field, change) -> {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            values.put("before", change.before());
            values.put("after", change.after());
            map.put(field, values);
        });
        return map;
    }

    /**
     * The head (seq and hash) also goes to a file outside the database, so that entries cut off the
     * end of the chain are noticed by the verifier.
     */
    private void writeHeadAfterCommit(AuditEntry entry) {
        Runnable write = () -> {
            try {
                var file = properties.headFile().toAbsolutePath();
                Files.createDirectories(file.getParent());
                var temporary = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(temporary, entry.seq() + " " + entry.entryHash() + "\n");
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                log.warn("Could not write the audit head file {}: {}", properties.headFile(), e.getMessage());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    write.run();
                }
            });
        } else {
            write.run();
        }
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return "system";
        }
        return authentication.getName();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
