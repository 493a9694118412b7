package io.borealis.rollout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code borealis.rollouts.*}.
 *
 * @param historyRetention how long a finished rollout (with its status and instance events) is
 *     kept after it ended (default 400 days, {@code 400d}; 0 keeps them forever). Active rollouts
 *     are never removed.
 */
@ConfigurationProperties("borealis.rollouts")
public record RolloutProperties(Duration historyRetention) {

    public RolloutProperties {
        historyRetention = historyRetention == null ? Duration.ofDays(400) : historyRetention;
        if (historyRetention.isNegative()) {
            throw new IllegalArgumentException(
                    "borealis.rollouts.history-retention must not be negative (0 keeps rollouts forever), was "
                            + historyRetention);
        }
    }
}
