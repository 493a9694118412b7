package io.borealis.cluster;

import io.borealis.job.Resources;
import java.util.List;
import java.util.Map;

/**
 * An agent as the cluster page shows it.
 *
 * @param id the agent's id
 * @param hostname where it runs
 * @param attributes its attributes (used by constraints)
 * @param total its whole capacity
 * @param allocated what running tasks (of this scheduler) hold
 * @param ports the port ranges it offers
 * @param active false when the agent is unreachable or gone
 * @param runningTasks how many tasks run there now
 */
public record AgentView(
        String id,
        String hostname,
        Map<String, String> attributes,
        Resources total,
        Resources allocated,
        List<PortRange> ports,
        boolean active,
        int runningTasks) {

    public AgentView {
        attributes = Map.copyOf(attributes);
        ports = List.copyOf(ports);
    }

    public Resources free() {
        return total.minus(allocated);
    }
}
