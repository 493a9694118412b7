package io.borealis.task;

import java.time.Duration;

/**
 * Aurora's flapping penalty (pure): a replacement for a task that ran for less than
 * {@code threshold} before it ended on its own waits THROTTLED before it may be scheduled. The
 * wait starts at {@code initialPenalty} and doubles with each flap in a row, up to
 * {@code maxPenalty}. Tasks ended by a person (kill, restart) never count as flapping, nor do
 * LOST ones: losing a task is the cluster's doing (an agent gone, an offer gone stale), not the
 * task's, and its replacement should not wait.
 */
public record FlappingPolicy(Duration threshold, Duration initialPenalty, Duration maxPenalty) {

    public static final FlappingPolicy DEFAULT =
            new FlappingPolicy(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(5));

    public FlappingPolicy {
        if (threshold.isNegative() || initialPenalty.isNegative() || maxPenalty.compareTo(initialPenalty) < 0) {
            throw new IllegalArgumentException(
                    "flapping policy needs non-negative durations and a max penalty of at least the initial one");
        }
    }

    /**
     * Whether a task that went from {@code from} to the terminal state {@code to} after running for
     * {@code ranFor} (zero if it never ran) was flapping.
     */
    public boolean flapped(Duration ranFor, TaskState from, TaskState to) {
        return from != TaskState.RESTARTING
                && from != TaskState.KILLING
                && to != TaskState.LOST
                && ranFor.compareTo(threshold) < 0;
    }

    /** The wait for the {@code flaps}-th flap in a row (1 = the first). */
    public Duration penalty(int flaps) {
        if (flaps <= 0) {
            return Duration.ZERO;
        }
        Duration penalty = initialPenalty;
        for (int i = 1; i < flaps && penalty.compareTo(maxPenalty) < 0; i++) {
            penalty = penalty.multipliedBy(2);
        }
        return penalty.compareTo(maxPenalty) > 0 ? maxPenalty : penalty;
    }
}
