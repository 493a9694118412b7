package io.borealis.web.api;

import io.borealis.audit.AuditEntry;
import io.borealis.audit.AuditFilter;
import io.borealis.audit.AuditOutcome;
import io.borealis.audit.AuditService;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.web.api.AuditModels.AuditEntryView;
import io.borealis.web.api.AuditModels.AuditPage;
import io.borealis.web.api.AuditModels.VerifyView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log: search (newest first, keyset paging), export and chain verification. {@link
 * AuditService} decides who may read what: platform admins every entry, team leads their teams'
 * entries, anyone else nothing (403). Verification is open to the same people as reading (the
 * service allows any admin or lead); it reports on the whole chain but shows no entry.
 */
@RestController
@RequestMapping(ApiPaths.AUDIT)
@Tag(name = "Audit", description = "Search, export and verify the audit log (platform admins, team leads)")
class AuditController {

    static final int DEFAULT_LIMIT = 50;

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(
            summary = "Search the audit log",
            description = "Entries newest first. Platform admins see every entry, team leads their teams' entries. "
                    + "All filters are optional: from (inclusive) and to (exclusive) are ISO-8601 instants, "
                    + "actor and team exact, action exact or a prefix ending in '.' (job.), target a prefix "
                    + "(a job key), outcome SUCCESS, DENIED or FAILED, q text in the target, reason or message. "
                    + "For the next page pass next as before; next is null on the last page.")
    AuditPage search(
            @RequestParam(required = false) @Parameter(description = "ISO-8601 instant, inclusive") String from,
            @RequestParam(required = false) @Parameter(description = "ISO-8601 instant, exclusive") String to,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) @Parameter(description = "exact, or a prefix ending in '.'") String action,
            @RequestParam(required = false) @Parameter(description = "prefix, e.g. a job key team/env/name")
                    String target,
            @RequestParam(required = false) @Parameter(description = "SUCCESS, DENIED or FAILED") String outcome,
            @RequestParam(required = false) @Parameter(description = "text in the target, reason or message") String q,
            @RequestParam(required = false) @Parameter(description = "the previous page's next") String before,
            @RequestParam(required = false) @Parameter(description = "1 to 500, default 50") String limit) {
        List<FieldProblem> problems = new ArrayList<>();
        AuditFilter filter = filter(from, to, actor, team, action, target, outcome, q, problems);
        Long beforeSeq = before(before, problems);
        int pageSize = limit(limit, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<AuditEntry> entries = audit.search(filter, beforeSeq, pageSize);
        Long next = entries.size() < pageSize ? null : entries.getLast().seq();
        if (next != null && audit.search(filter, next, 1).isEmpty()) {
            next = null;
        }
        return new AuditPage(entries.stream().map(AuditEntryView::of).toList(), next, pageSize);
    }

    @GetMapping("/verify")
    @Operation(
            summary = "Verify the audit chain",
            description = "Walks the whole hash chain and answers whether it is intact (and how many entries were "
                    + "checked) or the first broken entry and why. Platform admins and team leads.")
    VerifyView verify() {
        return VerifyView.of(audit.verify());
    }

    @GetMapping("/export")
    @Operation(
            summary = "Export the audit log",
            description = "The entries matching the same filters as the search (without paging), as CSV "
                    + "(format=csv, the default) or JSON lines (format=json, one entry per line), as a download. "
                    + "The export itself is recorded in the audit log.")
    void export(
            @RequestParam(required = false) @Parameter(description = "csv (default) or json") String format,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String q,
            @Parameter(hidden = true) HttpServletResponse response)
            throws IOException {
        List<FieldProblem> problems = new ArrayList<>();
        String kind =
                format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!kind.equals("csv") && !kind.equals("json")) {
            problems.add(new FieldProblem("format", "must be csv or json"));
        }
        AuditFilter filter = filter(from, to, actor, team, action, target, outcome, q, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String filename = fileName(kind, Instant.now());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(kind.equals("csv") ? "text/csv" : "application/x-ndjson");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(filename).build().toString());
        Writer out = response.getWriter();
        try {
            if (kind.equals("csv")) {
                audit.exportCsv(filter, out);
            } else {
                audit.exportJson(filter, out);
            }
        } catch (RuntimeException e) {
            if (!response.isCommitted()) {
                response.reset(); // a refusal before the first byte is answered as a JSON error
            }
            throw e;
        }
        out.flush();
    }

    /** The download's name: {@code borealis-audit-20260101T120000Z.csv} (or {@code .jsonl}). */
    static String fileName(String format, Instant at) {
        return "borealis-audit-" + FILE_TIME.format(at) + (format.equals("csv") ? ".csv" : ".jsonl");
    }

    /** The filter from query parameters, adding a problem for each bad one. */
    static AuditFilter filter(
            String from,
            String to,
            String actor,
            String team,
            String action,
            String target,
            String outcome,
            String q,
            List<FieldProblem> problems) {
        Instant fromAt = instant("from", from, problems);
        Instant toAt = instant("to", to, problems);
        if (fromAt != null && toAt != null && !toAt.isAfter(fromAt)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        AuditOutcome outcomeValue = null;
        if (outcome != null && !outcome.isBlank()) {
            outcomeValue = Arrays.stream(AuditOutcome.values())
                    .filter(o -> o.name().equalsIgnoreCase(outcome.strip()))
                    .findFirst()
                    .orElse(null);
            if (outcomeValue == null) {
                problems.add(new FieldProblem("outcome", "must be one of SUCCESS, DENIED, FAILED"));
            }
        }
        return new AuditFilter(
                fromAt,
                toAt,
                blankToNull(actor),
                blankToNull(team),
                blankToNull(action),
                blankToNull(target),
                outcomeValue,
                blankToNull(q),
                null);
    }

    private static Instant instant(String name, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private static Long before(String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(value.strip());
            if (seq < 1) {
                problems.add(new FieldProblem("before", "must be a whole number of 1 or more (a page's next)"));
                return null;
            }
            return seq;
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem("before", "must be a whole number of 1 or more (a page's next)"));
            return null;
        }
    }

    private static int limit(String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= AuditService.MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new FieldProblem("limit", "must be a whole number between 1 and " + AuditService.MAX_PAGE));
        return DEFAULT_LIMIT;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
