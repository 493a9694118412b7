package io.borealis.audit;

import io.borealis.persistence.JdbcTime;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the audit page and API filter on; every field is optional.
 *
 * @param from entries at or after
 * @param to entries before
 * @param actor exact username (or {@code system})
 * @param team exact team
 * @param action exact action, or a prefix ending in {@code .} ({@code job.} = every job action)
 * @param target entries whose target starts with this (e.g. a job key)
 * @param outcome SUCCESS, DENIED or FAILED
 * @param text words found in the target, reason or message (case-insensitive)
 * @param onlyTeams restricts to these teams (team leads see their teams only); null = no restriction
 */
public record AuditFilter(
        Instant from,
        Instant to,
        String actor,
        String team,
        String action,
        String target,
        AuditOutcome outcome,
        String text,
        Set<String> onlyTeams) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null, null);

    public AuditFilter restrictedTo(Set<String> teams) {
        return new AuditFilter(from, to, actor, team, action, target, outcome, text, Set.copyOf(teams));
    }

    /**
     * Adds this filter's conditions. {@code bytewiseRange}: also bound a target prefix by a
     * byte-wise range ({@code ~>=~ / ~<~}, PostgreSQL's pattern operators): a prepared statement's
     * generic plan cannot turn {@code like ?} into an index range, so without it a job's history
     * scanned ten million rows (docs/benchmarks/audit-postgres.md).
     */
    void appendTo(StringBuilder sql, Map<String, Object> params, boolean bytewiseRange) {
        if (from != null) {
            sql.append(" and at >= :from");
            params.put("from", JdbcTime.toDb(from));
        }
        if (to != null) {
            sql.append(" and at < :to");
            params.put("to", JdbcTime.toDb(to));
        }
        if (notBlank(actor)) {
            sql.append(" and actor = :actor");
            params.put("actor", actor.strip());
        }
        if (notBlank(team)) {
            sql.append(" and team = :team");
            params.put("team", team.strip());
        }
        if (notBlank(action)) {
            if (action.strip().endsWith(".")) {
                sql.append(" and action like :action");
                params.put("action", escapeLike(action.strip()) + "%");
            } else {
                sql.append(" and action = :action");
                params.put("action", action.strip());
            }
        }
        if (notBlank(target)) {
            sql.append(" and target like :target");
            params.put("target", escapeLike(target.strip()) + "%");
            String upper = prefixUpperBound(target.strip());
            if (bytewiseRange && upper != null) {
                sql.append(" and target ~>=~ :targetFrom and target ~<~ :targetTo");
                params.put("targetFrom", target.strip());
                params.put("targetTo", upper);
            }
        }
        if (outcome != null) {
            sql.append(" and outcome = :outcome");
            params.put("outcome", outcome.name());
        }
        if (notBlank(text)) {
            sql.append(" and (lower(target) like :text or lower(reason) like :text or lower(message) like :text)");
            params.put("text", "%" + escapeLike(text.strip().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (onlyTeams != null) {
            if (onlyTeams.isEmpty()) {
                sql.append(" and 1 = 0");
            } else {
                sql.append(" and team in (:onlyTeams)");
                params.put("onlyTeams", onlyTeams);
            }
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * The smallest string above every string that starts with {@code prefix} in code point order
     * (which is UTF-8 byte order): the prefix with its last character incremented; null when that
     * character is a surrogate or the highest one, where no simple bound exists.
     */
    static String prefixUpperBound(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        if (Character.isSurrogate(last) || last == Character.MAX_VALUE || last == Character.MIN_SURROGATE - 1) {
            return null;
        }
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
