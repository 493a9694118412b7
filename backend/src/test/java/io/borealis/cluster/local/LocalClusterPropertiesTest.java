package io.borealis.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.cluster.local.LocalClusterProperties.Agent;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalClusterPropertiesTest {

    private static Agent agent(String name, String ports) {
        return new Agent(name, 2.0, 1024L, 2048L, ports, Map.of("rack", "a"));
    }

    @Test
    void defaultsToThreeAgentsOnTwoRacksWithSeparatePorts() {
        LocalClusterProperties properties = new LocalClusterProperties(null, null, null);

        assertThat(properties.workDir()).isEqualTo(Path.of("data", "sandboxes"));
        assertThat(properties.healthCheckThreads()).isEqualTo(2);
        assertThat(properties.agents()).extracting(Agent::name).containsExactly("local-1", "local-2", "local-3");
        assertThat(properties.agents())
                .extracting(Agent::ports)
                .containsExactly("31000-31099", "31100-31199", "31200-31299");
        assertThat(properties.agents()).allSatisfy(agent -> {
            assertThat(agent.cpus()).isEqualTo(4.0);
            assertThat(agent.ramMb()).isEqualTo(4096L);
            assertThat(agent.diskMb()).isEqualTo(20480L);
            assertThat(agent.attributes()).containsEntry("host", agent.name());
        });
        assertThat(properties.agents())
                .extracting(agent -> agent.attributes().get("rack"))
                .containsExactly("a", "a", "b");
    }

    @Test
    void anEmptyAgentListMeansTheDefault() {
        assertThat(new LocalClusterProperties(Path.of("x"), List.of(), 1).agents())
                .hasSize(3);
    }

    @Test
    void acceptsAValidCluster() {
        LocalClusterProperties properties = new LocalClusterProperties(
                Path.of("/tmp/sandboxes"), List.of(agent("a1", "20000-20009"), agent("a2", "20010")), 4);
        assertThat(properties.agents()).hasSize(2);
        assertThat(properties.healthCheckThreads()).isEqualTo(4);
    }

    @Test
    void refusesBadNames() {
        assertThatThrownBy(() -> new LocalClusterProperties(null, List.of(agent("Local_1", "20000")), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid local cluster settings:\n"
                        + " - borealis.cluster.local.agents[0].name must be 1-63 characters: lower-case letters,"
                        + " digits or '-', not starting with '-' (was 'Local_1')");
        assertThatThrownBy(() -> new LocalClusterProperties(null, List.of(agent(null, "20000")), null))
                .hasMessageContaining("agents[0].name must be 1-63 characters")
                .hasMessageContaining("(was nothing)");
        assertThatThrownBy(() -> new LocalClusterProperties(null, List.of(agent("-a", "20000")), null))
                .hasMessageContaining("agents[0].name");
        assertThatThrownBy(() -> new LocalClusterProperties(null, List.of(agent("../etc", "20000")), null))
                .hasMessageContaining("agents[0].name");
    }

    @Test
    void refusesDuplicateNames() {
        assertThatThrownBy(
                        () -> new LocalClusterProperties(null, List.of(agent("a", "20000"), agent("a", "20001")), null))
                .hasMessageContaining("borealis.cluster.local.agents[1].name 'a' is used by another agent");
    }

    @Test
    void refusesNonPositiveCapacities() {
        Agent bad = new Agent("a", 0.0, 0L, -1L, "20000", Map.of());
        assertThatThrownBy(() -> new LocalClusterProperties(null, List.of(bad), null))
                .hasMessageContaining("borealis.cluster.local.agents[0].cpus must be a positive number, was 0.0")
                .hasMessageContaining("borealis.cluster.local.agents[0].ram-mb must be positive, was 0")
                .hasMessageContaining("borealis.cluster.local.agents[0].disk-mb must be positive, was -1");
        Agent missing = new Agent("a", null, null, null, "20000", null);
        assertThatThrownBy(() -> new LocalClusterProperties(null, List.of(missing), null))
                .hasMessageContaining("cpus must be a positive number, was null")
                .hasMessageContaining("ram-mb must be positive, was null")
                .hasMessageContaining("disk-mb must be positive, was null");
        Agent nan = new Agent("a", Double.NaN, 1L, 1L, "20000", null);
        assertThatThrownBy(() -> new LocalClusterProperties(null, List.of(nan), null))
                .hasMessageContaining("cpus must be a positive number, was NaN");
    }

    @Test
    void refusesBadPortRanges() {
        assertThatThrownBy(() -> new LocalClusterProperties(null, List.of(agent("a", null)), null))
                .hasMessageContaining("borealis.cluster.local.agents[0].ports is required, e.g. 31000-31099");
        assertThatThrownBy(() -> new LocalClusterProperties(null, List.of(agent("a", "9-1")), null))
                .hasMessageContaining("agents[0].ports must start at or below its end, was '9-1'");
    }

    @Test
    void refusesOverlappingPortRangesBecauseAgentsShareTheMachine() {
        assertThatThrownBy(() -> new LocalClusterProperties(
                        null,
                        List.of(agent("a", "20000-20099"), agent("b", "20200-20299"), agent("c", "20050-20250")),
                        null))
                .hasMessageContaining("borealis.cluster.local.agents[2].ports 20050-20250 overlap"
                        + " borealis.cluster.local.agents[0].ports 20000-20099 (all agents share this machine's ports)")
                .hasMessageContaining(
                        "agents[2].ports 20050-20250 overlap borealis.cluster.local.agents[1].ports" + " 20200-20299");
    }

    @Test
    void refusesBlankAttributesAndBadThreadCounts() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("rack", " ");
        Agent agent = new Agent("a", 1.0, 1L, 1L, "20000", attributes);
        assertThatThrownBy(() -> new LocalClusterProperties(null, List.of(agent), 0))
                .hasMessageContaining("borealis.cluster.local.agents[0].attributes.rack needs a name and a value")
                .hasMessageContaining("borealis.cluster.local.health-check-threads must be between 1 and 64, was 0");
        assertThatThrownBy(() -> new LocalClusterProperties(null, null, 65))
                .hasMessageContaining("health-check-threads must be between 1 and 64, was 65");
        assertThatThrownBy(() -> new LocalClusterProperties(Path.of(""), null, null))
                .hasMessageContaining("borealis.cluster.local.work-dir must not be empty");
    }

    @Test
    void listsEveryProblemAtOnce() {
        assertThatThrownBy(
                        () -> new LocalClusterProperties(null, List.of(new Agent("A", -1.0, 1L, 1L, "x", null)), null))
                .hasMessageContaining("agents[0].name")
                .hasMessageContaining("agents[0].cpus")
                .hasMessageContaining("agents[0].ports");
    }
}
