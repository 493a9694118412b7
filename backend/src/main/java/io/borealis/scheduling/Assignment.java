package io.borealis.scheduling;

import io.borealis.cluster.ResourceOffer;
import java.util.Map;

/** A pending task placed on an offer, with the port numbers it gets. */
public record Assignment(PendingTask task, ResourceOffer offer, Map<String, Integer> ports) {

    public Assignment {
        ports = Map.copyOf(ports);
    }
}
