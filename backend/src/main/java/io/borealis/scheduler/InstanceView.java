package io.borealis.scheduler;

import io.borealis.task.Task;

/**
 * One instance of a job now: its current task (the active one, or the latest if none is active).
 *
 * @param instanceId the instance
 * @param current its current task; null if it never had one
 * @param wanted whether the job still wants this instance (it is below the instance count)
 */
public record InstanceView(int instanceId, Task current, boolean wanted) {}
