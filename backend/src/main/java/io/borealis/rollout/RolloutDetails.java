package io.borealis.rollout;

import io.borealis.job.TaskConfig;
import java.util.List;
import java.util.Map;

/**
 * Everything about one rollout, for its page and for replaying it.
 *
 * @param summary the rollout with its counts
 * @param batches its forward batches (instance ids), in order
 * @param events every status it entered, oldest first
 * @param instances each touched instance's progress, by instance
 * @param instanceEvents every instance event, oldest first
 * @param fromConfigs the configurations the instances ran before, by configuration id
 * @param toConfig the configuration it moves instances to
 */
public record RolloutDetails(
        RolloutSummary summary,
        List<List<Integer>> batches,
        List<RolloutEvent> events,
        List<RolloutInstance> instances,
        List<InstanceEvent> instanceEvents,
        Map<Long, TaskConfig> fromConfigs,
        TaskConfig toConfig) {

    public Rollout rollout() {
        return summary.rollout();
    }
}
