package io.borealis.scheduler;

import io.borealis.job.JobSpec;
import java.util.List;

/**
 * What creating or scaling a job would do, without doing it.
 *
 * @param spec the spec planned
 * @param existingJob whether a job with that key is active now (the plan is then a change of it)
 * @param changes each field that differs from the active job (all of them for a new job)
 * @param instancesBefore the active job's instance count (0 for a new job)
 * @param instancesAfter the spec's instance count
 * @param placements where each new instance would land right now, or why it would wait
 * @param quotaShortfalls what the team's production quota lacks for this (empty when it fits)
 */
public record JobPlan(
        JobSpec spec,
        boolean existingJob,
        List<FieldChange> changes,
        int instancesBefore,
        int instancesAfter,
        List<PlannedInstance> placements,
        List<io.borealis.quota.QuotaPolicy.Shortfall> quotaShortfalls) {

    /** One field's old and new value, as text (null when absent). */
    public record FieldChange(String field, String before, String after) {}

    /** Where a new instance would go: an agent, or the reason it would stay pending. */
    public record PlannedInstance(int instanceId, String agentId, String hostname, String pendingReason) {
        public boolean placed() {
            return agentId != null;
        }
    }

    public long placedCount() {
        return placements.stream().filter(PlannedInstance::placed).count();
    }
}
