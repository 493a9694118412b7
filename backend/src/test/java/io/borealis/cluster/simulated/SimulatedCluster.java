package io.borealis.cluster.simulated;

import io.borealis.cluster.AgentView;
import io.borealis.cluster.ClusterDriver;
import io.borealis.cluster.ClusterHealth;
import io.borealis.cluster.ClusterListener;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.LogChunk;
import io.borealis.cluster.LogStream;
import io.borealis.cluster.PortRange;
import io.borealis.cluster.ResourceOffer;
import io.borealis.cluster.TaskLaunch;
import io.borealis.cluster.TaskRef;
import io.borealis.cluster.TaskStatusUpdate;
import io.borealis.job.Resources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory cluster for tests and benchmarks (never part of the app): agents with capacity,
 * tasks that exist only as entries in a map. Tests decide what happens to a task (start it, finish
 * it, fail it, lose it); kills and acknowledgements are recorded for assertions. Updates queue up
 * until the test calls {@link #flush()}, which delivers them on the test's thread: deterministic,
 * and never inside the transaction whose commit caused them.
 */
public class SimulatedCluster implements ClusterDriver {

    /** An agent of the simulated cluster. */
    public record Agent(String id, Map<String, String> attributes, Resources capacity, PortRange ports) {}

    /** A task the simulated cluster runs. */
    public record RunningTask(TaskLaunch launch, String agentId, ClusterTaskState state) {}

    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, RunningTask> tasks = new ConcurrentHashMap<>();
    private final List<TaskRef> kills = new CopyOnWriteArrayList<>();
    private final List<TaskStatusUpdate> acknowledged = new CopyOnWriteArrayList<>();
    private final List<List<TaskRef>> reconciliations = new CopyOnWriteArrayList<>();
    private final java.util.Queue<TaskStatusUpdate> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Clock clock;
    private volatile ClusterListener listener;
    private volatile boolean autoStart = true;
    private volatile boolean autoKill = true;
    private volatile boolean reliableUpdates;
    private int ackCounter;

    public SimulatedCluster(Clock clock) {
        this.clock = clock;
    }

    /** A cluster of {@code count} identical agents named {@code agent-<n>}, racks a and b alternating. */
    public static SimulatedCluster withAgents(Clock clock, int count, Resources capacity) {
        SimulatedCluster cluster = new SimulatedCluster(clock);
        for (int i = 0; i < count; i++) {
            int base = 20_000 + (i % 400) * 100;
            cluster.addAgent(new Agent(
                    "agent-" + i,
                    Map.of("rack", i % 2 == 0 ? "a" : "b", "host", "agent-" + i),
                    capacity,
                    new PortRange(base, base + 99)));
        }
        return cluster;
    }

    public synchronized void addAgent(Agent agent) {
        agents.put(agent.id(), agent);
    }

    /** Whether launched tasks report STARTING and RUNNING by themselves (default true). */
    public void autoStart(boolean on) {
        autoStart = on;
    }

    /** Whether kills are answered KILLED at once (default true). */
    public void autoKill(boolean on) {
        autoKill = on;
    }

    /** Whether updates carry an acknowledgement token, like Mesos' reliable updates. */
    public void reliableUpdates(boolean on) {
        reliableUpdates = on;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public void start(ClusterListener listener) {
        this.listener = listener;
    }

    @Override
    public synchronized List<ResourceOffer> offers() {
        Map<String, Resources> used = new LinkedHashMap<>();
        Map<String, List<Integer>> usedPorts = new LinkedHashMap<>();
        for (RunningTask task : tasks.values()) {
            if (!task.state().isTerminal()) {
                used.merge(task.agentId(), task.launch().config().resources(), Resources::plus);
                usedPorts
                        .computeIfAbsent(task.agentId(), a -> new ArrayList<>())
                        .addAll(task.launch().ports().values());
            }
        }
        List<ResourceOffer> offers = new ArrayList<>(agents.size());
        for (Agent agent : agents.values()) {
            Resources free = agent.capacity().minus(used.getOrDefault(agent.id(), Resources.NONE));
            offers.add(new ResourceOffer(
                    null,
                    agent.id(),
                    agent.id(),
                    agent.attributes(),
                    free,
                    freePorts(agent.ports(), usedPorts.getOrDefault(agent.id(), List.of()))));
        }
        return offers;
    }

    private static List<PortRange> freePorts(PortRange range, List<Integer> used) {
        if (used.isEmpty()) {
            return List.of(range);
        }
        List<Integer> sorted = new ArrayList<>(used);
        Collections.sort(sorted);
        List<PortRange> free = new ArrayList<>();
        int next = range.begin();
        for (int port : sorted) {
            if (port > next) {
                free.add(new PortRange(next, port - 1));
            }
            next = Math.max(next, port + 1);
        }
        if (next <= range.end()) {
            free.add(new PortRange(next, range.end()));
        }
        return free;
    }

    @Override
    public void launch(ResourceOffer offer, List<TaskLaunch> launches) {
        for (TaskLaunch launch : launches) {
            tasks.put(launch.taskId(), new RunningTask(launch, offer.agentId(), ClusterTaskState.STAGING));
            if (autoStart) {
                report(launch.taskId(), ClusterTaskState.STARTING, "Starting", null);
                report(
                        launch.taskId(),
                        ClusterTaskState.RUNNING,
                        "Running",
                        launch.config().healthCheck() == null ? null : Boolean.TRUE);
            }
        }
    }

    @Override
    public void decline(List<ResourceOffer> offers) {}

    @Override
    public void kill(TaskRef task, Duration gracePeriod) {
        kills.add(task);
        RunningTask running = tasks.get(task.taskId());
        if (autoKill) {
            if (running == null) {
                deliver(new TaskStatusUpdate(
                        task.taskId(),
                        task.agentId(),
                        ClusterTaskState.LOST,
                        "Unknown task",
                        null,
                        null,
                        clock.instant(),
                        null));
            } else if (!running.state().isTerminal()) {
                report(task.taskId(), ClusterTaskState.KILLED, "Killed", null);
            }
        }
    }

    @Override
    public void acknowledge(TaskStatusUpdate update) {
        acknowledged.add(update);
    }

    @Override
    public void reconcile(List<TaskRef> refs) {
        reconciliations.add(List.copyOf(refs));
        for (TaskRef ref : refs) {
            RunningTask running = tasks.get(ref.taskId());
            if (running == null) {
                deliver(new TaskStatusUpdate(
                        ref.taskId(),
                        ref.agentId(),
                        ClusterTaskState.LOST,
                        "Reconciliation: task unknown",
                        "REASON_RECONCILIATION",
                        null,
                        clock.instant(),
                        null));
            } else {
                deliver(new TaskStatusUpdate(
                        ref.taskId(),
                        running.agentId(),
                        running.state(),
                        "Reconciliation: latest task state",
                        "REASON_RECONCILIATION",
                        running.launch().config().healthCheck() == null ? null : Boolean.TRUE,
                        clock.instant(),
                        null));
            }
        }
    }

    @Override
    public synchronized List<AgentView> agents() {
        List<ResourceOffer> offers = offers();
        List<AgentView> views = new ArrayList<>();
        for (ResourceOffer offer : offers) {
            Agent agent = agents.get(offer.agentId());
            int running = (int) tasks.values().stream()
                    .filter(t -> t.agentId().equals(agent.id()) && !t.state().isTerminal())
                    .count();
            views.add(new AgentView(
                    agent.id(),
                    agent.id(),
                    agent.attributes(),
                    agent.capacity(),
                    agent.capacity().minus(offer.free()),
                    List.of(agent.ports()),
                    true,
                    running));
        }
        return views;
    }

    @Override
    public ClusterHealth health() {
        return new ClusterHealth(
                "simulated", listener != null, "simulating " + agents.size() + " agents", clock.instant(), Map.of());
    }

    @Override
    public LogChunk readLog(TaskRef task, LogStream stream, long offset, int maxBytes) {
        String text = tasks.containsKey(task.taskId())
                ? "simulated " + stream.fileName() + " of " + task.taskId() + "\n"
                : "";
        return new LogChunk(text, 0, text.length(), text.length());
    }

    @Override
    public void stop() {
        listener = null;
    }

    // test controls

    /** Reports a new state for a task (and remembers it). */
    public void report(String taskId, ClusterTaskState state, String message, Boolean healthy) {
        RunningTask running = tasks.get(taskId);
        String agent = running == null ? null : running.agentId();
        if (running != null) {
            tasks.put(taskId, new RunningTask(running.launch(), running.agentId(), state));
        }
        String token;
        synchronized (this) {
            token = reliableUpdates ? "ack-" + (++ackCounter) : null;
        }
        deliver(new TaskStatusUpdate(taskId, agent, state, message, null, healthy, clock.instant(), token));
    }

    /** Forgets a task, as a cluster that lost it would (no update is sent). */
    public void vanish(String taskId) {
        tasks.remove(taskId);
    }

    /** Pretends a task the scheduler never launched runs here. */
    public void runStray(TaskLaunch launch, String agentId) {
        tasks.put(launch.taskId(), new RunningTask(launch, agentId, ClusterTaskState.RUNNING));
    }

    public Map<String, RunningTask> tasks() {
        return Map.copyOf(tasks);
    }

    public List<RunningTask> running() {
        return tasks.values().stream().filter(t -> !t.state().isTerminal()).toList();
    }

    public List<TaskRef> kills() {
        return List.copyOf(kills);
    }

    public List<TaskStatusUpdate> acknowledged() {
        return List.copyOf(acknowledged);
    }

    public List<List<TaskRef>> reconciliations() {
        return List.copyOf(reconciliations);
    }

    public Instant now() {
        return clock.instant();
    }

    private void deliver(TaskStatusUpdate update) {
        queue.add(update);
    }

    /** Delivers every queued update (and those they cause) to the scheduler; returns how many. */
    public int flush() {
        int delivered = 0;
        TaskStatusUpdate update;
        while ((update = queue.poll()) != null) {
            ClusterListener current = listener;
            if (current != null) {
                current.onStatus(update);
                delivered++;
            }
        }
        return delivered;
    }

    /** Takes the oldest queued update without delivering it (the benchmark times delivery itself). */
    public TaskStatusUpdate flushOneForBenchmark() {
        return queue.poll();
    }

    /** Updates waiting for {@link #flush()}. */
    public int queued() {
        return queue.size();
    }
}
