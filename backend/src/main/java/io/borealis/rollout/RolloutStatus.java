package io.borealis.rollout;

import java.util.EnumSet;
import java.util.Set;

/**
 * Aurora's job update statuses, without the two "awaiting pulse" ones (Borealis has no
 * coordinated updates).
 */
public enum RolloutStatus {
    /** Moving instances to the new configuration. */
    ROLLING_FORWARD,
    /** Moving the instances it touched back to their original configuration (after a failure, or asked to). */
    ROLLING_BACK,
    /** Paused going forward, by a person or at a checkpoint; a team lead resumes it. */
    ROLL_FORWARD_PAUSED,
    /** Paused while rolling back. */
    ROLL_BACK_PAUSED,
    /** Every instance reached the new configuration (or failed within the allowed number). */
    ROLLED_FORWARD,
    /** Every instance it touched is back on its original configuration. */
    ROLLED_BACK,
    /** Stopped by a person; the job is left as it was at that moment (possibly mixed). */
    ABORTED,
    /** Borealis could not carry on (an internal error); the job is left as it was. */
    ERROR,
    /** Too many instances failed with rollback off, or the rollback itself failed. */
    FAILED;

    /** Statuses of a rollout that is still under way (it blocks other changes of its job). */
    public static final Set<RolloutStatus> ACTIVE =
            EnumSet.of(ROLLING_FORWARD, ROLLING_BACK, ROLL_FORWARD_PAUSED, ROLL_BACK_PAUSED);

    /** Statuses in which the scheduler moves instances. */
    public static final Set<RolloutStatus> MOVING = EnumSet.of(ROLLING_FORWARD, ROLLING_BACK);

    /** Statuses a rollout ends in. */
    public static final Set<RolloutStatus> TERMINAL = EnumSet.complementOf(EnumSet.copyOf(ACTIVE));

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    public boolean isPaused() {
        return this == ROLL_FORWARD_PAUSED || this == ROLL_BACK_PAUSED;
    }

    /** Whether instances go back to their original configuration in this status. */
    public boolean isBackward() {
        return this == ROLLING_BACK || this == ROLL_BACK_PAUSED || this == ROLLED_BACK;
    }
}
