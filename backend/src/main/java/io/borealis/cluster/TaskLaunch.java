package io.borealis.cluster;

import io.borealis.job.JobKey;
import io.borealis.job.TaskConfig;
import java.util.Map;

/**
 * Everything an adapter needs to start one task: its id (already committed by the scheduler), the
 * job and instance it belongs to, its configuration, and the ports assigned from the offer.
 */
public record TaskLaunch(String taskId, JobKey job, int instanceId, TaskConfig config, Map<String, Integer> ports) {

    public TaskLaunch {
        ports = Map.copyOf(ports);
    }
}
