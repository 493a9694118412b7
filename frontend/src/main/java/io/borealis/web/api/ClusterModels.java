package io.borealis.web.api;

import io.borealis.cluster.AgentView;
import io.borealis.cluster.ClusterHealth;
import io.borealis.cluster.PortRange;
import io.borealis.job.Resources;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the cluster endpoints send. */
final class ClusterModels {

    private ClusterModels() {}

    /** Cpu cores, memory and disk in MB. */
    record ResourceAmounts(double cpus, long ramMb, long diskMb) {
        static ResourceAmounts of(Resources resources) {
            return new ResourceAmounts(resources.cpus(), resources.ramMb(), resources.diskMb());
        }
    }

    /** An inclusive range of port numbers. */
    record Ports(int begin, int end) {
        static Ports of(PortRange range) {
            return new Ports(range.begin(), range.end());
        }
    }

    /**
     * An agent and what it holds.
     *
     * @param allocated what tasks of this scheduler hold there
     * @param active false when the agent is unreachable or gone
     */
    record Agent(
            String id,
            String hostname,
            Map<String, String> attributes,
            ResourceAmounts total,
            ResourceAmounts allocated,
            ResourceAmounts free,
            List<Ports> ports,
            boolean active,
            int runningTasks) {
        static Agent of(AgentView agent) {
            return new Agent(
                    agent.id(),
                    agent.hostname(),
                    agent.attributes(),
                    ResourceAmounts.of(agent.total()),
                    ResourceAmounts.of(agent.allocated()),
                    ResourceAmounts.of(agent.free()),
                    agent.ports().stream().map(Ports::of).toList(),
                    agent.active(),
                    agent.runningTasks());
        }
    }

    /**
     * How the scheduler's connection to its cluster is doing.
     *
     * @param driver local or mesos
     * @param connected whether it can launch and kill now
     * @param lastContact when the cluster was last heard from
     */
    record Cluster(String driver, boolean connected, String state, Instant lastContact, Map<String, String> details) {
        static Cluster of(ClusterHealth health) {
            return new Cluster(
                    health.driver(), health.connected(), health.state(), health.lastContact(), health.details());
        }
    }
}
