package io.borealis.scheduler;

import io.borealis.job.JobKey;
import java.security.SecureRandom;
import java.util.HexFormat;

/** New task ids: {@code <team>-<environment>-<name>-<instance>-<12 random hex digits>}. */
final class TaskIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TaskIds() {}

    static String next(JobKey job, int instanceId) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return job.team() + "-" + job.environment() + "-" + job.name() + "-" + instanceId + "-"
                + HexFormat.of().formatHex(random);
    }
}
