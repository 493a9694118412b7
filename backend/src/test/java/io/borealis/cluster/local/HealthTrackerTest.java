package io.borealis.cluster.local;

import static io.borealis.cluster.local.HealthTracker.Verdict.BECAME_HEALTHY;
import static io.borealis.cluster.local.HealthTracker.Verdict.NONE;
import static io.borealis.cluster.local.HealthTracker.Verdict.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);

    private static Instant at(int seconds) {
        return START.plusSeconds(seconds);
    }

    private final HealthTracker tracker = new HealthTracker(START, GRACE, 3, false);

    @Test
    void theFirstSuccessMakesTheTaskHealthyOnce() {
        assertThat(tracker.everHealthy()).isFalse();
        assertThat(tracker.success()).isEqualTo(BECAME_HEALTHY);
        assertThat(tracker.everHealthy()).isTrue();
        assertThat(tracker.success()).isEqualTo(NONE);
    }

    @Test
    void failuresDuringTheGracePeriodAreIgnoredUntilTheFirstSuccess() {
        for (int second = 0; second < 30; second++) {
            assertThat(tracker.failure(at(second), "refused")).isEqualTo(NONE);
        }
        assertThat(tracker.consecutiveFailures()).isZero();
        assertThat(tracker.success()).isEqualTo(BECAME_HEALTHY);
    }

    @Test
    void afterTheGracePeriodFailuresCountAndTheThirdInARowIsFatal() {
        assertThat(tracker.failure(at(29), "refused")).isEqualTo(NONE);
        assertThat(tracker.failure(at(30), "refused")).isEqualTo(NONE);
        assertThat(tracker.failure(at(31), "refused")).isEqualTo(NONE);
        assertThat(tracker.consecutiveFailures()).isEqualTo(2);
        assertThat(tracker.failure(at(32), "answered 503")).isEqualTo(UNHEALTHY);
        assertThat(tracker.failureMessage()).isEqualTo("Health check failed 3 times in a row: answered 503");
    }

    @Test
    void afterTheFirstSuccessFailuresCountEvenWithinTheGracePeriod() {
        tracker.success();
        assertThat(tracker.failure(at(1), "a")).isEqualTo(NONE);
        assertThat(tracker.failure(at(2), "b")).isEqualTo(NONE);
        assertThat(tracker.failure(at(3), "c")).isEqualTo(UNHEALTHY);
    }

    @Test
    void aSuccessResetsTheCount() {
        tracker.success();
        tracker.failure(at(40), "a");
        tracker.failure(at(41), "b");
        assertThat(tracker.success()).isEqualTo(NONE);
        assertThat(tracker.consecutiveFailures()).isZero();
        assertThat(tracker.failure(at(42), "c")).isEqualTo(NONE);
        assertThat(tracker.failure(at(43), "d")).isEqualTo(NONE);
        assertThat(tracker.failure(at(44), "e")).isEqualTo(UNHEALTHY);
    }

    @Test
    void onceUnhealthyTheTrackerIsDone() {
        HealthTracker one = new HealthTracker(START, Duration.ZERO, 1, false);
        assertThat(one.failure(at(0), "down")).isEqualTo(UNHEALTHY);
        assertThat(one.failureMessage()).isEqualTo("Health check failed 1 time in a row: down");
        assertThat(one.failure(at(1), "down")).isEqualTo(NONE);
        assertThat(one.success()).isEqualTo(NONE);
        assertThat(one.everHealthy()).isFalse();
    }

    @Test
    void withoutGraceTheFirstFailuresCount() {
        HealthTracker strict = new HealthTracker(START, Duration.ZERO, 2, false);
        assertThat(strict.failure(at(0), "x")).isEqualTo(NONE);
        assertThat(strict.failure(at(1), "x")).isEqualTo(UNHEALTHY);
    }

    @Test
    void aNegativeGraceCountsAsNoneAndALimitBelowOneAsOne() {
        HealthTracker odd = new HealthTracker(START, Duration.ofSeconds(-5), 0, false);
        assertThat(odd.failure(at(0), "x")).isEqualTo(UNHEALTHY);
    }

    @Test
    void anAdoptedHealthyTaskCountsFailuresAtOnceAndIsNotReportedHealthyAgain() {
        HealthTracker adopted = new HealthTracker(Instant.now(), GRACE, 2, true);
        assertThat(adopted.everHealthy()).isTrue();
        assertThat(adopted.success()).isEqualTo(NONE);
        assertThat(adopted.failure(Instant.now(), "x")).isEqualTo(NONE);
        assertThat(adopted.failure(Instant.now(), "x")).isEqualTo(UNHEALTHY);
    }

    @Test
    void graceIsCountedFromTheStartNotFromTheFirstCheck() {
        HealthTracker late = new HealthTracker(START, GRACE, 1, false);
        assertThat(late.failure(at(29), "x")).isEqualTo(NONE);
        assertThat(late.failure(at(30), "x")).isEqualTo(UNHEALTHY);
    }
}
