package io.borealis.scheduling;

import io.borealis.job.JobKey;

/**
 * How many active tasks of a job run where an attribute has a given value, for LIMIT constraints
 * (e.g. at most one task of the job per {@code host}).
 */
@FunctionalInterface
public interface LimitCounts {

    LimitCounts NONE = (job, attribute, value) -> 0;

    int count(JobKey job, String attribute, String value);
}
