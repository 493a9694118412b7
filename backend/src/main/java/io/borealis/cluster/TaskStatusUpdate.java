package io.borealis.cluster;

import java.time.Instant;

/**
 * What a cluster says about one task.
 *
 * @param taskId the task
 * @param agentId the agent it runs on, if known
 * @param state the reported state
 * @param message a human-readable explanation (exit status, health check output, reason)
 * @param reason the cluster's machine-readable reason, if any (e.g. {@code REASON_RECONCILIATION})
 * @param healthy the health check verdict when the update carries one, else null
 * @param at when the cluster observed it
 * @param ackToken what {@link ClusterDriver#acknowledge} needs to confirm it (Mesos: the base64
 *     uuid); null when the update must not be acknowledged
 */
public record TaskStatusUpdate(
        String taskId,
        String agentId,
        ClusterTaskState state,
        String message,
        String reason,
        Boolean healthy,
        Instant at,
        String ackToken) {

    public boolean needsAcknowledgement() {
        return ackToken != null;
    }
}
