package io.borealis.audit;

import io.borealis.auth.access.Action;
import io.borealis.auth.access.CurrentUser;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamRepository;
import io.borealis.error.InvalidInputException;
import io.borealis.error.PermissionDeniedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the audit log: platform admins see every entry, team leads their teams' entries, nobody
 * else any. Searching pages newest first by sequence number (keyset paging, so page 10,000 costs
 * what page 1 does); exports write the filtered entries as CSV or JSON lines; verification walks the
 * chain.
 */
@Service
public class AuditService {

    /** The most entries one page returns. */
    public static final int MAX_PAGE = 500;

    /** The most entries one export writes. */
    public static final int MAX_EXPORT = 1_000_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditRepository repository;
    private final AuditVerifier verifier;
    private final TeamAccess access;
    private final TeamRepository teams;
    private final AuditTrail audit;

    public AuditService(
            AuditRepository repository,
            AuditVerifier verifier,
            TeamAccess access,
            TeamRepository teams,
            AuditTrail audit) {
        this.repository = repository;
        this.verifier = verifier;
        this.access = access;
        this.teams = teams;
        this.audit = audit;
    }

    /** A page of entries, newest first; {@code beforeSeq} continues after the last page's oldest. */
    @Transactional(readOnly = true)
    public List<AuditEntry> search(AuditFilter filter, Long beforeSeq, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_PAGE);
        }
        return repository.search(scoped(filter), beforeSeq, limit);
    }

    /** How many entries match the filter (within what the person may read). */
    @Transactional(readOnly = true)
    public long count(AuditFilter filter) {
        return repository.count(scoped(filter));
    }

    /** Whether the signed-in person may read the audit log at all (a lead of some team, or an admin). */
    public boolean mayRead() {
        return access.isAdmin() || !leadTeams().isEmpty();
    }

    /** Writes the filtered entries as CSV (spreadsheet-safe: formula-like cells are neutralised). */
    @Transactional(readOnly = true)
    public int exportCsv(AuditFilter filter, Writer out) {
        AuditFilter scoped = scoped(filter);
        try {
            out.write(
                    "seq,at,actor,token,source,client_address,action,team,target,outcome,reason,message,changes,entry_hash\n");
            int written = forEach(scoped, entry -> {
                try {
                    out.write(String.join(
                                    ",",
                                    List.of(
                                            Long.toString(entry.seq()),
                                            entry.at().toString(),
                                            cell(entry.actor()),
                                            cell(entry.actorToken()),
                                            entry.source().name(),
                                            cell(entry.clientAddress()),
                                            cell(entry.action()),
                                            cell(entry.team()),
                                            cell(entry.target()),
                                            entry.outcome().name(),
                                            cell(entry.reason()),
                                            cell(entry.message()),
                                            cell(entry.changes()),
                                            entry.entryHash()))
                            + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            recordExport("csv", filter, written);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the filtered entries as JSON lines, one entry per line. */
    @Transactional(readOnly = true)
    public int exportJson(AuditFilter filter, Writer out) {
        int written = forEach(scoped(filter), entry -> {
            try {
                out.write(JSON.writeValueAsString(entry));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        recordExport("json", filter, written);
        return written;
    }

    /** Walks the whole chain and says whether it is intact, or where it broke. */
    public AuditVerifier.Verdict verify() {
        requireSomeAuditRight("audit.verify");
        return verifier.verify();
    }

    private int forEach(AuditFilter filter, java.util.function.Consumer<AuditEntry> writer) {
        int written = 0;
        Long before = null;
        while (written < MAX_EXPORT) {
            List<AuditEntry> page = repository.search(filter, before, MAX_PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (AuditEntry entry : page) {
                writer.accept(entry);
                written++;
            }
            before = page.getLast().seq();
        }
        return written;
    }

    private void recordExport(String format, AuditFilter filter, int count) {
        audit.recordApart(AuditRecord.of("audit.export")
                .team(filter.team())
                .target(filter.target())
                .message("Exported " + count + " entries as " + format));
    }

    /** The filter, restricted to what the signed-in person may read; refuses people who may read nothing. */
    private AuditFilter scoped(AuditFilter filter) {
        if (access.isAdmin()) {
            return filter;
        }
        Set<String> leadOf = leadTeams();
        if (leadOf.isEmpty()) {
            requireSomeAuditRight("audit.read");
        }
        if (filter.team() != null
                && !filter.team().isBlank()
                && !leadOf.contains(filter.team().strip())) {
            access.require(
                    Action.READ_AUDIT,
                    filter.team().strip(),
                    "audit.read",
                    filter.team().strip());
        }
        return filter.restrictedTo(leadOf);
    }

    private Set<String> leadTeams() {
        return teams.levelsOf(CurrentUser.requireUsername()).entrySet().stream()
                .filter(e -> e.getValue() == TeamLevel.LEAD)
                .map(java.util.Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private void requireSomeAuditRight(String operation) {
        if (!mayRead()) {
            String reason = "Only team leads (for their teams) and platform admins may read the audit log. "
                    + "A platform admin can make you a lead of your team.";
            audit.recordApart(
                    AuditRecord.of(operation).outcome(AuditOutcome.DENIED).message(reason));
            throw new PermissionDeniedException(reason);
        }
    }

    /**
     * A CSV cell: quoted, quotes doubled, and a leading =, +, - or @ (which spreadsheets would run as
     * a formula) escaped with an apostrophe.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
