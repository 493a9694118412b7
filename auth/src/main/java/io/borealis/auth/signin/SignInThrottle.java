package io.borealis.auth.signin;

import java.time.Duration;
import java.time.Instant;

/**
 * The rule for repeated failed sign-ins to one account (pure, no I/O): after {@code maxFailures}
 * consecutive failures the account is locked for {@code lockDuration}; a success, or the end of a
 * lock, starts the count again. Locking per account (not per address) follows OWASP ASVS 6.3.1;
 * the lock is short so that it slows guessing without locking people out for long.
 */
public record SignInThrottle(int maxFailures, Duration lockDuration) {

    public SignInThrottle {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
        }
        if (lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("lockDuration must be positive, was " + lockDuration);
        }
    }

    /** What one failed attempt leaves behind: the new failure count and, if reached, the lock. */
    public record AfterFailure(int failures, Instant lockedUntil) {
        public boolean locked() {
            return lockedUntil != null;
        }
    }

    /**
     * The state after a failed attempt at {@code now}, given the failures counted so far and the
     * current lock (null if none). Attempts during a lock do not extend it.
     */
    public AfterFailure onFailure(int failuresSoFar, Instant currentLock, Instant now) {
        if (currentLock != null && currentLock.isAfter(now)) {
            return new AfterFailure(failuresSoFar, currentLock);
        }
        int failures = (currentLock != null ? 0 : failuresSoFar) + 1;
        if (failures >= maxFailures) {
            return new AfterFailure(failures, now.plus(lockDuration));
        }
        return new AfterFailure(failures, null);
    }

    /** Whole minutes (at least one) until a lock ends, for the message shown to the person. */
    public static long minutesLeft(Instant lockedUntil, Instant now) {
        long seconds = Duration.between(now, lockedUntil).toSeconds();
        return Math.max(1, (seconds + 59) / 60);
    }
}
