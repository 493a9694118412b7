package io.borealis.cluster.local;

import io.borealis.cluster.PortRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code borealis.cluster.local.*}: where task sandboxes live and which virtual agents the local
 * cluster has. Every agent is a slice of this one machine, so their port ranges must not overlap.
 * Invalid settings stop start-up with one message that lists every problem by property name.
 *
 * @param workDir the root of the sandboxes ({@code <work-dir>/<agent>/<task id>/}); default
 *     {@code ./data/sandboxes}
 * @param agents the virtual agents; default three agents {@code local-1..3} (4 cpus, 4096 MB ram,
 *     20480 MB disk, 100 ports each; {@code rack} a, a, b)
 * @param healthCheckThreads threads that run health checks (1-64, default 2)
 */
@ConfigurationProperties("borealis.cluster.local")
public record LocalClusterProperties(Path workDir, List<Agent> agents, Integer healthCheckThreads) {

    static final String PREFIX = "borealis.cluster.local.";

    /** Lower-case letters, digits and '-', a letter or digit first; 1-63 characters. */
    static final Pattern AGENT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * One virtual agent.
     *
     * @param name its id and hostname ({@code [a-z0-9-]}, also its sandbox folder)
     * @param cpus cores it offers (fractions allowed)
     * @param ramMb memory it offers
     * @param diskMb disk it offers
     * @param ports its port range, e.g. {@code 31000-31099}
     * @param attributes for constraints, e.g. {@code rack=a}
     */
    public record Agent(
            String name, Double cpus, Long ramMb, Long diskMb, String ports, Map<String, String> attributes) {

        public Agent {
            attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    public LocalClusterProperties {
        workDir = workDir == null ? Path.of("data", "sandboxes") : workDir;
        agents = agents == null || agents.isEmpty() ? defaultAgents() : List.copyOf(agents);
        healthCheckThreads = healthCheckThreads == null ? 2 : healthCheckThreads;
        List<String> problems = problems(workDir, agents, healthCheckThreads);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid local cluster settings:\n - " + String.join("\n - ", problems));
        }
    }

    /** The default cluster: three agents, two racks, so that constraints can be tried out. */
    public static List<Agent> defaultAgents() {
        return List.of(
                new Agent("local-1", 4.0, 4096L, 20480L, "31000-31099", Map.of("host", "local-1", "rack", "a")),
                new Agent("local-2", 4.0, 4096L, 20480L, "31100-31199", Map.of("host", "local-2", "rack", "a")),
                new Agent("local-3", 4.0, 4096L, 20480L, "31200-31299", Map.of("host", "local-3", "rack", "b")));
    }

    private static List<String> problems(Path workDir, List<Agent> agents, int healthCheckThreads) {
        List<String> problems = new ArrayList<>();
        if (workDir.toString().isBlank()) {
            problems.add(PREFIX + "work-dir must not be empty");
        }
        if (healthCheckThreads < 1 || healthCheckThreads > 64) {
            problems.add(PREFIX + "health-check-threads must be between 1 and 64, was " + healthCheckThreads);
        }
        Set<String> names = new HashSet<>();
        Map<String, PortRange> ranges = new LinkedHashMap<>();
        for (int i = 0; i < agents.size(); i++) {
            String field = PREFIX + "agents[" + i + "].";
            Agent agent = agents.get(i);
            if (agent == null) {
                problems.add(PREFIX + "agents[" + i + "] is empty");
                continue;
            }
            if (agent.name() == null || !AGENT_NAME.matcher(agent.name()).matches()) {
                problems.add(field + "name must be 1-63 characters: lower-case letters, digits or '-', "
                        + "not starting with '-' (was " + quoted(agent.name()) + ")");
            } else if (!names.add(agent.name())) {
                problems.add(field + "name '" + agent.name() + "' is used by another agent");
            }
            if (agent.cpus() == null || !(agent.cpus() > 0) || agent.cpus().isInfinite()) {
                problems.add(field + "cpus must be a positive number, was " + agent.cpus());
            }
            if (agent.ramMb() == null || agent.ramMb() <= 0) {
                problems.add(field + "ram-mb must be positive, was " + agent.ramMb());
            }
            if (agent.diskMb() == null || agent.diskMb() <= 0) {
                problems.add(field + "disk-mb must be positive, was " + agent.diskMb());
            }
            try {
                PortRange range = PortRanges.parse(agent.ports());
                for (Map.Entry<String, PortRange> other : ranges.entrySet()) {
                    if (other.getValue().overlaps(range)) {
                        problems.add(field + "ports " + range + " overlap " + other.getKey() + " " + other.getValue()
                                + " (all agents share this machine's ports)");
                    }
                }
                ranges.put(field + "ports", range);
            } catch (IllegalArgumentException e) {
                problems.add(field + "ports " + e.getMessage());
            }
            agent.attributes().forEach((key, value) -> {
                if (key.isBlank() || value == null || value.isBlank()) {
                    problems.add(field + "attributes." + key + " needs a name and a value");
                }
            });
        }
        return problems;
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "'" + text + "'";
    }
}
