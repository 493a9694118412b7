package io.borealis.ui.job;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/** Instance lists as people write them: "0-3, 7, 9". */
final class InstanceRanges {

    private InstanceRanges() {}

    /**
     * Parses a list of instances and ranges; every instance must be below {@code count}.
     *
     * @throws IllegalArgumentException with a message for people
     */
    static SortedSet<Integer> parse(String text, int count) {
        SortedSet<Integer> instances = new TreeSet<>();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Name at least one instance, e.g. 0-2, 5");
        }
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int dash = item.indexOf('-', 1);
            int from;
            int to;
            try {
                if (dash > 0) {
                    from = Integer.parseInt(item.substring(0, dash).strip());
                    to = Integer.parseInt(item.substring(dash + 1).strip());
                } else {
                    from = Integer.parseInt(item);
                    to = from;
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + item + "' is not an instance number or a range like 2-5");
            }
            if (from > to) {
                throw new IllegalArgumentException("'" + item + "' runs backwards: write the lower number first");
            }
            if (from < 0 || to >= count) {
                throw new IllegalArgumentException("'" + item + "' is outside the job's instances 0 to " + (count - 1));
            }
            for (int i = from; i <= to; i++) {
                instances.add(i);
            }
        }
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("Name at least one instance, e.g. 0-2, 5");
        }
        return instances;
    }

    /** The shortest way to write a set of instances: "0-3, 7". */
    static String format(Collection<Integer> instances) {
        StringBuilder text = new StringBuilder();
        Integer start = null;
        Integer previous = null;
        for (int instance : new TreeSet<>(instances)) {
            if (start == null) {
                start = instance;
            } else if (instance != previous + 1) {
                append(text, start, previous);
                start = instance;
            }
            previous = instance;
        }
        if (start != null) {
            append(text, start, previous);
        }
        return text.toString();
    }

    private static void append(StringBuilder text, int from, int to) {
        if (!text.isEmpty()) {
            text.append(", ");
        }
        text.append(from == to ? Integer.toString(from) : from + "-" + to);
    }
}
