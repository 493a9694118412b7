/**
 * The scheduler's application services: job commands and queries ({@link
 * io.borealis.scheduler.JobService}), the one place where task transitions and their side effects
 * are applied ({@link io.borealis.scheduler.TaskLifecycle}), status updates from the cluster
 * ({@link io.borealis.scheduler.StatusUpdateHandler}), and the background loop that places pending
 * tasks and watches the clock ({@link io.borealis.scheduler.SchedulerLoop}). State lives in the
 * database; every change is one transaction, and cluster calls happen after it commits.
 */
package io.borealis.scheduler;
