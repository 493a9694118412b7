package io.borealis.web.api;

import io.borealis.scheduler.ClusterService;
import io.borealis.web.api.ClusterModels.Agent;
import io.borealis.web.api.ClusterModels.Cluster;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cluster: its agents and the scheduler's connection to it. */
@RestController
@RequestMapping(ApiPaths.BASE)
@Tag(name = "Cluster", description = "Agents and cluster health")
class ClusterController {

    private final ClusterService cluster;

    ClusterController(ClusterService cluster) {
        this.cluster = cluster;
    }

    @GetMapping("/agents")
    @Operation(summary = "List the agents", description = "Each agent's capacity, what is allocated and what is free.")
    List<Agent> listAgents() {
        return cluster.agents().stream().map(Agent::of).toList();
    }

    @GetMapping("/cluster")
    @Operation(summary = "Cluster health", description = "The driver and whether it can launch and kill now.")
    Cluster readCluster() {
        return Cluster.of(cluster.health());
    }
}
