package io.borealis.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

/**
 * For tests that need recorded moments apart in time (time filters, replays): waits on the system
 * clock itself rather than sleeping a guessed while.
 */
public final class WallClock {

    private WallClock() {}

    /** Returns once the system clock reads later than {@code moment} plus {@code gap} (gap under 1 s). */
    public static void waitUntilPast(Instant moment, Duration gap) {
        Instant target = moment.plus(gap);
        await().atMost(Duration.ofSeconds(2))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> Instant.now().isAfter(target));
    }
}
