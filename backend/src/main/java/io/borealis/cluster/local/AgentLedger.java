package io.borealis.cluster.local;

import io.borealis.cluster.PortRange;
import io.borealis.job.Resources;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one agent has handed out: the resources and ports of every task the driver launched (or
 * adopted) there that has not ended. Offers are the capacity minus this; a launch that does not fit
 * is refused here, so that two launches on one stale offer cannot over-commit the agent.
 * Thread-safe.
 */
final class AgentLedger {

    private record Holding(Resources resources, List<Integer> ports) {}

    private final Resources capacity;
    private final PortRange portRange;
    private final Map<String, Holding> holdings = new LinkedHashMap<>();

    AgentLedger(Resources capacity, PortRange portRange) {
        this.capacity = capacity;
        this.portRange = portRange;
    }

    /**
     * Reserves resources and ports for a task if they are free.
     *
     * @return empty when reserved, else why not (for the task's status message)
     */
    synchronized Optional<String> reserve(String taskId, Resources needed, Collection<Integer> ports) {
        if (holdings.containsKey(taskId)) {
            return Optional.of("task " + taskId + " already holds resources here");
        }
        Resources free = capacity.minus(allocatedLocked());
        if (!free.covers(needed)) {
            return Optional.of("not enough free resources: needs " + describe(needed) + ", free " + describe(free));
        }
        Set<Integer> used = usedPortsLocked();
        Set<Integer> requested = new HashSet<>();
        for (int port : ports) {
            if (!portRange.contains(port)) {
                return Optional.of("port " + port + " is outside the agent's range " + portRange);
            }
            if (used.contains(port) || !requested.add(port)) {
                return Optional.of("port " + port + " is already in use");
            }
        }
        holdings.put(taskId, new Holding(needed, List.copyOf(ports)));
        return Optional.empty();
    }

    /**
     * Records what an adopted task holds, without checks: it runs already, whatever the
     * configuration says now.
     */
    synchronized void adopt(String taskId, Resources resources, Collection<Integer> ports) {
        holdings.put(taskId, new Holding(resources, List.copyOf(ports)));
    }

    /** Frees what a task held; false if it held nothing. */
    synchronized boolean release(String taskId) {
        return holdings.remove(taskId) != null;
    }

    synchronized boolean holds(String taskId) {
        return holdings.containsKey(taskId);
    }

    synchronized Resources allocated() {
        return allocatedLocked();
    }

    /** Capacity minus allocation, never below zero (an adopted task may hold more than a shrunk capacity). */
    synchronized Resources free() {
        Resources free = capacity.minus(allocatedLocked());
        return new Resources(Math.max(0, free.cpus()), Math.max(0, free.ramMb()), Math.max(0, free.diskMb()));
    }

    synchronized List<PortRange> freePorts() {
        return PortRanges.subtract(List.of(portRange), usedPortsLocked());
    }

    synchronized int taskCount() {
        return holdings.size();
    }

    Resources capacity() {
        return capacity;
    }

    PortRange portRange() {
        return portRange;
    }

    private Resources allocatedLocked() {
        Resources sum = Resources.NONE;
        for (Holding holding : holdings.values()) {
            sum = sum.plus(holding.resources());
        }
        return sum;
    }

    private Set<Integer> usedPortsLocked() {
        Set<Integer> used = new HashSet<>();
        for (Holding holding : holdings.values()) {
            used.addAll(holding.ports());
        }
        return used;
    }

    private static String describe(Resources resources) {
        return resources.cpus() + " cpus, " + resources.ramMb() + " MB ram, " + resources.diskMb() + " MB disk";
    }
}
