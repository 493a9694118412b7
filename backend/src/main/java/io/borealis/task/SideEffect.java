package io.borealis.task;

/** What the scheduler must do, besides saving the new state, after a transition. */
public enum SideEffect {
    /** Ask the cluster to kill the task. */
    KILL,
    /** Count one more failure for the instance (carried to its replacements). */
    INCREMENT_FAILURES,
    /** Create a replacement task for the instance. */
    RESCHEDULE
}
