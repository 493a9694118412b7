package io.borealis.rollout;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the rollout history to {@code borealis.rollouts.history-retention}: once an hour, rollouts
 * that ended longer ago than that are removed with their events (the audit log keeps its own
 * record of who started and steered them).
 */
@Component
@EnableConfigurationProperties(RolloutProperties.class)
public class RolloutRetention {

    private static final Logger log = LoggerFactory.getLogger(RolloutRetention.class);

    private final RolloutRepository rollouts;
    private final RolloutProperties properties;
    private final Clock clock;

    public RolloutRetention(RolloutRepository rollouts, RolloutProperties properties, Clock clock) {
        this.rollouts = rollouts;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT1H")
    void scheduled() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.error("Rollout history retention failed; it runs again in an hour", e);
        }
    }

    /** Removes the rollouts that ended before the retention period; returns how many (0 when kept forever). */
    @Transactional
    public int prune() {
        if (properties.historyRetention().isZero()) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(properties.historyRetention());
        int removed = rollouts.deleteFinishedBefore(cutoff);
        if (removed > 0) {
            log.info("Removed {} rollouts that ended before {}", removed, cutoff);
        }
        return removed;
    }
}
