package io.borealis.scheduler;

import io.borealis.job.JobLimits;
import io.borealis.task.FlappingPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code borealis.scheduler.*}: how the scheduler paces itself. Every value is checked at start-up;
 * a bad one stops Borealis with a message that names it.
 *
 * @param enabled run the scheduling loop (false only in tests that drive rounds by hand)
 * @param interval how often the loop runs when nothing wakes it (default 1s)
 * @param transientTimeout how long a task may stay ASSIGNED, STARTING, KILLING or RESTARTING
 *     before it is declared LOST and replaced (default 5m)
 * @param partitionTimeout how long a task may stay PARTITIONED (its agent unreachable) before it is
 *     declared LOST and replaced on another agent; should the agent come back, the old copy is killed
 *     (default 1m)
 * @param flappingThreshold a task that ends on its own sooner than this after start is flapping
 *     (default 5m)
 * @param initialFlappingPenalty the first wait for a flapping task's replacement (default 30s)
 * @param maxFlappingPenalty the longest such wait (default 5m)
 * @param placementBatch at most this many pending tasks are placed per round (default 10000)
 * @param maxInstancesPerJob the largest instance count a job may have (default 10000)
 * @param maxCpusPerTask the largest cpus a task may ask for (default 64)
 * @param maxRamMbPerTask the largest memory a task may ask for (default 1048576 MB)
 * @param maxDiskMbPerTask the largest disk a task may ask for (default 16777216 MB)
 */
@Validated
@ConfigurationProperties("borealis.scheduler")
public record SchedulerProperties(
        Boolean enabled,
        Duration interval,
        Duration transientTimeout,
        Duration partitionTimeout,
        Duration flappingThreshold,
        Duration initialFlappingPenalty,
        Duration maxFlappingPenalty,
        Integer placementBatch,
        Integer maxInstancesPerJob,
        Double maxCpusPerTask,
        Long maxRamMbPerTask,
        Long maxDiskMbPerTask) {

    public SchedulerProperties {
        enabled = enabled == null || enabled;
        interval = positive("interval", interval, Duration.ofSeconds(1));
        transientTimeout = positive("transient-timeout", transientTimeout, Duration.ofMinutes(5));
        partitionTimeout = positive("partition-timeout", partitionTimeout, Duration.ofMinutes(1));
        flappingThreshold = positive("flapping-threshold", flappingThreshold, Duration.ofMinutes(5));
        initialFlappingPenalty = positive("initial-flapping-penalty", initialFlappingPenalty, Duration.ofSeconds(30));
        maxFlappingPenalty = positive("max-flapping-penalty", maxFlappingPenalty, Duration.ofMinutes(5));
        if (maxFlappingPenalty.compareTo(initialFlappingPenalty) < 0) {
            throw new IllegalArgumentException("borealis.scheduler.max-flapping-penalty (" + maxFlappingPenalty
                    + ") must not be shorter than initial-flapping-penalty (" + initialFlappingPenalty + ")");
        }
        placementBatch = atLeastOne("placement-batch", placementBatch, 10_000);
        maxInstancesPerJob = atLeastOne("max-instances-per-job", maxInstancesPerJob, 10_000);
        maxCpusPerTask = maxCpusPerTask == null ? 64.0 : maxCpusPerTask;
        if (!(maxCpusPerTask > 0)) {
            throw new IllegalArgumentException(
                    "borealis.scheduler.max-cpus-per-task must be positive, was " + maxCpusPerTask);
        }
        maxRamMbPerTask = atLeastOne("max-ram-mb-per-task", maxRamMbPerTask, 1_048_576L);
        maxDiskMbPerTask = atLeastOne("max-disk-mb-per-task", maxDiskMbPerTask, 16_777_216L);
    }

    /** Defaults everywhere. */
    public static SchedulerProperties defaults() {
        return new SchedulerProperties(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public FlappingPolicy flappingPolicy() {
        return new FlappingPolicy(flappingThreshold, initialFlappingPenalty, maxFlappingPenalty);
    }

    public JobLimits limits() {
        return new JobLimits(maxInstancesPerJob, maxCpusPerTask, maxRamMbPerTask, maxDiskMbPerTask);
    }

    private static Duration positive(String name, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    "borealis.scheduler." + name + " must be a positive duration, was " + value);
        }
        return value;
    }

    private static int atLeastOne(String name, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("borealis.scheduler." + name + " must be at least 1, was " + value);
        }
        return value;
    }

    private static long atLeastOne(String name, Long value, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("borealis.scheduler." + name + " must be at least 1, was " + value);
        }
        return value;
    }
}
