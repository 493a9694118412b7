package io.borealis.web.api;

import io.borealis.job.spec.JobSpecDocument;
import io.borealis.rollout.InstanceChange;
import io.borealis.rollout.InstanceEvent;
import io.borealis.rollout.InstanceState;
import io.borealis.rollout.Rollout;
import io.borealis.rollout.RolloutDetails;
import io.borealis.rollout.RolloutEvent;
import io.borealis.rollout.RolloutInstance;
import io.borealis.rollout.RolloutPlan;
import io.borealis.rollout.RolloutProgress;
import io.borealis.rollout.RolloutSettings;
import io.borealis.rollout.RolloutStatus;
import io.borealis.rollout.RolloutSummary;
import io.borealis.web.api.JobModels.FieldChange;
import io.borealis.web.api.JobModels.JobKeyView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What the rollout endpoints send and receive. */
final class RolloutModels {

    private RolloutModels() {}

    /**
     * How a rollout proceeds; every field is optional (defaults: FIXED batches of 1, 45 s minimum
     * wait, no failures tolerated, rollback on failure, every instance, no checkpoints).
     *
     * @param strategy FIXED, VARIABLE or SLIDING_WINDOW
     * @param batchSizes FIXED: one size; VARIABLE: successive sizes (the last repeated); SLIDING_WINDOW: one
     *     window size
     * @param minWaitSeconds how long a new task must run (healthy) before its instance counts as updated
     * @param maxFailuresPerInstance how often an instance's new task may end before the instance fails
     * @param maxFailedInstances how many instances may fail before the rollout fails
     * @param rollbackOnFailure roll back automatically when too many instances fail
     * @param onlyInstances canary: only these instances (empty: all)
     * @param pauseAfterEachBatch checkpoint after every batch
     * @param pauseAfterBatches checkpoints after these batches (counted from 1)
     */
    record RolloutSettingsBody(
            RolloutSettings.Strategy strategy,
            List<Integer> batchSizes,
            Integer minWaitSeconds,
            Integer maxFailuresPerInstance,
            Integer maxFailedInstances,
            Boolean rollbackOnFailure,
            List<Integer> onlyInstances,
            Boolean pauseAfterEachBatch,
            List<Integer> pauseAfterBatches) {

        RolloutSettings toDomain() {
            RolloutSettings defaults = RolloutSettings.batches(1);
            return new RolloutSettings(
                    strategy == null ? defaults.strategy() : strategy,
                    batchSizes == null ? defaults.batchSizes() : batchSizes,
                    minWaitSeconds == null ? defaults.minWaitSeconds() : minWaitSeconds,
                    maxFailuresPerInstance == null ? defaults.maxFailuresPerInstance() : maxFailuresPerInstance,
                    maxFailedInstances == null ? defaults.maxFailedInstances() : maxFailedInstances,
                    rollbackOnFailure == null ? defaults.rollbackOnFailure() : rollbackOnFailure,
                    onlyInstances == null ? null : new TreeSet<>(onlyInstances),
                    pauseAfterEachBatch != null && pauseAfterEachBatch,
                    pauseAfterBatches == null ? null : new TreeSet<>(pauseAfterBatches));
        }

        static RolloutSettingsBody of(RolloutSettings settings) {
            return new RolloutSettingsBody(
                    settings.strategy(),
                    settings.batchSizes(),
                    settings.minWaitSeconds(),
                    settings.maxFailuresPerInstance(),
                    settings.maxFailedInstances(),
                    settings.rollbackOnFailure(),
                    List.copyOf(settings.onlyInstances()),
                    settings.pauseAfterEachBatch(),
                    List.copyOf(settings.pauseAfterBatches()));
        }
    }

    /**
     * Body of a rollout start or plan: the new configuration, either as {@code task} (with an
     * optional new {@code instances} count) or as a whole {@code spec} document of the job (its
     * key must be the job's, its instance count is the new one).
     */
    record RolloutStartRequest(
            JobSpecDocument.Task task,
            Integer instances,
            JobSpecDocument spec,
            RolloutSettingsBody settings,
            String message)
            implements ApiRequestBody {}

    /** Body of a pause, resume, abort or rollback: why (optional). */
    record RolloutControlRequest(String message) implements ApiRequestBody {}

    /** Instance counts of a rollout. */
    record RolloutProgressView(
            int total, int pending, int inFlight, int updated, int failed, int rolledBack, int percentUpdated) {
        static RolloutProgressView of(RolloutProgress p) {
            return new RolloutProgressView(
                    p.total(), p.pending(), p.inFlight(), p.updated(), p.failed(), p.rolledBack(), p.percentUpdated());
        }
    }

    /**
     * A rollout.
     *
     * @param batchIndex the forward batch (from 0) it may work on
     * @param message what the person starting it said
     * @param latestMessage the message of its latest status change
     */
    record RolloutView(
            long id,
            JobKeyView job,
            RolloutStatus status,
            RolloutSettingsBody settings,
            int oldInstanceCount,
            int newInstanceCount,
            int batchIndex,
            String startedBy,
            Instant startedAt,
            Instant updatedAt,
            Instant finishedAt,
            String message,
            String latestMessage,
            RolloutProgressView progress) {
        static RolloutView of(RolloutSummary summary) {
            Rollout r = summary.rollout();
            return new RolloutView(
                    r.id(),
                    JobKeyView.of(r.job()),
                    r.status(),
                    RolloutSettingsBody.of(r.settings()),
                    r.oldInstanceCount(),
                    r.newInstanceCount(),
                    r.batchIndex(),
                    r.startedBy(),
                    r.startedAt(),
                    r.updatedAt(),
                    r.finishedAt(),
                    r.message(),
                    summary.latestMessage(),
                    RolloutProgressView.of(summary.progress()));
        }
    }

    /** A page of rollouts, newest first. */
    record RolloutPage(List<RolloutView> items, int page, int size) {}

    /** A status the rollout entered: when, which, who and why. */
    record RolloutEventView(Instant at, RolloutStatus status, String actor, String message) {
        static RolloutEventView of(RolloutEvent e) {
            return new RolloutEventView(e.at(), e.status(), e.actor(), e.message());
        }
    }

    /** One instance's progress. */
    record RolloutInstanceView(
            int instanceId,
            InstanceChange change,
            int batch,
            InstanceState state,
            int failures,
            String taskId,
            Long fromConfigId) {
        static RolloutInstanceView of(RolloutInstance i) {
            return new RolloutInstanceView(
                    i.instanceId(), i.change(), i.batch(), i.state(), i.failures(), i.taskId(), i.fromConfigId());
        }
    }

    /** Something that happened to an instance. */
    record RolloutInstanceEventView(int instanceId, Instant at, InstanceState state, String taskId, String message) {
        static RolloutInstanceEventView of(InstanceEvent e) {
            return new RolloutInstanceEventView(e.instanceId(), e.at(), e.state(), e.taskId(), e.message());
        }
    }

    /**
     * A rollout in full.
     *
     * @param batches the forward batches (instance ids), in order
     * @param events every status it entered, oldest first
     * @param instanceEvents every instance event, oldest first
     * @param fromConfigs the configurations the instances ran before, by configuration id
     * @param toConfig the configuration it moves instances to
     */
    record RolloutDetailsView(
            RolloutView rollout,
            List<List<Integer>> batches,
            List<RolloutEventView> events,
            List<RolloutInstanceView> instances,
            List<RolloutInstanceEventView> instanceEvents,
            Map<String, JobSpecDocument.Task> fromConfigs,
            JobSpecDocument.Task toConfig) {
        static RolloutDetailsView of(RolloutDetails d) {
            Map<String, JobSpecDocument.Task> from = new LinkedHashMap<>();
            d.fromConfigs().forEach((id, config) -> from.put(Long.toString(id), JobSpecDocument.Task.of(config)));
            return new RolloutDetailsView(
                    RolloutView.of(d.summary()),
                    d.batches(),
                    d.events().stream().map(RolloutEventView::of).toList(),
                    d.instances().stream().map(RolloutInstanceView::of).toList(),
                    d.instanceEvents().stream()
                            .map(RolloutInstanceEventView::of)
                            .toList(),
                    from,
                    JobSpecDocument.Task.of(d.toConfig()));
        }
    }

    /**
     * What starting the rollout would do.
     *
     * @param unchanged true when it would change nothing (starting it is refused)
     * @param changes the configuration's fields that change
     * @param quotaShortfalls what the team's quota lacks (empty: it fits)
     */
    record RolloutPlanView(
            JobKeyView job,
            boolean unchanged,
            int oldInstanceCount,
            int newInstanceCount,
            List<Integer> add,
            List<Integer> change,
            List<Integer> remove,
            List<List<Integer>> batches,
            List<FieldChange> changes,
            List<ApiError.Shortfall> quotaShortfalls) {
        static RolloutPlanView of(RolloutPlan plan) {
            return new RolloutPlanView(
                    JobKeyView.of(plan.job()),
                    plan.unchanged(),
                    plan.oldInstanceCount(),
                    plan.newInstanceCount(),
                    plan.add(),
                    plan.change(),
                    plan.remove(),
                    plan.batches(),
                    plan.changes().stream()
                            .map(c -> new FieldChange(c.field(), c.before(), c.after()))
                            .toList(),
                    plan.quotaShortfalls().stream().map(ApiError.Shortfall::of).toList());
        }
    }
}
