package io.borealis.rollout;

import io.borealis.job.JobKey;

/**
 * Published (after the change commits) whenever a rollout or one of its instances changed, so that
 * open pages can refresh. The job's own {@code JobChanged} is published too when its tasks change.
 */
public record RolloutChanged(JobKey job, long rolloutId) {}
