package io.borealis.auth.team;

/** How much a member may do in a team; each level includes the ones below it. */
public enum TeamLevel {
    /** Reads the team's jobs, tasks, logs and rollouts. */
    VIEWER,
    /** Also creates, scales, restarts and kills the team's jobs, and starts rollouts. */
    DEVELOPER,
    /** Also steers rollouts, manages members below LEAD, and reads the team's audit trail. */
    LEAD;

    public boolean atLeast(TeamLevel other) {
        return ordinal() >= other.ordinal();
    }
}
