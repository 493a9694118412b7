package io.borealis.job;

import java.util.List;

/**
 * Where a task may run, by agent attribute (Aurora's value and limit constraints).
 *
 * @param attribute the agent attribute, e.g. {@code rack} or {@code host}
 * @param kind VALUE: the attribute must (or, negated, must not) have one of {@code values};
 *     LIMIT: at most {@code limit} active tasks of this job per distinct value of the attribute
 * @param values for VALUE
 * @param negated for VALUE
 * @param limit for LIMIT
 */
public record Constraint(String attribute, Kind kind, List<String> values, boolean negated, int limit) {

    public enum Kind {
        VALUE,
        LIMIT
    }

    public Constraint {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static Constraint value(String attribute, String... values) {
        return new Constraint(attribute, Kind.VALUE, List.of(values), false, 0);
    }

    public static Constraint notValue(String attribute, String... values) {
        return new Constraint(attribute, Kind.VALUE, List.of(values), true, 0);
    }

    public static Constraint limit(String attribute, int limit) {
        return new Constraint(attribute, Kind.LIMIT, List.of(), false, limit);
    }

    /** For people: {@code rack=a,b}, {@code rack!=c}, {@code host limit 1}. */
    public String describe() {
        return switch (kind) {
            case VALUE -> attribute + (negated ? "!=" : "=") + String.join(",", values);
            case LIMIT -> attribute + " limit " + limit;
        };
    }
}
