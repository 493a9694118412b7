package io.borealis.rollout;

import io.borealis.error.FieldProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How a rollout proceeds (Aurora's {@code JobUpdateSettings}, minus pulses and SLA awareness).
 *
 * @param strategy FIXED batches, VARIABLE batch sizes, or a SLIDING_WINDOW
 * @param batchSizes FIXED: the batch size; VARIABLE: successive sizes, the last repeated (e.g. 1, 5,
 *     20); SLIDING_WINDOW: how many instances may be in flight at once
 * @param minWaitSeconds how long a new task must stay RUNNING (and healthy) before its instance
 *     counts as updated (Aurora's {@code watch_secs})
 * @param maxFailuresPerInstance how many times an instance's new task may end before the instance
 *     counts as failed (it fails above this number)
 * @param maxFailedInstances how many instances may fail before the rollout fails (above this
 *     number): rolled back, or FAILED when {@code rollbackOnFailure} is off
 * @param rollbackOnFailure roll back automatically when too many instances fail
 * @param onlyInstances canary: touch only these instances (empty: all of them)
 * @param pauseAfterEachBatch checkpoint after every batch (FIXED and VARIABLE only)
 * @param pauseAfterBatches checkpoints after these batches, counted from 1 (FIXED and VARIABLE only)
 */
public record RolloutSettings(
        Strategy strategy,
        List<Integer> batchSizes,
        int minWaitSeconds,
        int maxFailuresPerInstance,
        int maxFailedInstances,
        boolean rollbackOnFailure,
        SortedSet<Integer> onlyInstances,
        boolean pauseAfterEachBatch,
        SortedSet<Integer> pauseAfterBatches) {

    /** How instances are grouped. */
    public enum Strategy {
        /** Batches of one size; the next starts when the whole batch is done (Aurora's Batch). */
        FIXED,
        /** Batches of successive sizes, the last repeated (Aurora's VariableBatch). */
        VARIABLE,
        /** Up to N instances in flight at any time (Aurora's Queue). */
        SLIDING_WINDOW
    }

    public static final int MAX_BATCH_SIZE = 10_000;
    public static final int MAX_MIN_WAIT_SECONDS = 86_400;
    public static final int MAX_FAILURES_PER_INSTANCE = 100;

    public RolloutSettings {
        batchSizes = batchSizes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(batchSizes));
        onlyInstances = Collections.unmodifiableSortedSet(
                onlyInstances == null ? new TreeSet<>() : new TreeSet<>(onlyInstances));
        pauseAfterBatches = Collections.unmodifiableSortedSet(
                pauseAfterBatches == null ? new TreeSet<>() : new TreeSet<>(pauseAfterBatches));
    }

    /**
     * Batches of {@code size}, each instance watched 45 s, no failures tolerated, rollback on
     * failure, every instance, no checkpoints (Aurora's defaults, batch size aside).
     */
    public static RolloutSettings batches(int size) {
        return new RolloutSettings(Strategy.FIXED, List.of(size), 45, 0, 0, true, null, false, null);
    }

    /** Successive batch sizes, the last repeated; otherwise like {@link #batches}. */
    public static RolloutSettings variableBatches(Integer... sizes) {
        return new RolloutSettings(Strategy.VARIABLE, List.of(sizes), 45, 0, 0, true, null, false, null);
    }

    /** Up to {@code size} instances in flight at once; otherwise like {@link #batches}. */
    public static RolloutSettings slidingWindow(int size) {
        return new RolloutSettings(Strategy.SLIDING_WINDOW, List.of(size), 45, 0, 0, true, null, false, null);
    }

    public RolloutSettings withMinWaitSeconds(int seconds) {
        return new RolloutSettings(
                strategy,
                batchSizes,
                seconds,
                maxFailuresPerInstance,
                maxFailedInstances,
                rollbackOnFailure,
                onlyInstances,
                pauseAfterEachBatch,
                pauseAfterBatches);
    }

    public RolloutSettings withFailureLimits(int perInstance, int instances) {
        return new RolloutSettings(
                strategy,
                batchSizes,
                minWaitSeconds,
                perInstance,
                instances,
                rollbackOnFailure,
                onlyInstances,
                pauseAfterEachBatch,
                pauseAfterBatches);
    }

    public RolloutSettings withRollbackOnFailure(boolean rollback) {
        return new RolloutSettings(
                strategy,
                batchSizes,
                minWaitSeconds,
                maxFailuresPerInstance,
                maxFailedInstances,
                rollback,
                onlyInstances,
                pauseAfterEachBatch,
                pauseAfterBatches);
    }

    public RolloutSettings withOnlyInstances(Collection<Integer> instances) {
        return new RolloutSettings(
                strategy,
                batchSizes,
                minWaitSeconds,
                maxFailuresPerInstance,
                maxFailedInstances,
                rollbackOnFailure,
                instances == null ? null : new TreeSet<>(instances),
                pauseAfterEachBatch,
                pauseAfterBatches);
    }

    public RolloutSettings withPauseAfterEachBatch(boolean pause) {
        return new RolloutSettings(
                strategy,
                batchSizes,
                minWaitSeconds,
                maxFailuresPerInstance,
                maxFailedInstances,
                rollbackOnFailure,
                onlyInstances,
                pause,
                pauseAfterBatches);
    }

    /** Checkpoints after these batches (counted from 1). */
    public RolloutSettings withPauseAfterBatches(Integer... batches) {
        return new RolloutSettings(
                strategy,
                batchSizes,
                minWaitSeconds,
                maxFailuresPerInstance,
                maxFailedInstances,
                rollbackOnFailure,
                onlyInstances,
                pauseAfterEachBatch,
                new TreeSet<>(List.of(batches)));
    }

    public Duration minWait() {
        return Duration.ofSeconds(minWaitSeconds);
    }

    /** Whether the rollout pauses after batch {@code batch} (counted from 1). */
    public boolean pausesAfter(int batch) {
        return strategy != Strategy.SLIDING_WINDOW && (pauseAfterEachBatch || pauseAfterBatches.contains(batch));
    }

    /** Problems with the settings on their own, fields prefixed {@code settings.}. */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (strategy == null) {
            problems.add(new FieldProblem("settings.strategy", "is required: FIXED, VARIABLE or SLIDING_WINDOW"));
        }
        if (batchSizes.isEmpty()) {
            problems.add(new FieldProblem(
                    "settings.batchSizes",
                    strategy == Strategy.VARIABLE ? "needs at least one size, e.g. 1,5,20" : "needs a size"));
        } else if (batchSizes.size() > 1 && strategy != Strategy.VARIABLE) {
            problems.add(
                    new FieldProblem("settings.batchSizes", "takes a single size unless the strategy is VARIABLE"));
        }
        for (int i = 0; i < batchSizes.size(); i++) {
            Integer size = batchSizes.get(i);
            if (size == null || size < 1 || size > MAX_BATCH_SIZE) {
                problems.add(new FieldProblem(
                        "settings.batchSizes[" + i + "]", "must be between 1 and " + MAX_BATCH_SIZE + " instances"));
            }
        }
        if (minWaitSeconds < 0 || minWaitSeconds > MAX_MIN_WAIT_SECONDS) {
            problems.add(new FieldProblem(
                    "settings.minWaitSeconds", "must be between 0 and " + MAX_MIN_WAIT_SECONDS + " seconds"));
        }
        if (maxFailuresPerInstance < 0 || maxFailuresPerInstance > MAX_FAILURES_PER_INSTANCE) {
            problems.add(new FieldProblem(
                    "settings.maxFailuresPerInstance", "must be between 0 and " + MAX_FAILURES_PER_INSTANCE));
        }
        if (maxFailedInstances < 0) {
            problems.add(new FieldProblem("settings.maxFailedInstances", "must not be negative"));
        }
        if (onlyInstances.stream().anyMatch(i -> i == null || i < 0)) {
            problems.add(new FieldProblem("settings.onlyInstances", "instances are numbered from 0"));
        }
        if (strategy == Strategy.SLIDING_WINDOW && (pauseAfterEachBatch || !pauseAfterBatches.isEmpty())) {
            problems.add(new FieldProblem(
                    "settings.pauseAfterBatches",
                    "checkpoints need batches: use the FIXED or VARIABLE strategy, a sliding window has none"));
        }
        if (pauseAfterBatches.stream().anyMatch(b -> b == null || b < 1)) {
            problems.add(new FieldProblem("settings.pauseAfterBatches", "batches are counted from 1"));
        }
        return problems;
    }

    /**
     * Problems with the settings for a given rollout: failure limit below the instances it touches,
     * canary instances that exist, checkpoints on real batches, and no gap left by a canary list.
     */
    public List<FieldProblem> problemsFor(JobDiff diff, BatchPlan plan) {
        List<FieldProblem> problems = new ArrayList<>();
        int touched = diff.size();
        if (touched > 0 && maxFailedInstances >= touched) {
            problems.add(new FieldProblem(
                    "settings.maxFailedInstances",
                    "must be less than the " + touched + " instance" + (touched == 1 ? "" : "s")
                            + " this rollout changes, or failures could never stop it"));
        }
        int existing = Math.max(diff.oldInstanceCount(), diff.newInstanceCount());
        for (int instance : onlyInstances) {
            if (instance >= existing) {
                problems.add(new FieldProblem(
                        "settings.onlyInstances",
                        "instance " + instance + " does not exist: the job has instances 0 to "
                                + (diff.oldInstanceCount() - 1)
                                + (diff.newInstanceCount() != diff.oldInstanceCount()
                                        ? " (0 to " + (diff.newInstanceCount() - 1) + " after the rollout)"
                                        : "")));
                break;
            }
        }
        int batches = plan.batchCount();
        for (int batch : pauseAfterBatches) {
            if (batch > batches) {
                problems.add(new FieldProblem(
                        "settings.pauseAfterBatches",
                        "batch " + batch + " does not exist: this rollout has " + batches + " batch"
                                + (batches == 1 ? "" : "es")));
            } else if (batch == batches) {
                problems.add(new FieldProblem(
                        "settings.pauseAfterBatches",
                        "batch " + batch + " is the last one: the rollout finishes after it"));
            }
        }
        if (!onlyInstances.isEmpty()) {
            problems.addAll(diff.gapProblems());
        }
        return problems;
    }
}
