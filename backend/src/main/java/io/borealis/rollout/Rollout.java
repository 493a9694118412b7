package io.borealis.rollout;

import io.borealis.job.JobKey;
import java.time.Instant;
import java.util.List;

/**
 * A stored rollout.
 *
 * @param id its number
 * @param jobId the job's row id
 * @param job the job's key
 * @param status where it is
 * @param settings how it proceeds
 * @param toConfigId the configuration it moves instances to
 * @param fromConfigIds the configurations the touched instances ran before (several after a canary)
 * @param oldInstanceCount the job's instance count before
 * @param newInstanceCount the job's instance count once every chosen instance has been moved
 * @param batchIndex the forward batch (from 0) it may work on (checkpoints hold it back)
 * @param startedBy who started it
 * @param startedAt when
 * @param updatedAt when it last changed
 * @param finishedAt when it ended (null while active)
 * @param message what the person starting it said
 */
public record Rollout(
        long id,
        long jobId,
        JobKey job,
        RolloutStatus status,
        RolloutSettings settings,
        long toConfigId,
        List<Long> fromConfigIds,
        int oldInstanceCount,
        int newInstanceCount,
        int batchIndex,
        String startedBy,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt,
        String message) {

    public Rollout {
        fromConfigIds = List.copyOf(fromConfigIds);
    }
}
