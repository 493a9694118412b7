package io.borealis.cluster.local;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts a task's health check results (pure; not thread-safe, its task serialises the calls).
 * Rules, as in {@link io.borealis.job.HealthCheck}:
 *
 * <ul>
 *   <li>the first success makes the task healthy ({@link Verdict#BECAME_HEALTHY}: it is RUNNING);
 *   <li>failures during the grace period after the start are ignored until the first success;
 *   <li>every other failure counts, a success resets the count, and the failure that makes
 *       {@code maxConsecutiveFailures} in a row is {@link Verdict#UNHEALTHY}: the task must die.
 * </ul>
 *
 * Once UNHEALTHY the tracker is done and answers NONE.
 */
final class HealthTracker {

    enum Verdict {
        /** Nothing changes. */
        NONE,
        /** The first success: report RUNNING, healthy. */
        BECAME_HEALTHY,
        /** Too many failures in a row: kill the task, report FAILED. */
        UNHEALTHY
    }

    private final Instant graceEnds;
    private final int maxConsecutiveFailures;
    private boolean everHealthy;
    private boolean done;
    private int consecutiveFailures;
    private String lastError;

    /**
     * @param startedAt when the task started (grace is counted from there, also after adoption)
     * @param grace the grace period
     * @param maxConsecutiveFailures failures in a row that kill the task (values below 1 count as 1)
     * @param alreadyHealthy true for an adopted task that had passed a check before
     */
    HealthTracker(Instant startedAt, Duration grace, int maxConsecutiveFailures, boolean alreadyHealthy) {
        this.graceEnds = startedAt.plus(grace.isNegative() ? Duration.ZERO : grace);
        this.maxConsecutiveFailures = Math.max(1, maxConsecutiveFailures);
        this.everHealthy = alreadyHealthy;
    }

    Verdict success() {
        if (done) {
            return Verdict.NONE;
        }
        consecutiveFailures = 0;
        if (!everHealthy) {
            everHealthy = true;
            return Verdict.BECAME_HEALTHY;
        }
        return Verdict.NONE;
    }

    Verdict failure(Instant at, String error) {
        if (done) {
            return Verdict.NONE;
        }
        lastError = error;
        if (!everHealthy && at.isBefore(graceEnds)) {
            return Verdict.NONE;
        }
        consecutiveFailures++;
        if (consecutiveFailures >= maxConsecutiveFailures) {
            done = true;
            return Verdict.UNHEALTHY;
        }
        return Verdict.NONE;
    }

    boolean everHealthy() {
        return everHealthy;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The status message of a task that failed its checks. */
    String failureMessage() {
        return "Health check failed " + consecutiveFailures + (consecutiveFailures == 1 ? " time" : " times")
                + " in a row: " + lastError;
    }
}
