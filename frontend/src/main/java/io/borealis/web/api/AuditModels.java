package io.borealis.web.api;

import io.borealis.audit.AuditEntry;
import io.borealis.audit.AuditOutcome;
import io.borealis.audit.AuditSource;
import io.borealis.audit.AuditVerifier;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the audit endpoints send. */
final class AuditModels {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditModels() {}

    /**
     * One audit entry.
     *
     * @param changes the changed fields: {@code {"instances": {"before": "3", "after": "5"}}}, or null
     */
    record AuditEntryView(
            long seq,
            Instant at,
            String actor,
            String token,
            AuditSource source,
            String clientAddress,
            String action,
            String team,
            String target,
            AuditOutcome outcome,
            String reason,
            String message,
            JsonNode changes,
            String prevHash,
            String entryHash) {
        static AuditEntryView of(AuditEntry entry) {
            return new AuditEntryView(
                    entry.seq(),
                    entry.at(),
                    entry.actor(),
                    entry.actorToken(),
                    entry.source(),
                    entry.clientAddress(),
                    entry.action(),
                    entry.team(),
                    entry.target(),
                    entry.outcome(),
                    entry.reason(),
                    entry.message(),
                    entry.changes() == null ? null : JSON.readTree(entry.changes()),
                    entry.prevHash(),
                    entry.entryHash());
        }
    }

    /**
     * A page of entries, newest first.
     *
     * @param next the {@code before} value for the next (older) page; null when this is the last
     */
    record AuditPage(List<AuditEntryView> entries, Long next, int limit) {}

    /**
     * The chain check's verdict.
     *
     * @param intact whether every entry is unchanged and in place
     * @param entriesChecked how many entries were checked
     * @param brokenAtSeq the first broken entry's seq, if not intact
     * @param problem why it is broken, if not intact
     */
    record VerifyView(boolean intact, long entriesChecked, Long brokenAtSeq, String problem) {
        static VerifyView of(AuditVerifier.Verdict verdict) {
            return new VerifyView(verdict.intact(), verdict.entriesChecked(), verdict.brokenAtSeq(), verdict.problem());
        }
    }
}
