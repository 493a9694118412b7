package io.borealis.rollout;

import static io.borealis.rollout.InstanceState.PENDING;
import static io.borealis.rollout.InstanceState.ROLLBACK_FAILED;
import static io.borealis.rollout.InstanceState.ROLLED_BACK;
import static io.borealis.rollout.InstanceState.ROLLING_BACK;
import static io.borealis.rollout.InstanceState.UPDATED;
import static io.borealis.rollout.InstanceState.UPDATE_FAILED;
import static io.borealis.rollout.InstanceState.UPDATING;
import static io.borealis.rollout.InstanceState.WAITING_HEALTHY;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One instance's way through a rollout, as a transition table and the rules that pick the next
 * state (pure):
 *
 * <pre>
 * PENDING         → UPDATING
 * UPDATING        → WAITING_HEALTHY, UPDATED, UPDATE_FAILED, ROLLING_BACK
 * WAITING_HEALTHY → UPDATED, UPDATING (its new task ended; another try), UPDATE_FAILED, ROLLING_BACK
 * UPDATED         → ROLLING_BACK
 * UPDATE_FAILED   → ROLLING_BACK
 * ROLLING_BACK    → ROLLED_BACK, ROLLBACK_FAILED
 * ROLLED_BACK, ROLLBACK_FAILED: final
 * </pre>
 *
 * An instance that was never started stays PENDING when the rollout turns back: there is nothing
 * to undo.
 */
public final class InstanceStateMachine {

    /** What the coordinator saw of the instance's newest task on the configuration it moves to. */
    public enum Observation {
        /** No such task yet, or it is not running (pending, starting, being replaced). */
        NOT_RUNNING,
        /** It runs (and is healthy, when it has a health check). */
        RUNNING,
        /** The instance has no task and needs none (it is being removed, and its tasks are gone). */
        GONE
    }

    private static final Map<InstanceState, Set<InstanceState>> ALLOWED = new EnumMap<>(InstanceState.class);

    static {
        ALLOWED.put(PENDING, EnumSet.of(UPDATING));
        ALLOWED.put(UPDATING, EnumSet.of(WAITING_HEALTHY, UPDATED, UPDATE_FAILED, ROLLING_BACK));
        ALLOWED.put(WAITING_HEALTHY, EnumSet.of(UPDATED, UPDATING, UPDATE_FAILED, ROLLING_BACK));
        ALLOWED.put(UPDATED, EnumSet.of(ROLLING_BACK));
        ALLOWED.put(UPDATE_FAILED, EnumSet.of(ROLLING_BACK));
        ALLOWED.put(ROLLING_BACK, EnumSet.of(ROLLED_BACK, ROLLBACK_FAILED));
        ALLOWED.put(ROLLED_BACK, EnumSet.noneOf(InstanceState.class));
        ALLOWED.put(ROLLBACK_FAILED, EnumSet.noneOf(InstanceState.class));
    }

    private InstanceStateMachine() {}

    /** Whether the table allows {@code from -> to}. */
    public static boolean allows(InstanceState from, InstanceState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The state an instance starts in when its batch starts, in either direction. */
    public static InstanceState started(boolean backward) {
        return backward ? ROLLING_BACK : UPDATING;
    }

    /**
     * The next state of an in-flight instance (UPDATING, WAITING_HEALTHY or ROLLING_BACK).
     *
     * @param from its state now
     * @param failures how many of its new tasks have ended so far in this direction
     * @param maxFailures how many may end before it counts as failed (it fails above this)
     * @param seen what its newest task is doing
     * @param runningSince since when that task runs (when {@code seen} is RUNNING)
     * @param minWait how long it must run before the instance counts as moved
     * @param now the time now
     */
    public static InstanceState next(
            InstanceState from,
            int failures,
            int maxFailures,
            Observation seen,
            Instant runningSince,
            Duration minWait,
            Instant now) {
        boolean backward = from == ROLLING_BACK;
        if (from.phase(backward) != InstanceState.Phase.IN_FLIGHT) {
            return from;
        }
        if (failures > maxFailures) {
            return backward ? ROLLBACK_FAILED : UPDATE_FAILED;
        }
        return switch (seen) {
            case GONE -> backward ? ROLLED_BACK : UPDATED;
            case NOT_RUNNING -> backward ? ROLLING_BACK : UPDATING;
            case RUNNING -> {
                boolean waitedLongEnough = !runningSince.plus(minWait).isAfter(now);
                if (waitedLongEnough) {
                    yield backward ? ROLLED_BACK : UPDATED;
                }
                yield backward ? ROLLING_BACK : WAITING_HEALTHY;
            }
        };
    }
}
