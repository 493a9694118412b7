package io.borealis.cluster;

import java.time.Instant;
import java.util.Map;

/**
 * How the driver's connection is doing.
 *
 * @param driver the driver's name
 * @param connected whether it can launch and kill now
 * @param state a short description ("connected", "subscribing", "disconnected: ...")
 * @param lastContact when the cluster was last heard from (heartbeat, event), or null
 * @param details further facts worth showing (leader, framework id, offer counters, version)
 */
public record ClusterHealth(
        String driver, boolean connected, String state, Instant lastContact, Map<String, String> details) {

    public ClusterHealth {
        details = Map.copyOf(details);
    }
}
