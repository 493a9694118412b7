package io.borealis.web.api;

import io.borealis.job.Job;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobStatus;
import io.borealis.job.Tier;
import io.borealis.job.spec.JobSpecDocument;
import io.borealis.scheduler.InstanceView;
import io.borealis.scheduler.JobDetails;
import io.borealis.scheduler.JobPlan;
import io.borealis.scheduler.JobSummary;
import io.borealis.scheduler.RestartCoordinator;
import io.borealis.task.Task;
import io.borealis.task.TaskEvent;
import io.borealis.task.TaskState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What the jobs and tasks endpoints send and receive. */
final class JobModels {

    private JobModels() {}

    /** A job's key; its URL is {@code /api/v1/jobs/{team}/{environment}/{name}}. */
    record JobKeyView(String team, String environment, String name) {
        static JobKeyView of(JobKey key) {
            return new JobKeyView(key.team(), key.environment(), key.name());
        }
    }

    /**
     * A job in the jobs list.
     *
     * @param tasks how many of its current tasks are in each active state
     * @param pending tasks waiting to be placed (PENDING and THROTTLED)
     * @param running tasks RUNNING
     * @param finished adhoc instances that finished
     * @param failed instances whose latest task failed for good
     */
    record JobSummaryView(
            JobKeyView key,
            JobKind kind,
            Tier tier,
            int instances,
            Map<TaskState, Integer> tasks,
            int pending,
            int running,
            int finished,
            int failed,
            Instant updatedAt) {
        static JobSummaryView of(JobSummary summary) {
            Map<TaskState, Integer> tasks = new EnumMap<>(TaskState.class);
            for (TaskState state : TaskState.ACTIVE) {
                tasks.put(state, summary.count(state));
            }
            return new JobSummaryView(
                    JobKeyView.of(summary.key()),
                    summary.kind(),
                    summary.tier(),
                    summary.instances(),
                    tasks,
                    summary.pending(),
                    summary.running(),
                    summary.finished(),
                    summary.failed(),
                    summary.updatedAt());
        }
    }

    /** One page of the jobs list, sorted by key. */
    record JobPage(List<JobSummaryView> items, int page, int size, int total) {}

    /**
     * A job with its instances.
     *
     * @param instances the instance count it wants
     * @param spec its current spec, in the same document form that creates a job
     * @param restart the rolling restart in progress, or null
     * @param instanceDetails each instance with its current task (also instances being removed)
     */
    record JobView(
            JobKeyView key,
            JobKind kind,
            JobStatus status,
            int instances,
            JobSpecDocument spec,
            Instant createdAt,
            String createdBy,
            Instant updatedAt,
            RestartView restart,
            List<InstanceDetail> instanceDetails) {
        static JobView of(JobDetails details) {
            Job job = details.job();
            return new JobView(
                    JobKeyView.of(job.key()),
                    job.kind(),
                    job.status(),
                    job.instanceCount(),
                    job.currentConfig() == null ? null : JobSpecDocument.of(job.spec()),
                    job.createdAt(),
                    job.createdBy(),
                    job.updatedAt(),
                    details.restart().map(RestartView::of).orElse(null),
                    details.instances().stream().map(InstanceDetail::of).toList());
        }
    }

    /** A rolling restart under way. */
    record RestartView(
            List<Integer> currentBatch, List<Integer> remaining, int batchSize, String startedBy, Instant startedAt) {
        static RestartView of(RestartCoordinator.RestartProgress progress) {
            return new RestartView(
                    progress.currentBatch(),
                    progress.remaining(),
                    progress.batchSize(),
                    progress.startedBy(),
                    progress.startedAt());
        }
    }

    /**
     * One instance.
     *
     * @param wanted false while it is being removed by a scale-down
     * @param task its active task, else its latest; null if it never had one
     */
    record InstanceDetail(int instanceId, boolean wanted, TaskView task) {
        static InstanceDetail of(InstanceView instance) {
            return new InstanceDetail(
                    instance.instanceId(),
                    instance.wanted(),
                    instance.current() == null ? null : TaskView.of(instance.current()));
        }
    }

    /**
     * One task: one generation of one instance.
     *
     * @param ports the port numbers assigned at placement, by name
     * @param ancestorId the task this one replaced, if any
     * @param pendingReason why it is still waiting to be placed, in plain words
     * @param throttledUntil when a THROTTLED task may be placed
     */
    record TaskView(
            String taskId,
            JobKeyView job,
            int instanceId,
            TaskState state,
            String agentId,
            String hostname,
            Map<String, Integer> ports,
            int failureCount,
            String ancestorId,
            String pendingReason,
            Instant throttledUntil,
            Instant stateChangedAt,
            Instant startedAt,
            Instant createdAt) {
        static TaskView of(Task task) {
            return new TaskView(
                    task.taskId(),
                    JobKeyView.of(task.job()),
                    task.instanceId(),
                    task.state(),
                    task.agentId(),
                    task.hostname(),
                    task.ports(),
                    task.failureCount(),
                    task.ancestorId(),
                    task.pendingReason(),
                    task.throttledUntil(),
                    task.stateChangedAt(),
                    task.startedAt(),
                    task.createdAt());
        }
    }

    /** One step in a task's life. */
    record TaskEventView(Instant at, TaskState state, String message) {
        static TaskEventView of(TaskEvent event) {
            return new TaskEventView(event.at(), event.state(), event.message());
        }
    }

    /**
     * What creating (or changing) a job from a spec would do, without doing it.
     *
     * @param existingJob whether a job with that key is active (the plan is then a change of it)
     * @param changes each field that would change
     * @param placements where each new instance would land now, or why it would wait
     * @param quotaShortfalls what the team's quota lacks (empty: it fits)
     */
    record PlanView(
            boolean existingJob,
            int instancesBefore,
            int instancesAfter,
            List<FieldChange> changes,
            List<Placement> placements,
            List<ApiError.Shortfall> quotaShortfalls) {
        static PlanView of(JobPlan plan) {
            return new PlanView(
                    plan.existingJob(),
                    plan.instancesBefore(),
                    plan.instancesAfter(),
                    plan.changes().stream()
                            .map(c -> new FieldChange(c.field(), c.before(), c.after()))
                            .toList(),
                    plan.placements().stream()
                            .map(p -> new Placement(p.instanceId(), p.agentId(), p.hostname(), p.pendingReason()))
                            .toList(),
                    plan.quotaShortfalls().stream().map(ApiError.Shortfall::of).toList());
        }
    }

    /** One field's value before and after, as text (null when absent). */
    record FieldChange(String field, String before, String after) {}

    /** Where a new instance would be placed (agentId and hostname), or why not (pendingReason). */
    record Placement(int instanceId, String agentId, String hostname, String pendingReason) {}

    /** A piece of a task's log; read on from {@code nextOffset} to follow it. */
    record LogChunkView(String data, long offset, long nextOffset, long size) {}

    /** Body of a scale: the new instance count. */
    record ScaleRequest(Integer instances) implements ApiRequestBody {}

    /** Body of a kill of some instances. */
    record KillRequest(List<Integer> instances, String reason) implements ApiRequestBody {}

    /** Body of a rolling restart: which instances (all when empty), how many at a time (default 1). */
    record RestartRequest(List<Integer> instances, Integer batchSize) implements ApiRequestBody {}
}
