package io.borealis.cluster.local;

import io.borealis.cluster.AgentView;
import io.borealis.cluster.PortRange;
import io.borealis.cluster.ResourceOffer;
import io.borealis.job.Resources;
import java.util.List;
import java.util.Map;

/**
 * One virtual agent of the local cluster: a named slice of this machine (cpus, memory, disk, a port
 * range, attributes for constraints) and the ledger of what its tasks hold. Its name doubles as its
 * hostname, so that {@code host} constraints spread tasks over the virtual agents.
 */
final class LocalAgent {

    private final String name;
    private final Map<String, String> attributes;
    private final AgentLedger ledger;

    LocalAgent(String name, Resources capacity, PortRange ports, Map<String, String> attributes) {
        this.name = name;
        this.attributes = Map.copyOf(attributes);
        this.ledger = new AgentLedger(capacity, ports);
    }

    static LocalAgent of(LocalClusterProperties.Agent agent) {
        return new LocalAgent(
                agent.name(),
                new Resources(agent.cpus(), agent.ramMb(), agent.diskMb()),
                PortRanges.parse(agent.ports()),
                agent.attributes());
    }

    String name() {
        return name;
    }

    AgentLedger ledger() {
        return ledger;
    }

    /** What is free now, as the one offer this agent makes (local offers have no id). */
    ResourceOffer offer() {
        return new ResourceOffer(null, name, name, attributes, ledger.free(), ledger.freePorts());
    }

    AgentView view() {
        return new AgentView(
                name,
                name,
                attributes,
                ledger.capacity(),
                ledger.allocated(),
                List.of(ledger.portRange()),
                true,
                ledger.taskCount());
    }
}
