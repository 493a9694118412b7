package io.borealis.cluster;

/**
 * Task states as a cluster reports them (the Mesos v1 {@code TaskState} values; the local cluster
 * uses a subset). The scheduler maps them onto its own task state machine.
 */
public enum ClusterTaskState {
    STAGING,
    STARTING,
    RUNNING,
    KILLING,
    FINISHED,
    FAILED,
    KILLED,
    ERROR,
    LOST,
    DROPPED,
    UNREACHABLE,
    GONE,
    GONE_BY_OPERATOR,
    UNKNOWN;

    public boolean isTerminal() {
        return switch (this) {
            case FINISHED, FAILED, KILLED, ERROR, LOST, DROPPED, GONE, GONE_BY_OPERATOR -> true;
            default -> false;
        };
    }
}
