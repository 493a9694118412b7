package io.borealis.cluster.local;

import io.borealis.cluster.AgentView;
import io.borealis.cluster.ClusterDriver;
import io.borealis.cluster.ClusterHealth;
import io.borealis.cluster.ClusterListener;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.LogChunk;
import io.borealis.cluster.LogStream;
import io.borealis.cluster.ResourceOffer;
import io.borealis.cluster.TaskLaunch;
import io.borealis.cluster.TaskRef;
import io.borealis.cluster.TaskStatusUpdate;
import io.borealis.job.TaskConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default cluster: a configured set of virtual agents on this machine, each task a
 * real OS process tree in its own sandbox folder ({@link Sandbox}). It survives restarts of
 * Borealis: {@link #stop} leaves tasks running, and {@link #start} adopts every sandbox whose
 * recorded process still runs (same pid <em>and</em> same start time, so a reused pid is not
 * mistaken for the task), so that reconciliation finds them running and nothing runs twice.
 *
 * <p>Threads (daemons, gone after {@link #stop}): {@code local-cluster-events-1} delivers status
 * updates and resource changes to the listener, one at a time in the order they happened;
 * {@code local-cluster-timer-1} handles process exits and kill escalation; {@code
 * local-cluster-probe-N} run health checks. Launches run in the caller's thread (a fork per task);
 * kills return at once. Status updates need no acknowledgement.
 *
 * <p>What the scheduler can rely on:
 *
 * <ul>
 *   <li>launch: STARTING as soon as the process runs; RUNNING at once, or with a health check once
 *       the first check passes; then FINISHED (exit 0), FAILED (a process failed, or the health
 *       check failed too often: the task is killed first), or KILLED. A task that cannot start
 *       is FAILED with the reason; one that does not fit its agent any more (stale offer) is LOST
 *       with reason {@code REASON_INVALID_OFFERS}, so that it is placed again.
 *   <li>kill and reconcile of a task that has ended answer its terminal state as recorded in its
 *       sandbox; of a task this machine does not know, LOST. Reconcile of an empty list answers
 *       every task that runs (implicit reconciliation).
 *   <li>readLog of an unknown task (no sandbox here) is an empty chunk, so a log viewer shows
 *       "nothing yet" rather than an error; an id that is no valid folder name is refused.
 * </ul>
 */
public final class LocalClusterDriver implements ClusterDriver {

    private static final Logger log = LoggerFactory.getLogger(LocalClusterDriver.class);

    static final String REASON_INVALID_OFFERS = "REASON_INVALID_OFFERS";
    static final String REASON_TASK_UNKNOWN = "REASON_TASK_UNKNOWN";
    static final String REASON_TASK_INVALID = "REASON_TASK_INVALID";

    /** How far apart the recorded and the OS's process start may be (the OS's boot time jitters). */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    private enum Phase {
        NEW,
        RUNNING,
        STOPPED
    }

    private final Clock clock;
    private final Sandboxes sandboxes;
    private final int probeThreads;
    private final Map<String, LocalAgent> agents;
    private final TaskLauncher launcher;
    private final Map<String, String> hostEnvironment;
    private final Map<String, TaskProcess> tasks = new ConcurrentHashMap<>();
    /** Serialises launches with lookups of tasks not (yet) known, so a kill never misses a launch. */
    private final Object launchLock = new Object();

    private volatile Phase phase = Phase.NEW;
    private volatile ClusterListener listener;
    private volatile ExecutorService events;
    private volatile TaskRuntime runtime;
    private volatile int adoptedAtStart;

    public LocalClusterDriver(LocalClusterProperties properties, Clock clock) {
        this(properties, clock, System.getenv());
    }

    LocalClusterDriver(LocalClusterProperties properties, Clock clock, Map<String, String> hostEnvironment) {
        this.clock = clock;
        this.sandboxes = new Sandboxes(properties.workDir());
        this.probeThreads = properties.healthCheckThreads();
        Map<String, LocalAgent> configured = new LinkedHashMap<>();
        for (LocalClusterProperties.Agent agent : properties.agents()) {
            configured.put(agent.name(), LocalAgent.of(agent));
        }
        this.agents = Collections.unmodifiableMap(configured);
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.launcher = new TaskLauncher(this.hostEnvironment);
    }

    @Override
    public String name() {
        return "local";
    }

    /** The folder that holds the sandboxes. */
    public Path workDir() {
        return sandboxes.root();
    }

    @Override
    public synchronized void start(ClusterListener newListener) {
        if (phase != Phase.NEW) {
            throw new IllegalStateException("the local cluster driver starts once; it is " + phase);
        }
        try {
            Files.createDirectories(sandboxes.root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local cluster's work dir " + sandboxes.root(), e);
        }
        listener = newListener;
        events = Executors.newSingleThreadExecutor(new NamedThreadFactory("local-cluster-events"));
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("local-cluster-timer"));
        ScheduledThreadPoolExecutor probes =
                new ScheduledThreadPoolExecutor(probeThreads, new NamedThreadFactory("local-cluster-probe"));
        timer.setRemoveOnCancelPolicy(true);
        probes.setRemoveOnCancelPolicy(true);
        runtime = new TaskRuntime(
                clock, timer, probes, new ProcessTreeKiller(timer), new HealthProber(), new Events(), hostEnvironment);
        phase = Phase.RUNNING;
        int adopted = 0;
        for (Sandbox sandbox : sandboxes.withManifest()) {
            try {
                if (adoptIfRunning(sandbox) != null) {
                    adopted++;
                }
            } catch (RuntimeException e) {
                log.warn("Cannot adopt the task in {}: {}", sandbox, e.getMessage());
            }
        }
        adoptedAtStart = adopted;
        log.info(
                "Local cluster started: {} agents {}, sandboxes in {}, {} running task(s) adopted",
                agents.size(),
                agents.keySet(),
                sandboxes.root(),
                adopted);
    }

    @Override
    public List<ResourceOffer> offers() {
        if (phase != Phase.RUNNING) {
            return List.of();
        }
        return agents.values().stream().map(LocalAgent::offer).toList();
    }

    @Override
    public void launch(ResourceOffer offer, List<TaskLaunch> launches) {
        requireRunning();
        LocalAgent agent = agents.get(offer.agentId());
        for (TaskLaunch launch : launches) {
            if (agent == null) {
                publish(
                        launch.taskId(),
                        offer.agentId(),
                        ClusterTaskState.LOST,
                        "Unknown agent '" + offer.agentId() + "'",
                        REASON_INVALID_OFFERS);
                continue;
            }
            try {
                launchOne(agent, launch);
            } catch (RuntimeException e) {
                log.error("Launch of task {} failed unexpectedly", launch.taskId(), e);
                publish(launch.taskId(), agent.name(), ClusterTaskState.FAILED, "Cannot launch: " + e, null);
            }
        }
    }

    private void launchOne(LocalAgent agent, TaskLaunch launch) {
        String taskId = launch.taskId();
        if (!Sandboxes.isSafeName(taskId)) {
            publish(
                    taskId,
                    agent.name(),
                    ClusterTaskState.FAILED,
                    "Cannot launch: invalid task id '" + taskId + "'",
                    REASON_TASK_INVALID);
            return;
        }
        synchronized (launchLock) {
            TaskProcess known = tasks.get(taskId);
            Optional<Sandbox> earlier = known == null ? sandboxes.find(taskId, agent.name()) : Optional.empty();
            if (known != null || earlier.isPresent()) {
                log.warn("Task {} was launched before; answering its state instead of launching it again", taskId);
                TaskProcess running = known != null ? known : adoptIfRunning(earlier.get());
                if (running != null) {
                    running.reconcile();
                } else {
                    answer(taskId, agent.name(), null, "Unknown task");
                }
                return;
            }
            TaskConfig config = launch.config();
            Optional<List<TaskManifest.AssignedPort>> assigned = assignedPorts(launch);
            if (assigned.isEmpty()) {
                publish(
                        taskId,
                        agent.name(),
                        ClusterTaskState.FAILED,
                        "Cannot launch: not every port was assigned (needs " + config.ports() + ", got "
                                + launch.ports().keySet().stream().sorted().toList() + ")",
                        REASON_TASK_INVALID);
                return;
            }
            List<TaskManifest.AssignedPort> ports = assigned.get();
            Optional<String> refused = agent.ledger()
                    .reserve(
                            taskId,
                            config.resources(),
                            ports.stream().map(TaskManifest.AssignedPort::port).toList());
            if (refused.isPresent()) {
                publish(
                        taskId,
                        agent.name(),
                        ClusterTaskState.LOST,
                        "Cannot launch on agent " + agent.name() + ": " + refused.get(),
                        REASON_INVALID_OFFERS);
                return;
            }
            TaskManifest manifest = new TaskManifest(
                    taskId,
                    agent.name(),
                    launch.job().toString(),
                    launch.instanceId(),
                    0,
                    null,
                    clock.instant(),
                    config.resources(),
                    ports,
                    config.environment(),
                    config.processes(),
                    config.healthCheck(),
                    config.killGracePeriodSeconds());
            Sandbox sandbox = sandboxes.of(agent.name(), taskId);
            TaskLauncher.Started started;
            try {
                started = launcher.start(manifest, sandbox);
            } catch (IOException | RuntimeException e) {
                agent.ledger().release(taskId);
                String why = "Cannot launch: " + (e.getMessage() == null ? e.toString() : e.getMessage());
                log.warn("Task {}: {}", taskId, why);
                if (sandbox.exists()) {
                    recordQuietly(sandbox, new RecordedStatus(ClusterTaskState.FAILED, why, null, clock.instant()));
                }
                publish(taskId, agent.name(), ClusterTaskState.FAILED, why, null);
                return;
            }
            Process process = started.process();
            TaskProcess task = new TaskProcess(
                    started.manifest(),
                    sandbox,
                    process.toHandle(),
                    process.onExit().thenApply(ended -> OptionalInt.of(ended.exitValue())),
                    runtime);
            tasks.put(taskId, task);
            task.launched();
        }
    }

    /** The task's ports in the job's order, or empty when one was not assigned. */
    private static Optional<List<TaskManifest.AssignedPort>> assignedPorts(TaskLaunch launch) {
        List<TaskManifest.AssignedPort> ports = new ArrayList<>();
        for (String name : launch.config().ports()) {
            Integer number = launch.ports().get(name);
            if (number == null) {
                return Optional.empty();
            }
            ports.add(new TaskManifest.AssignedPort(name, number));
        }
        return Optional.of(ports);
    }

    @Override
    public void decline(List<ResourceOffer> offers) {
        // local offers are views of the ledger: nothing is held, nothing to give back
    }

    @Override
    public void kill(TaskRef task, Duration gracePeriod) {
        requireRunning();
        TaskProcess live = liveOrAdopted(task);
        if (live != null) {
            Duration grace = gracePeriod != null
                    ? gracePeriod
                    : Duration.ofSeconds(live.manifest().killGracePeriodSeconds());
            if (live.kill(grace.isNegative() ? Duration.ZERO : grace)) {
                return;
            }
        }
        answer(task.taskId(), task.agentId(), REASON_TASK_UNKNOWN, "Unknown task");
    }

    @Override
    public void acknowledge(TaskStatusUpdate update) {
        // local updates carry no ack token: nothing is resent, nothing to confirm
    }

    @Override
    public void reconcile(List<TaskRef> refs) {
        requireRunning();
        if (refs.isEmpty()) {
            tasks.values().forEach(TaskProcess::reconcile);
            return;
        }
        for (TaskRef ref : refs) {
            TaskProcess live = liveOrAdopted(ref);
            if (live != null) {
                live.reconcile();
            } else {
                answer(
                        ref.taskId(),
                        ref.agentId(),
                        TaskProcess.REASON_RECONCILIATION,
                        "Task is not running on this machine (unknown to the local cluster; Borealis restarted?)");
            }
        }
    }

    @Override
    public List<AgentView> agents() {
        return agents.values().stream().map(LocalAgent::view).toList();
    }

    @Override
    public ClusterHealth health() {
        Phase now = phase;
        String state = switch (now) {
            case NEW -> "not started";
            case RUNNING -> "running " + tasks.size() + " tasks on " + agents.size() + " agents";
            case STOPPED -> "stopped";
        };
        Map<String, String> details = new LinkedHashMap<>();
        details.put("work dir", sandboxes.root().toString());
        details.put("agents", String.join(", ", agents.keySet()));
        details.put("adopted at start", Integer.toString(adoptedAtStart));
        return new ClusterHealth(
                name(), now == Phase.RUNNING, state, now == Phase.RUNNING ? clock.instant() : null, details);
    }

    @Override
    public LogChunk readLog(TaskRef task, LogStream stream, long offset, int maxBytes) {
        Sandboxes.requireSafeName(task.taskId());
        TaskProcess live = tasks.get(task.taskId());
        Optional<Sandbox> sandbox =
                live != null ? Optional.of(live.sandbox()) : sandboxes.find(task.taskId(), task.agentId());
        if (sandbox.isEmpty()) {
            return new LogChunk("", 0, 0, 0);
        }
        return LogReader.read(sandbox.get().log(stream), offset, maxBytes);
    }

    @Override
    public synchronized void stop() {
        if (phase != Phase.RUNNING) {
            phase = Phase.STOPPED;
            return;
        }
        phase = Phase.STOPPED;
        int running = tasks.size();
        tasks.values().forEach(TaskProcess::detach);
        tasks.clear();
        runtime.timer().shutdownNow();
        runtime.probes().shutdownNow();
        events.shutdown();
        try {
            if (!events.awaitTermination(1, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            events.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("Local cluster stopped; {} task(s) keep running and will be adopted by the next start", running);
    }

    /** The task if it runs here: known, or found in its sandbox and adopted now. */
    private TaskProcess liveOrAdopted(TaskRef ref) {
        TaskProcess known = tasks.get(ref.taskId());
        if (known != null || !Sandboxes.isSafeName(ref.taskId())) {
            return known;
        }
        synchronized (launchLock) {
            known = tasks.get(ref.taskId());
            if (known != null) {
                return known;
            }
            Optional<Sandbox> sandbox = sandboxes.find(ref.taskId(), ref.agentId());
            try {
                return sandbox.map(this::adoptIfRunning).orElse(null);
            } catch (RuntimeException e) {
                log.warn("Cannot adopt the task in {}: {}", sandbox.get(), e.getMessage());
                return null;
            }
        }
    }

    /**
     * Answers the state of a task that does not run here: as its sandbox recorded it (a process that
     * vanished without a trace is LOST), or LOST with {@code unknownMessage} when there is no sandbox.
     */
    private void answer(String taskId, String agentHint, String reason, String unknownMessage) {
        if (!Sandboxes.isSafeName(taskId)) {
            publish(taskId, agentHint, ClusterTaskState.LOST, unknownMessage, reason);
            return;
        }
        Optional<Sandbox> found = sandboxes.find(taskId, agentHint);
        if (found.isEmpty()) {
            publish(taskId, agentHint, ClusterTaskState.LOST, unknownMessage, reason);
            return;
        }
        Sandbox sandbox = found.get();
        try {
            Optional<RecordedStatus> recorded = sandbox.readStatus();
            if (recorded.isPresent() && recorded.get().state().isTerminal()) {
                RecordedStatus status = recorded.get();
                emit(new TaskStatusUpdate(
                        taskId,
                        sandbox.agent(),
                        status.state(),
                        status.message(),
                        reason,
                        status.healthy(),
                        clock.instant(),
                        null));
                return;
            }
            Optional<TaskManifest> manifest = sandbox.readManifest();
            Optional<ExitRecord> exit = sandbox.readExitRecord();
            Optional<KillOrder> kill = sandbox.readKillOrder();
            TaskOutcome outcome = manifest.isPresent() && (exit.isPresent() || kill.isPresent())
                    ? TaskOutcome.of(exit, kill, manifest.get().processes(), OptionalInt.empty())
                    : TaskOutcome.vanished();
            recordQuietly(
                    sandbox,
                    new RecordedStatus(outcome.state(), outcome.message(), outcome.healthy(), clock.instant()));
            emit(new TaskStatusUpdate(
                    taskId,
                    sandbox.agent(),
                    outcome.state(),
                    outcome.message(),
                    reason,
                    outcome.healthy(),
                    clock.instant(),
                    null));
        } catch (RuntimeException e) {
            log.warn("Cannot read the sandbox {}: {}", sandbox, e.getMessage());
            publish(taskId, sandbox.agent(), ClusterTaskState.LOST, "Unreadable sandbox: " + e.getMessage(), reason);
        }
    }

    /** Adopts the task of a sandbox if its process still runs; null if it does not. */
    private TaskProcess adoptIfRunning(Sandbox sandbox) {
        Optional<RecordedStatus> recorded = sandbox.readStatus();
        if (recorded.isPresent() && recorded.get().state().isTerminal()) {
            return null;
        }
        Optional<TaskManifest> read = sandbox.readManifest();
        if (read.isEmpty()) {
            return null;
        }
        TaskManifest manifest = read.get();
        Optional<ProcessHandle> process = runningProcess(manifest);
        if (process.isEmpty()) {
            return null;
        }
        LocalAgent agent = agents.get(manifest.agent());
        if (agent != null) {
            agent.ledger().adopt(manifest.taskId(), manifest.resources(), manifest.portNumbers());
        } else {
            log.warn(
                    "Task {} runs on agent '{}', which is no longer configured: adopted, but what it holds is"
                            + " not counted",
                    manifest.taskId(),
                    manifest.agent());
        }
        ProcessHandle wrapper = process.get();
        TaskProcess task = new TaskProcess(
                manifest, sandbox, wrapper, wrapper.onExit().thenApply(gone -> OptionalInt.empty()), runtime);
        tasks.put(manifest.taskId(), task);
        log.info("Adopted {} ({})", task, recorded.map(RecordedStatus::state).orElse(ClusterTaskState.STARTING));
        task.adopted(recorded, sandbox.readKillOrder());
        return task;
    }

    /** The task's wrapper process, if it is alive and really is the one the manifest recorded. */
    private static Optional<ProcessHandle> runningProcess(TaskManifest manifest) {
        if (manifest.pid() <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(manifest.pid())
                .filter(ProcessLiveness::isRunning)
                .filter(process -> {
                    Optional<Instant> started = process.info().startInstant();
                    if (manifest.processStart() == null || started.isEmpty()) {
                        return true;
                    }
                    Duration apart = Duration.between(manifest.processStart(), started.get())
                            .abs();
                    if (apart.compareTo(START_TOLERANCE) > 0) {
                        log.info(
                                "Task {}: pid {} now belongs to another process (started {}, not {})",
                                manifest.taskId(),
                                manifest.pid(),
                                started.get(),
                                manifest.processStart());
                        return false;
                    }
                    return true;
                });
    }

    private void publish(String taskId, String agentId, ClusterTaskState state, String message, String reason) {
        emit(new TaskStatusUpdate(taskId, agentId, state, message, reason, null, clock.instant(), null));
    }

    private void emit(TaskStatusUpdate update) {
        ExecutorService queue = events;
        if (phase != Phase.RUNNING || queue == null) {
            log.debug("Dropped update of task {} ({}): the driver is not running", update.taskId(), update.state());
            return;
        }
        try {
            queue.execute(() -> deliver(update));
        } catch (RejectedExecutionException e) {
            log.debug("Dropped update of task {} ({}): the driver is stopping", update.taskId(), update.state());
        }
    }

    private void deliver(TaskStatusUpdate update) {
        try {
            listener.onStatus(update);
        } catch (RuntimeException e) {
            log.warn("The cluster listener failed on the update {} of task {}", update.state(), update.taskId(), e);
        }
    }

    private void resourcesChanged() {
        ExecutorService queue = events;
        if (phase != Phase.RUNNING || queue == null) {
            return;
        }
        try {
            queue.execute(() -> {
                try {
                    listener.onResourcesChanged();
                } catch (RuntimeException e) {
                    log.warn("The cluster listener failed on a resource change", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private static void recordQuietly(Sandbox sandbox, RecordedStatus status) {
        try {
            sandbox.writeStatus(status);
        } catch (RuntimeException e) {
            log.warn("Cannot record the state {} in {}: {}", status.state(), sandbox, e.getMessage());
        }
    }

    private void requireRunning() {
        if (phase != Phase.RUNNING) {
            throw new IllegalStateException(
                    "the local cluster driver is " + (phase == Phase.NEW ? "not started" : "stopped"));
        }
    }

    /** How tasks report to the driver. */
    private final class Events implements TaskRuntime.Events {

        @Override
        public void publish(TaskStatusUpdate update) {
            emit(update);
        }

        @Override
        public void ended(TaskProcess task) {
            tasks.remove(task.taskId(), task);
            LocalAgent agent = agents.get(task.agent());
            if (agent != null) {
                agent.ledger().release(task.taskId());
            }
            resourcesChanged();
        }
    }
}
