package io.borealis.rollout;

import io.borealis.job.TaskConfig;
import io.borealis.quota.Usage;
import java.util.function.LongFunction;

/**
 * What a rollout adds to its team's production use (pure): for each instance it touches, the
 * larger of its old and new configuration, resource by resource, minus what the instance uses now.
 * An added instance counts in full, a removed one adds nothing, a changed one only what grows.
 * Preemptible configurations use no quota.
 */
public final class RolloutQuota {

    private RolloutQuota() {}

    public static Usage additional(JobDiff diff, LongFunction<TaskConfig> configs, TaskConfig target) {
        Usage wanted = production(target);
        Usage additional = Usage.NONE;
        for (int ignored : diff.add()) {
            additional = additional.plus(wanted);
        }
        for (long from : diff.change().values()) {
            Usage now = production(configs.apply(from));
            Usage larger = new Usage(now.resources().max(wanted.resources()), Math.max(now.tasks(), wanted.tasks()));
            additional = additional.plus(larger.minus(now));
        }
        return additional;
    }

    private static Usage production(TaskConfig config) {
        return config.tier().isProduction() ? Usage.of(config.resources(), 1) : Usage.NONE;
    }
}
