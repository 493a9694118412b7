package io.borealis.job;

import java.time.Instant;

/**
 * A stored job: its spec as it stands now (current task configuration and instance count) and
 * bookkeeping. Instances may still run older configurations (during a rollout, or after a canary).
 */
public record Job(
        long id,
        JobKey key,
        JobKind kind,
        int instanceCount,
        long currentConfigId,
        TaskConfig currentConfig,
        JobStatus status,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        long version) {

    public JobSpec spec() {
        return new JobSpec(key, kind, currentConfig, instanceCount);
    }

    public boolean isActive() {
        return status == JobStatus.ACTIVE;
    }

    public boolean isService() {
        return kind == JobKind.SERVICE;
    }
}
