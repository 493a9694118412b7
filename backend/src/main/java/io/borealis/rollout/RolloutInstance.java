package io.borealis.rollout;

import java.time.Instant;

/**
 * One instance's progress in a rollout (what a restarted Borealis needs to carry on).
 *
 * @param instanceId the instance
 * @param change what the rollout does to it going forward
 * @param fromConfigId what it ran before (null for an added instance)
 * @param batch its forward batch, from 0
 * @param state where it is
 * @param failures how many of its new tasks ended in the current direction
 * @param taskId the task being watched (on the configuration it moves to), if any yet
 * @param phaseStartedAt when it started moving in the current direction (null while PENDING)
 * @param updatedAt when its row last changed
 */
public record RolloutInstance(
        int instanceId,
        InstanceChange change,
        Long fromConfigId,
        int batch,
        InstanceState state,
        int failures,
        String taskId,
        Instant phaseStartedAt,
        Instant updatedAt) {

    public RolloutInstance with(InstanceState newState, int newFailures, String newTaskId, Instant newPhaseStart) {
        return new RolloutInstance(
                instanceId, change, fromConfigId, batch, newState, newFailures, newTaskId, newPhaseStart, updatedAt);
    }
}
