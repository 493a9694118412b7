package io.borealis.ui.audit;

import io.borealis.audit.AuditFilter;
import io.borealis.audit.AuditOutcome;
import io.borealis.error.FieldProblem;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit page's filters as they appear in its URL: {@code from, to} (ISO-8601 instants, UTC),
 * {@code actor, team, action, target, outcome, q}. Links open the page filtered, e.g. a job's
 * history at {@code audit?target=payments/prod/web}.
 *
 * @param problems what was wrong with the URL's values (those values are left out of the filter)
 */
public record AuditQuery(
        LocalDateTime from,
        LocalDateTime to,
        String actor,
        String team,
        String action,
        String target,
        AuditOutcome outcome,
        String text,
        List<FieldProblem> problems) {

    /** The URL parameters, in order. */
    public static final List<String> PARAMETERS =
            List.of("from", "to", "actor", "team", "action", "target", "outcome", "q");

    public static final AuditQuery NONE = new AuditQuery(null, null, null, null, null, null, null, null, List.of());

    public AuditQuery {
        actor = clean(actor);
        team = clean(team);
        action = clean(action);
        target = clean(target);
        text = clean(text);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** Reads the URL's query parameters (the first value of each); bad values become problems. */
    public static AuditQuery parse(Map<String, String> parameters) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDateTime from = time("from", parameters.get("from"), problems);
        LocalDateTime to = time("to", parameters.get("to"), problems);
        AuditOutcome outcome = null;
        String wanted = clean(parameters.get("outcome"));
        if (wanted != null) {
            try {
                outcome = AuditOutcome.valueOf(wanted.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("outcome", "must be one of SUCCESS, DENIED, FAILED"));
            }
        }
        return new AuditQuery(
                from,
                to,
                parameters.get("actor"),
                parameters.get("team"),
                parameters.get("action"),
                parameters.get("target"),
                outcome,
                parameters.get("q"),
                problems);
    }

    /** The URL's query parameters for these filters (empty ones left out). */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(
                parameters,
                "from",
                from == null ? null : from.toInstant(ZoneOffset.UTC).toString());
        put(parameters, "to", to == null ? null : to.toInstant(ZoneOffset.UTC).toString());
        put(parameters, "actor", actor);
        put(parameters, "team", team);
        put(parameters, "action", action);
        put(parameters, "target", target);
        put(parameters, "outcome", outcome == null ? null : outcome.name());
        put(parameters, "q", text);
        return parameters;
    }

    /** The service's filter (times are UTC). */
    public AuditFilter filter() {
        return new AuditFilter(
                from == null ? null : from.toInstant(ZoneOffset.UTC),
                to == null ? null : to.toInstant(ZoneOffset.UTC),
                actor,
                team,
                action,
                target,
                outcome,
                text,
                null);
    }

    /** A problem of the filters themselves (not of the URL's spelling): "to" not after "from". */
    public String rangeProblem() {
        return from != null && to != null && !to.isAfter(from) ? "must be after From" : null;
    }

    private static LocalDateTime time(String name, String value, List<FieldProblem> problems) {
        String text = clean(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text);
            } catch (DateTimeParseException again) {
                problems.add(new FieldProblem(name, "must be a time such as 2026-01-31T12:00:00Z (UTC)"));
                return null;
            }
        }
    }

    private static void put(Map<String, String> parameters, String name, String value) {
        if (value != null && !value.isBlank()) {
            parameters.put(name, value);
        }
    }

    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
