package io.borealis.job;

/**
 * A job as somebody asks for it: key, kind, the task configuration and how many instances.
 * Validated by {@link JobSpecValidator} before anything is stored.
 */
public record JobSpec(JobKey key, JobKind kind, TaskConfig task, int instances) {

    public JobSpec withInstances(int count) {
        return new JobSpec(key, kind, task, count);
    }

    public JobSpec withTask(TaskConfig config) {
        return new JobSpec(key, kind, config, instances);
    }
}
