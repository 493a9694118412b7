package io.borealis.scheduler;

import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.Tier;
import io.borealis.task.TaskState;
import java.time.Instant;
import java.util.Map;

/**
 * A job as the jobs list shows it: key, kind, instance count and how many of its current tasks are
 * in each state.
 *
 * @param activeByState the active tasks (one per instance at most) by state
 * @param finished instances of an adhoc job that finished
 * @param failed instances whose latest task failed for good
 */
public record JobSummary(
        JobKey key,
        JobKind kind,
        Tier tier,
        int instances,
        Map<TaskState, Integer> activeByState,
        int finished,
        int failed,
        Instant updatedAt) {

    public JobSummary {
        activeByState = Map.copyOf(activeByState);
    }

    public int count(TaskState state) {
        return activeByState.getOrDefault(state, 0);
    }

    /** Pending includes throttled: both wait to be placed. */
    public int pending() {
        return count(TaskState.PENDING) + count(TaskState.THROTTLED);
    }

    public int running() {
        return count(TaskState.RUNNING);
    }
}
