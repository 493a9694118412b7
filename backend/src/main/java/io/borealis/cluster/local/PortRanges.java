package io.borealis.cluster.local;

import io.borealis.cluster.PortRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port range arithmetic for offers: agents configure one range each, tasks hold single ports, and
 * offers show what is left as few, merged ranges (as Mesos offers them).
 */
final class PortRanges {

    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,5})\\s*(?:-\\s*(\\d{1,5})\\s*)?");

    private PortRanges() {}

    /**
     * Parses {@code 31000-31099} (inclusive) or a single port {@code 31000}.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    static PortRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required, e.g. 31000-31099");
        }
        Matcher matcher = RANGE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must look like 31000-31099, was '" + text + "'");
        }
        int begin = Integer.parseInt(matcher.group(1));
        int end = matcher.group(2) == null ? begin : Integer.parseInt(matcher.group(2));
        if (begin < 1 || end > 65535) {
            throw new IllegalArgumentException("ports must be between 1 and 65535, was '" + text + "'");
        }
        if (begin > end) {
            throw new IllegalArgumentException("must start at or below its end, was '" + text + "'");
        }
        return new PortRange(begin, end);
    }

    /** Sorts the ranges and joins overlapping and adjacent ones ({@code 1-3} and {@code 4-5} make {@code 1-5}). */
    static List<PortRange> merge(Collection<PortRange> ranges) {
        List<PortRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(PortRange::begin).thenComparingInt(PortRange::end));
        List<PortRange> merged = new ArrayList<>();
        for (PortRange range : sorted) {
            if (!merged.isEmpty()) {
                PortRange last = merged.getLast();
                if (range.begin() <= last.end() + 1) {
                    merged.set(merged.size() - 1, new PortRange(last.begin(), Math.max(last.end(), range.end())));
                    continue;
                }
            }
            merged.add(range);
        }
        return List.copyOf(merged);
    }

    /** The ports of {@code ranges} that are not in {@code used}, as merged ranges in ascending order. */
    static List<PortRange> subtract(Collection<PortRange> ranges, Collection<Integer> used) {
        TreeSet<Integer> taken = new TreeSet<>(used);
        List<PortRange> free = new ArrayList<>();
        for (PortRange range : merge(ranges)) {
            int next = range.begin();
            for (int port : taken.subSet(range.begin(), true, range.end(), true)) {
                if (port > next) {
                    free.add(new PortRange(next, port - 1));
                }
                next = port + 1;
            }
            if (next <= range.end()) {
                free.add(new PortRange(next, range.end()));
            }
        }
        return List.copyOf(free);
    }
}
