package io.borealis.scheduler;

import io.borealis.job.JobKey;

/**
 * Published after a transaction that changed a job or its tasks committed; open pages of that job
 * refresh themselves from it.
 */
public record JobChanged(JobKey job) {}
