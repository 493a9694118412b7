package io.borealis.cluster;

import io.borealis.job.Resources;
import java.util.List;
import java.util.Map;

/**
 * Free resources on one agent that the scheduler may launch tasks with.
 *
 * @param offerId the cluster's id of this offer (Mesos), or null where offers are not a thing (local)
 * @param agentId the agent's id
 * @param hostname where the agent runs
 * @param attributes the agent's attributes, for constraints (e.g. {@code rack}, {@code zone})
 * @param free cpus, memory and disk that are free
 * @param ports port ranges that are free
 */
public record ResourceOffer(
        String offerId,
        String agentId,
        String hostname,
        Map<String, String> attributes,
        Resources free,
        List<PortRange> ports) {

    public ResourceOffer {
        attributes = Map.copyOf(attributes);
        ports = List.copyOf(ports);
    }

    /** How many ports this offer has free. */
    public int freePortCount() {
        return ports.stream().mapToInt(PortRange::size).sum();
    }
}
