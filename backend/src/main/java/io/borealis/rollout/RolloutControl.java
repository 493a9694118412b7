package io.borealis.rollout;

/** What a team lead can do to an active rollout (Aurora's pause, resume, abort and rollback). */
public enum RolloutControl {
    /** Stop moving instances; in-flight ones finish on their own. */
    PAUSE,
    /** Carry on in the direction it was going. */
    RESUME,
    /** Stop for good and leave the job as it is. */
    ABORT,
    /** Move the instances it touched back to their original configuration. */
    ROLL_BACK
}
