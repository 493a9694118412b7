package io.borealis.rollout;

import io.borealis.job.JobKey;
import io.borealis.quota.QuotaPolicy;
import io.borealis.scheduler.JobPlan;
import java.util.List;

/**
 * What starting a rollout would do, without doing it (Aurora's update diff, plus the batches and
 * the quota check).
 *
 * @param job the job
 * @param oldInstanceCount its instance count now
 * @param newInstanceCount its instance count once the rollout has rolled forward
 * @param add instances that would be added
 * @param change instances that would move to the new configuration
 * @param remove instances that would be removed
 * @param batches the forward batches, in order
 * @param changes the configuration's fields that change (against the job's current configuration)
 * @param quotaShortfalls what the team's production quota lacks (empty when it fits)
 */
public record RolloutPlan(
        JobKey job,
        int oldInstanceCount,
        int newInstanceCount,
        List<Integer> add,
        List<Integer> change,
        List<Integer> remove,
        List<List<Integer>> batches,
        List<JobPlan.FieldChange> changes,
        List<QuotaPolicy.Shortfall> quotaShortfalls) {

    /** Whether the rollout would change nothing ("job is unchanged"). */
    public boolean unchanged() {
        return add.isEmpty() && change.isEmpty() && remove.isEmpty();
    }
}
