package io.borealis.task;

import io.borealis.job.JobKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One generation of one instance of a job. A replacement is a new task with a new id that links to
 * the one it replaces ({@code ancestorId}) and carries its failure count.
 *
 * @param taskId globally unique, {@code <team>-<environment>-<name>-<instance>-<random>}
 * @param jobId the job's row id
 * @param job the job's key
 * @param instanceId the instance, 0 to instances-1
 * @param configId the task configuration version it runs
 * @param state where it is in its life
 * @param agentId where it was placed, once ASSIGNED
 * @param hostname the agent's host
 * @param ports port numbers assigned at placement, by name
 * @param failureCount failures of this instance so far
 * @param flapCount how many generations in a row ended too soon
 * @param ancestorId the task it replaces, if any
 * @param pendingReason why it is still PENDING, in plain words
 * @param throttledUntil when a THROTTLED task may be scheduled
 * @param stateChangedAt when it entered its state
 * @param startedAt when it first became RUNNING
 * @param createdAt when it was created
 * @param version optimistic-locking counter
 */
public record Task(
        String taskId,
        long jobId,
        JobKey job,
        int instanceId,
        long configId,
        TaskState state,
        String agentId,
        String hostname,
        Map<String, Integer> ports,
        int failureCount,
        int flapCount,
        String ancestorId,
        String pendingReason,
        Instant throttledUntil,
        Instant stateChangedAt,
        Instant startedAt,
        Instant createdAt,
        long version) {

    public Task {
        ports = ports == null ? Map.of() : Map.copyOf(ports);
    }

    /** How long it ran: from first RUNNING to {@code end}, zero if it never ran. */
    public Duration ranFor(Instant end) {
        if (startedAt == null || end.isBefore(startedAt)) {
            return Duration.ZERO;
        }
        return Duration.between(startedAt, end);
    }
}
