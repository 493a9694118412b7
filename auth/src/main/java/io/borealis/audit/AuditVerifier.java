package io.borealis.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Walks the chain from its first entry and reports the first broken link: a gap or reordering in
 * the sequence, a previous-hash that does not match, an entry whose fields no longer match its
 * hash, or a chain that ends before the head recorded in the database or in the head file.
 */
@Component
public class AuditVerifier {

    private static final int BATCH = 10_000;

    /** The verdict: intact, or where and how it broke. */
    public record Verdict(boolean intact, long entriesChecked, Long brokenAtSeq, String problem) {

        static Verdict ok(long checked) {
            return new Verdict(true, checked, null, null);
        }

        static Verdict broken(long checked, long seq, String problem) {
            return new Verdict(false, checked, seq, problem);
        }
    }

    private final AuditRepository repository;
    private final AuditKey key;
    private final AuditProperties properties;

    public AuditVerifier(AuditRepository repository, AuditKey key, AuditProperties properties) {
        this.repository = repository;
        this.key = key;
        this.properties = properties;
    }

    public Verdict verify() {
        byte[] secret = key.bytes();
        var first = repository.first();
        long expectedSeq = first.map(AuditEntry::seq).orElse(1L);
        String expectedPrev = first.map(AuditEntry::prevHash).orElse(AuditChain.GENESIS);
        if (expectedSeq == 1 && !AuditChain.GENESIS.equals(expectedPrev)) {
            return Verdict.broken(0, 1, "the first entry does not start the chain");
        }
        if (expectedSeq > 1 && !retentionExplains(expectedSeq, expectedPrev)) {
            return Verdict.broken(
                    0,
                    expectedSeq,
                    "entries before " + expectedSeq + " are missing and no retention run recorded removing them");
        }
        long checked = 0;
        long after = expectedSeq - 1;
        String lastHash = expectedPrev;
        while (true) {
            List<AuditEntry> batch = repository.after(after, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEntry entry : batch) {
                if (entry.seq() != expectedSeq) {
                    return Verdict.broken(
                            checked, expectedSeq, "entry " + expectedSeq + " is missing (next is " + entry.seq() + ")");
                }
                if (!entry.prevHash().equals(lastHash)) {
                    return Verdict.broken(
                            checked,
                            entry.seq(),
                            "entry " + entry.seq()
                                    + " does not follow the entry before it (removed, inserted or reordered)");
                }
                if (!AuditChain.hash(secret, entry.prevHash(), entry).equals(entry.entryHash())) {
                    return Verdict.broken(
                            checked, entry.seq(), "entry " + entry.seq() + " was changed after it was written");
                }
                lastHash = entry.entryHash();
                expectedSeq++;
                checked++;
            }
            after = batch.getLast().seq();
        }
        AuditRepository.Head head = repository.head();
        if (head.lastSeq() != expectedSeq - 1 || !head.lastHash().equals(lastHash)) {
            return Verdict.broken(
                    checked,
                    expectedSeq,
                    "the chain ends at entry " + (expectedSeq - 1) + " but its head says " + head.lastSeq()
                            + ": entries were removed from the end");
        }
        String problem = checkHeadFile(expectedSeq - 1);
        return problem == null ? Verdict.ok(checked) : Verdict.broken(checked, expectedSeq, problem);
    }

    /** Whether a recorded retention run removed exactly the entries before {@code firstSeq}. */
    private boolean retentionExplains(long firstSeq, String prevHash) {
        AuditFilter retention =
                new AuditFilter(null, null, null, null, "audit.retention", "before " + firstSeq, null, null, null);
        return repository.search(retention, null, 10).stream()
                .anyMatch(entry -> entry.message() != null && entry.message().contains("(last hash " + prevHash + ")"));
    }

    /** The head file may lag a moment behind, never lead: entries beyond the database's end were cut off. */
    private String checkHeadFile(long lastSeq) {
        try {
            if (!Files.exists(properties.headFile())) {
                return null;
            }
            String[] parts = Files.readString(properties.headFile()).strip().split(" ");
            long fileSeq = Long.parseLong(parts[0]);
            if (fileSeq > lastSeq) {
                return "the log outside the database has seen entry " + fileSeq + " but the chain ends at " + lastSeq
                        + ": entries were removed from the end";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable head file is not evidence of tampering
        }
    }
}
