package io.borealis.job;

/** How a job's tasks are treated when they end (Aurora's service and adhoc jobs). */
public enum JobKind {
    /** Long-running: a task that ends for any reason is replaced. */
    SERVICE,
    /** Runs to completion: a failed task is retried up to the job's max task failures. */
    ADHOC
}
