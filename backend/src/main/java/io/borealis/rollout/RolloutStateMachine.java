package io.borealis.rollout;

import static io.borealis.rollout.RolloutStatus.ABORTED;
import static io.borealis.rollout.RolloutStatus.ERROR;
import static io.borealis.rollout.RolloutStatus.FAILED;
import static io.borealis.rollout.RolloutStatus.ROLLED_BACK;
import static io.borealis.rollout.RolloutStatus.ROLLED_FORWARD;
import static io.borealis.rollout.RolloutStatus.ROLLING_BACK;
import static io.borealis.rollout.RolloutStatus.ROLLING_FORWARD;
import static io.borealis.rollout.RolloutStatus.ROLL_BACK_PAUSED;
import static io.borealis.rollout.RolloutStatus.ROLL_FORWARD_PAUSED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rollout's status as a transition table (pure; Aurora's {@code JobUpdateStateMachine} without
 * the pulse statuses):
 *
 * <ul>
 *   <li>ROLLING_FORWARD → ROLLING_BACK, ROLL_FORWARD_PAUSED, ROLLED_FORWARD, ABORTED, FAILED, ERROR
 *   <li>ROLLING_BACK → ROLL_BACK_PAUSED, ROLLED_BACK, ABORTED, FAILED, ERROR
 *   <li>ROLL_FORWARD_PAUSED → ROLLING_FORWARD, ROLLING_BACK, ABORTED, ERROR
 *   <li>ROLL_BACK_PAUSED → ROLLING_BACK, ABORTED, ERROR
 *   <li>ROLLED_FORWARD, ROLLED_BACK, ABORTED, ERROR, FAILED: final
 * </ul>
 *
 * Like the task state machine it never throws: an illegal change is answered ILLEGAL and the
 * caller (the service, for a person's command) says why it refuses.
 */
public final class RolloutStateMachine {

    /** The answer for one change. */
    public record Change(Outcome outcome, RolloutStatus from, RolloutStatus to) {
        public boolean applied() {
            return outcome == Outcome.APPLIED;
        }
    }

    public enum Outcome {
        APPLIED,
        NOOP,
        ILLEGAL
    }

    private static final Map<RolloutStatus, Set<RolloutStatus>> ALLOWED = new EnumMap<>(RolloutStatus.class);

    static {
        ALLOWED.put(
                ROLLING_FORWARD, EnumSet.of(ROLLING_BACK, ROLL_FORWARD_PAUSED, ROLLED_FORWARD, ABORTED, FAILED, ERROR));
        ALLOWED.put(ROLLING_BACK, EnumSet.of(ROLL_BACK_PAUSED, ROLLED_BACK, ABORTED, FAILED, ERROR));
        ALLOWED.put(ROLL_FORWARD_PAUSED, EnumSet.of(ROLLING_FORWARD, ROLLING_BACK, ABORTED, ERROR));
        ALLOWED.put(ROLL_BACK_PAUSED, EnumSet.of(ROLLING_BACK, ABORTED, ERROR));
        for (RolloutStatus terminal : RolloutStatus.TERMINAL) {
            ALLOWED.put(terminal, EnumSet.noneOf(RolloutStatus.class));
        }
    }

    private RolloutStateMachine() {}

    /** Whether the table allows {@code from -> to}. */
    public static boolean allows(RolloutStatus from, RolloutStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The outcome of moving a rollout from {@code from} to {@code to}. */
    public static Change change(RolloutStatus from, RolloutStatus to) {
        if (from == to) {
            return new Change(Outcome.NOOP, from, to);
        }
        return new Change(allows(from, to) ? Outcome.APPLIED : Outcome.ILLEGAL, from, to);
    }

    /**
     * Where a person's control takes a rollout in {@code from}, or empty when it does not apply
     * there: pause from either moving status; resume from either paused one (in the direction it
     * was going); abort from any active status; roll back while going forward (moving or paused)
     * and from a paused rollback.
     */
    public static Optional<RolloutStatus> target(RolloutStatus from, RolloutControl control) {
        RolloutStatus to = switch (control) {
            case PAUSE ->
                switch (from) {
                    case ROLLING_FORWARD -> ROLL_FORWARD_PAUSED;
                    case ROLLING_BACK -> ROLL_BACK_PAUSED;
                    default -> null;
                };
            case RESUME ->
                switch (from) {
                    case ROLL_FORWARD_PAUSED -> ROLLING_FORWARD;
                    case ROLL_BACK_PAUSED -> ROLLING_BACK;
                    default -> null;
                };
            case ABORT -> from.isActive() ? ABORTED : null;
            case ROLL_BACK ->
                switch (from) {
                    case ROLLING_FORWARD, ROLL_FORWARD_PAUSED, ROLL_BACK_PAUSED -> ROLLING_BACK;
                    default -> null;
                };
        };
        return to != null && allows(from, to) ? Optional.of(to) : Optional.empty();
    }
}
