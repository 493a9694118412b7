package io.borealis.rollout;

import io.borealis.error.InvalidInputException;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/** Instance lists as people write them, {@code 0-2,5}, in and out (pure). */
public final class InstanceRanges {

    private static final int MAX_INSTANCE = 1_000_000;

    private InstanceRanges() {}

    /**
     * Parses {@code 0-2,5} (spaces allowed; blank means none). Refuses anything else with a problem
     * on {@code field}.
     */
    public static SortedSet<Integer> parse(String text, String field) {
        SortedSet<Integer> instances = new TreeSet<>();
        if (text == null || text.isBlank()) {
            return instances;
        }
        for (String part : text.split(",")) {
            String range = part.strip();
            try {
                int dash = range.indexOf('-', 1);
                int first = Integer.parseInt((dash < 0 ? range : range.substring(0, dash)).strip());
                int last = dash < 0
                        ? first
                        : Integer.parseInt(range.substring(dash + 1).strip());
                if (first < 0 || last < first || last > MAX_INSTANCE) {
                    throw new NumberFormatException();
                }
                for (int instance = first; instance <= last; instance++) {
                    instances.add(instance);
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new InvalidInputException(
                        field, "'" + range + "' is not an instance or a range like 0-2 (write e.g. 0-2,5)");
            }
        }
        return instances;
    }

    /** Writes instances as ranges: {@code [0, 1, 2, 5]} becomes {@code 0-2,5}. */
    public static String format(Collection<Integer> instances) {
        StringBuilder text = new StringBuilder();
        Integer start = null;
        Integer previous = null;
        for (int instance : new TreeSet<>(instances)) {
            if (previous != null && instance == previous + 1) {
                previous = instance;
                continue;
            }
            append(text, start, previous);
            start = instance;
            previous = instance;
        }
        append(text, start, previous);
        return text.toString();
    }

    private static void append(StringBuilder text, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (!text.isEmpty()) {
            text.append(',');
        }
        text.append(start);
        if (end > start) {
            text.append('-').append(end);
        }
    }
}
