package io.borealis.rollout;

import io.borealis.rollout.InstanceState.Phase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * In which order and groups a rollout moves its instances (pure).
 *
 * <p>Going forward the order is: instances to add, then to change, then to remove, each ascending
 * (Aurora's order). FIXED cuts that order into batches of one size; VARIABLE into batches of
 * successive sizes, the last size repeated for the rest; SLIDING_WINDOW keeps up to N instances in
 * flight and starts the next as soon as one finishes (its "batches" of N are only for display).
 *
 * <p>Rolling back reverses: the forward batches, last first, each in descending order, holding only
 * the instances that were touched (an instance never started has nothing to undo).
 */
public final class BatchPlan {

    /** What to do now: which instances to start, in which batch, or that everything is done. */
    public record Step(List<Integer> start, int batch, boolean finished) {
        public Step {
            start = List.copyOf(start);
        }
    }

    private final RolloutSettings.Strategy strategy;
    private final int window;
    private final List<List<Integer>> batches;
    private final Map<Integer, Integer> batchOf = new HashMap<>();

    private BatchPlan(RolloutSettings.Strategy strategy, int window, List<List<Integer>> batches) {
        this.strategy = strategy;
        this.window = window;
        List<List<Integer>> copy = new ArrayList<>();
        for (List<Integer> batch : batches) {
            if (!batch.isEmpty()) {
                copy.add(List.copyOf(batch));
            }
        }
        this.batches = Collections.unmodifiableList(copy);
        for (int b = 0; b < this.batches.size(); b++) {
            for (int instance : this.batches.get(b)) {
                batchOf.put(instance, b);
            }
        }
    }

    /** Add, then change, then remove, each ascending. */
    public static List<Integer> forwardOrder(JobDiff diff) {
        List<Integer> order = new ArrayList<>(diff.size());
        order.addAll(diff.add());
        order.addAll(diff.change().keySet());
        order.addAll(diff.remove().keySet());
        return order;
    }

    /** The forward plan of a diff. */
    public static BatchPlan forward(JobDiff diff, RolloutSettings settings) {
        return of(settings, forwardOrder(diff));
    }

    /** The forward plan for instances already in order. */
    public static BatchPlan of(RolloutSettings settings, List<Integer> order) {
        List<Integer> sizes = settings.batchSizes().isEmpty()
                ? List.of(1)
                : settings.batchSizes().stream()
                        .map(size -> size == null || size < 1 ? 1 : size)
                        .toList();
        List<List<Integer>> batches = new ArrayList<>();
        int next = 0;
        int sizeIndex = 0;
        while (next < order.size()) {
            int size = sizes.get(Math.min(sizeIndex, sizes.size() - 1));
            if (settings.strategy() == RolloutSettings.Strategy.VARIABLE) {
                sizeIndex++;
            }
            int end = Math.min(order.size(), next + size);
            batches.add(order.subList(next, end));
            next = end;
        }
        int window = settings.strategy() == RolloutSettings.Strategy.SLIDING_WINDOW ? sizes.getFirst() : 0;
        return new BatchPlan(settings.strategy(), window, batches);
    }

    /** A plan from batches decided before (a stored rollout's), with the settings' strategy. */
    public static BatchPlan stored(RolloutSettings settings, List<List<Integer>> batches) {
        int window = settings.strategy() == RolloutSettings.Strategy.SLIDING_WINDOW
                        && !settings.batchSizes().isEmpty()
                ? settings.batchSizes().getFirst()
                : 0;
        return new BatchPlan(settings.strategy(), window, batches);
    }

    /**
     * The plan that undoes this one: its batches last first, each descending, holding only the
     * instances for which {@code touched} is true.
     */
    public BatchPlan rollback(IntPredicate touched) {
        List<List<Integer>> reversed = new ArrayList<>();
        for (int b = batches.size() - 1; b >= 0; b--) {
            List<Integer> batch = new ArrayList<>();
            List<Integer> forward = batches.get(b);
            for (int i = forward.size() - 1; i >= 0; i--) {
                if (touched.test(forward.get(i))) {
                    batch.add(forward.get(i));
                }
            }
            reversed.add(batch);
        }
        if (strategy == RolloutSettings.Strategy.SLIDING_WINDOW) {
            List<Integer> order = reversed.stream().flatMap(List::stream).toList();
            List<List<Integer>> windows = new ArrayList<>();
            for (int i = 0; i < order.size(); i += window) {
                windows.add(order.subList(i, Math.min(order.size(), i + window)));
            }
            return new BatchPlan(strategy, window, windows);
        }
        return new BatchPlan(strategy, window, reversed);
    }

    /**
     * The next step, given each instance's phase in this plan's direction: for batches, the
     * instances not yet started of the first batch that is not finished; for a sliding window, as
     * many not yet started instances (in order) as there are free places in the window.
     */
    public Step next(IntFunction<Phase> phaseOf) {
        int first = -1;
        for (int b = 0; b < batches.size() && first < 0; b++) {
            for (int instance : batches.get(b)) {
                if (phaseOf.apply(instance) != Phase.FINISHED) {
                    first = b;
                    break;
                }
            }
        }
        if (first < 0) {
            return new Step(List.of(), batches.size(), true);
        }
        List<Integer> start = new ArrayList<>();
        if (strategy == RolloutSettings.Strategy.SLIDING_WINDOW) {
            List<Integer> order = order();
            int inFlight = 0;
            for (int instance : order) {
                if (phaseOf.apply(instance) == Phase.IN_FLIGHT) {
                    inFlight++;
                }
            }
            for (int instance : order) {
                if (inFlight + start.size() >= window) {
                    break;
                }
                if (phaseOf.apply(instance) == Phase.NOT_STARTED) {
                    start.add(instance);
                }
            }
        } else {
            for (int instance : batches.get(first)) {
                if (phaseOf.apply(instance) == Phase.NOT_STARTED) {
                    start.add(instance);
                }
            }
        }
        return new Step(start, first, false);
    }

    public RolloutSettings.Strategy strategy() {
        return strategy;
    }

    /** The batches, in the order they run (for a sliding window: groups of its size, for display). */
    public List<List<Integer>> batches() {
        return batches;
    }

    public int batchCount() {
        return batches.size();
    }

    /** Every instance of the plan, in the order they are moved. */
    public List<Integer> order() {
        return batches.stream().flatMap(List::stream).toList();
    }

    /** The batch (from 0) an instance is in, or -1 when the plan does not hold it. */
    public int batchOf(int instance) {
        return batchOf.getOrDefault(instance, -1);
    }

    @Override
    public String toString() {
        return strategy + " " + batches;
    }
}
