package io.borealis.job;

/**
 * Upper bounds on what one job may ask for, so that typos ("ram 40000000") are caught at the door.
 * Configured with {@code borealis.scheduler.limits.*}.
 */
public record JobLimits(int maxInstances, double maxCpusPerTask, long maxRamMbPerTask, long maxDiskMbPerTask) {

    public static final JobLimits DEFAULT = new JobLimits(10_000, 64, 1_048_576, 16_777_216);

    public JobLimits {
        if (maxInstances < 1 || maxCpusPerTask <= 0 || maxRamMbPerTask < 1 || maxDiskMbPerTask < 1) {
            throw new IllegalArgumentException("job limits must be positive");
        }
    }
}
