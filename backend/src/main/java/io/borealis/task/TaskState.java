package io.borealis.task;

import java.util.EnumSet;
import java.util.Set;

/** Aurora's task states, minus the ones for features Borealis does not have (drains, preemption). */
public enum TaskState {
    /** Waiting out a flapping penalty before it may be scheduled. */
    THROTTLED,
    /** Waiting for an agent with room for it. */
    PENDING,
    /** Placed on an agent; the launch has been sent. */
    ASSIGNED,
    /** The agent is starting it. */
    STARTING,
    /** Running (and, with a health check, healthy). */
    RUNNING,
    /** Its agent is unreachable; it may still be running. */
    PARTITIONED,
    /** Being killed for good: no replacement. */
    KILLING,
    /** Being killed to be replaced (restart, or kill of a service instance). */
    RESTARTING,
    /** Exited with status 0. */
    FINISHED,
    /** Exited with a non-zero status, failed its health check, or could not start. */
    FAILED,
    /** Killed. */
    KILLED,
    /** The cluster lost track of it, or it stayed too long in a transient state. */
    LOST;

    /** States in which a task occupies (or will occupy) its instance. */
    public static final Set<TaskState> ACTIVE =
            EnumSet.of(THROTTLED, PENDING, ASSIGNED, STARTING, RUNNING, PARTITIONED, KILLING, RESTARTING);

    /** States in which a task holds resources on an agent. */
    public static final Set<TaskState> ON_AGENT =
            EnumSet.of(ASSIGNED, STARTING, RUNNING, PARTITIONED, KILLING, RESTARTING);

    /** States that end a task's life. */
    public static final Set<TaskState> TERMINAL = EnumSet.of(FINISHED, FAILED, KILLED, LOST);

    /** States a task should leave soon; one stuck in them too long is declared LOST. */
    public static final Set<TaskState> TRANSIENT = EnumSet.of(ASSIGNED, STARTING, KILLING, RESTARTING);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    public boolean isOnAgent() {
        return ON_AGENT.contains(this);
    }
}
