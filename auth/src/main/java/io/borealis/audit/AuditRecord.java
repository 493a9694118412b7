package io.borealis.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a service asks {@link AuditTrail} to record (who, when and from where are added by the
 * trail). Built fluently: {@code AuditRecord.of("job.scale").team(t).target(key).change("instances", 3, 5)}.
 */
public final class AuditRecord {

    /** A field's value before and after, as text (null when absent). */
    public record Change(String before, String after) {}

    private final String action;
    private String team;
    private String target;
    private String reason;
    private String message;
    private AuditOutcome outcome = AuditOutcome.SUCCESS;
    private boolean bySystem;
    private final Map<String, Change> changes = new LinkedHashMap<>();

    private AuditRecord(String action) {
        this.action = Objects.requireNonNull(action);
    }

    public static AuditRecord of(String action) {
        return new AuditRecord(action);
    }

    public AuditRecord team(String team) {
        this.team = team;
        return this;
    }

    public AuditRecord target(Object target) {
        this.target = target == null ? null : target.toString();
        return this;
    }

    public AuditRecord reason(String reason) {
        this.reason = reason == null || reason.isBlank() ? null : reason.strip();
        return this;
    }

    public AuditRecord message(String message) {
        this.message = message;
        return this;
    }

    public AuditRecord outcome(AuditOutcome outcome) {
        this.outcome = outcome;
        return this;
    }

    /** Marks the action as Borealis's own (the scheduler's), whoever's thread it runs on. */
    public AuditRecord bySystem() {
        this.bySystem = true;
        return this;
    }

    public boolean isBySystem() {
        return bySystem;
    }

    /** Records a field's change; unchanged values are left out. */
    public AuditRecord change(String field, Object before, Object after) {
        String b = before == null ? null : before.toString();
        String a = after == null ? null : after.toString();
        if (!Objects.equals(b, a)) {
            changes.put(field, new Change(b, a));
        }
        return this;
    }

    /** Records every field that differs between two snapshots (secrets must not be in them). */
    public AuditRecord changes(Map<String, ?> before, Map<String, ?> after) {
        java.util.TreeSet<String> fields = new java.util.TreeSet<>(before.keySet());
        fields.addAll(after.keySet());
        for (String field : fields) {
            change(field, before.get(field), after.get(field));
        }
        return this;
    }

    public String action() {
        return action;
    }

    public String team() {
        return team;
    }

    public String target() {
        return target;
    }

    public String reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    public AuditOutcome outcome() {
        return outcome;
    }

    public Map<String, Change> changes() {
        return Collections.unmodifiableMap(changes);
    }
}
