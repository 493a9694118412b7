package io.borealis.rollout;

import io.borealis.error.FieldProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a rollout must do to reach the target (pure; Aurora's {@code JobDiff}): the instances to
 * add, to change (with the configuration each runs now) and to remove (with the configuration
 * each runs now), each ascending, restricted to the chosen instances when a canary list is given.
 *
 * @param add instances to create with the target configuration
 * @param change instances to move to the target, with their current configuration id
 * @param remove instances to kill, with their current configuration id
 * @param unchanged instances already on the target (or left out by the canary list)
 * @param oldInstanceCount the job's instance count before
 * @param newInstanceCount the instance count asked for
 */
public record JobDiff(
        SortedSet<Integer> add,
        SortedMap<Integer, Long> change,
        SortedMap<Integer, Long> remove,
        SortedSet<Integer> unchanged,
        int oldInstanceCount,
        int newInstanceCount) {

    public JobDiff {
        add = Collections.unmodifiableSortedSet(new TreeSet<>(add));
        change = Collections.unmodifiableSortedMap(new TreeMap<>(change));
        remove = Collections.unmodifiableSortedMap(new TreeMap<>(remove));
        unchanged = Collections.unmodifiableSortedSet(new TreeSet<>(unchanged));
    }

    /**
     * The difference between what runs now and the target.
     *
     * @param current the configuration id each instance runs now (an instance below the old count
     *     without a live task is missing from the map and will be added)
     * @param oldCount the job's instance count now
     * @param target the target configuration id
     * @param newCount the instance count asked for
     * @param only the canary instances, or empty for all
     */
    public static JobDiff between(
            Map<Integer, Long> current, int oldCount, long target, int newCount, Set<Integer> only) {
        SortedSet<Integer> add = new TreeSet<>();
        SortedMap<Integer, Long> change = new TreeMap<>();
        SortedMap<Integer, Long> remove = new TreeMap<>();
        SortedSet<Integer> unchanged = new TreeSet<>();
        int upTo = Math.max(
                Math.max(oldCount, newCount),
                current.keySet().stream().mapToInt(i -> i + 1).max().orElse(0));
        for (int instance = 0; instance < upTo; instance++) {
            Long now = current.get(instance);
            boolean wanted = instance < newCount;
            boolean chosen = only.isEmpty() || only.contains(instance);
            if (!chosen) {
                if (now != null || instance < oldCount) {
                    unchanged.add(instance);
                }
            } else if (wanted && now == null) {
                add.add(instance);
            } else if (wanted && now.longValue() != target) {
                change.put(instance, now);
            } else if (wanted) {
                unchanged.add(instance);
            } else if (now != null) {
                remove.put(instance, now);
            }
        }
        return new JobDiff(add, change, remove, unchanged, oldCount, newCount);
    }

    /** Whether there is nothing to do ("job is unchanged"). */
    public boolean isEmpty() {
        return add.isEmpty() && change.isEmpty() && remove.isEmpty();
    }

    /** How many instances the rollout touches. */
    public int size() {
        return add.size() + change.size() + remove.size();
    }

    /** What the rollout does to an instance, or null when it leaves it alone. */
    public InstanceChange changeOf(int instance) {
        if (add.contains(instance)) {
            return InstanceChange.ADD;
        }
        if (change.containsKey(instance)) {
            return InstanceChange.CHANGE;
        }
        if (remove.containsKey(instance)) {
            return InstanceChange.REMOVE;
        }
        return null;
    }

    /** The configuration an instance runs before the rollout (null for one being added). */
    public Long fromConfig(int instance) {
        Long changing = change.get(instance);
        return changing != null ? changing : remove.get(instance);
    }

    /** The distinct configurations the changed and removed instances run now, ascending. */
    public SortedSet<Long> fromConfigs() {
        SortedSet<Long> configs = new TreeSet<>(change.values());
        configs.addAll(remove.values());
        return configs;
    }

    /**
     * A canary list that adds or removes instances must keep the job's instances contiguous (0 to
     * n-1): the problem, on {@code settings.onlyInstances}, when it would leave a gap.
     */
    public List<FieldProblem> gapProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        int count = countAfter();
        for (int instance = 0; instance < count; instance++) {
            if (!presentAfter(instance)) {
                problems.add(new FieldProblem(
                        "settings.onlyInstances",
                        "would leave instance " + instance + " missing while instance " + (count - 1)
                                + " runs: add instances from " + oldInstanceCount
                                + " upwards and remove the highest ones"));
                break;
            }
        }
        return problems;
    }

    /**
     * The job's instance count after a successful rollout: one above the highest instance that
     * remains (with a canary list, instances outside it stay as they are).
     */
    public int countAfter() {
        int highest = -1;
        int upTo = Math.max(oldInstanceCount, newInstanceCount);
        upTo = Math.max(upTo, remove.isEmpty() ? 0 : remove.lastKey() + 1);
        upTo = Math.max(upTo, unchanged.isEmpty() ? 0 : unchanged.last() + 1);
        for (int instance = 0; instance < upTo; instance++) {
            if (presentAfter(instance)) {
                highest = instance;
            }
        }
        return highest + 1;
    }

    private boolean presentAfter(int instance) {
        return add.contains(instance)
                || change.containsKey(instance)
                || (unchanged.contains(instance) && !remove.containsKey(instance));
    }
}
