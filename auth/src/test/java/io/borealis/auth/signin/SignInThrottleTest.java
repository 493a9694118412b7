package io.borealis.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final SignInThrottle throttle = new SignInThrottle(3, Duration.ofMinutes(15));

    @Test
    void failuresBelowTheLimitOnlyCount() {
        SignInThrottle.AfterFailure first = throttle.onFailure(0, null, NOW);
        SignInThrottle.AfterFailure second = throttle.onFailure(first.failures(), null, NOW);

        assertThat(first).isEqualTo(new SignInThrottle.AfterFailure(1, null));
        assertThat(second).isEqualTo(new SignInThrottle.AfterFailure(2, null));
        assertThat(second.locked()).isFalse();
    }

    @Test
    void theFailureThatReachesTheLimitLocksForTheLockDuration() {
        SignInThrottle.AfterFailure third = throttle.onFailure(2, null, NOW);

        assertThat(third.locked()).isTrue();
        assertThat(third.lockedUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(third.failures()).isEqualTo(3);
    }

    @Test
    void attemptsDuringALockDoNotExtendIt() {
        Instant lock = NOW.plus(Duration.ofMinutes(10));

        SignInThrottle.AfterFailure during = throttle.onFailure(3, lock, NOW);

        assertThat(during).isEqualTo(new SignInThrottle.AfterFailure(3, lock));
    }

    @Test
    void afterALockEndsCountingStartsAgain() {
        Instant expired = NOW.minusSeconds(1);

        SignInThrottle.AfterFailure after = throttle.onFailure(3, expired, NOW);

        assertThat(after).isEqualTo(new SignInThrottle.AfterFailure(1, null));
    }

    @Test
    void minutesLeftRoundsUpAndIsAtLeastOne() {
        assertThat(SignInThrottle.minutesLeft(NOW.plusSeconds(61), NOW)).isEqualTo(2);
        assertThat(SignInThrottle.minutesLeft(NOW.plusSeconds(60), NOW)).isEqualTo(1);
        assertThat(SignInThrottle.minutesLeft(NOW.plusSeconds(1), NOW)).isEqualTo(1);
        assertThat(SignInThrottle.minutesLeft(NOW, NOW)).isEqualTo(1);
    }

    @Test
    void refusesNonsensicalSettings() {
        assertThatThrownBy(() -> new SignInThrottle(0, Duration.ofMinutes(1)))
                .hasMessageContaining("maxFailures must be at least 1");
        assertThatThrownBy(() -> new SignInThrottle(3, Duration.ZERO))
                .hasMessageContaining("lockDuration must be positive");
    }
}
