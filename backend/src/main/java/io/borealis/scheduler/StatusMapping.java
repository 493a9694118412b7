package io.borealis.scheduler;

import io.borealis.cluster.TaskStatusUpdate;
import io.borealis.task.TaskState;
import java.util.Optional;

/**
 * What a cluster's status update means for a Borealis task (pure). A task with a health check
 * counts as RUNNING only once the cluster says it is healthy; until then it stays STARTING.
 */
final class StatusMapping {

    private StatusMapping() {}

    /** The state to move to, or empty when the update changes nothing (e.g. STAGING, KILLING). */
    static Optional<TaskState> target(TaskStatusUpdate update, boolean hasHealthCheck) {
        return Optional.ofNullable(
                switch (update.state()) {
                    case STAGING, KILLING -> null;
                    case STARTING -> TaskState.STARTING;
                    case RUNNING ->
                        hasHealthCheck && !Boolean.TRUE.equals(update.healthy())
                                ? TaskState.STARTING
                                : TaskState.RUNNING;
                    case FINISHED -> TaskState.FINISHED;
                    case FAILED, ERROR -> TaskState.FAILED;
                    case KILLED -> TaskState.KILLED;
                    case UNREACHABLE -> TaskState.PARTITIONED;
                    case LOST, DROPPED, GONE, GONE_BY_OPERATOR, UNKNOWN -> TaskState.LOST;
                });
    }

    /** The event message for an update: the cluster's own words, or its state. */
    static String message(TaskStatusUpdate update) {
        String text = update.message() == null || update.message().isBlank()
                ? "Cluster reports " + update.state()
                : update.message().strip();
        if (update.healthy() != null && update.state() == io.borealis.cluster.ClusterTaskState.RUNNING) {
            text += update.healthy() ? " (healthy)" : " (not healthy yet)";
        }
        return text;
    }
}
