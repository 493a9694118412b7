package io.borealis.cluster.local;

import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.TaskStatusUpdate;
import io.borealis.job.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task whose process tree runs on this machine, launched in this run or adopted from an
 * earlier one: it watches the wrapper's exit, runs the health checks, carries out kills, and
 * reports each change exactly once, in order (every change happens under this object's lock, which
 * is also where updates are queued). It writes each reported state to the sandbox's
 * {@code status.json}, so that a restarted Borealis knows what was said.
 */
final class TaskProcess {

    private static final Logger log = LoggerFactory.getLogger(TaskProcess.class);

    static final String REASON_RECONCILIATION = "REASON_RECONCILIATION";

    private final TaskManifest manifest;
    private final Sandbox sandbox;
    private final ProcessHandle wrapper;
    private final CompletableFuture<OptionalInt> exit;
    private final TaskRuntime runtime;
    private final Map<String, String> environment;

    private ClusterTaskState state;
    private String message;
    private Boolean healthy;
    private HealthTracker health;
    private ScheduledFuture<?> probing;
    private KillOrder killOrder;
    private OptionalInt wrapperExit = OptionalInt.empty();
    private boolean ended;
    private boolean detached;

    /**
     * @param exit completes when the wrapper is gone, with its exit value if this JVM started it
     */
    TaskProcess(
            TaskManifest manifest,
            Sandbox sandbox,
            ProcessHandle wrapper,
            CompletableFuture<OptionalInt> exit,
            TaskRuntime runtime) {
        this.manifest = manifest;
        this.sandbox = sandbox;
        this.wrapper = wrapper;
        this.exit = exit;
        this.runtime = runtime;
        this.environment = TaskEnvironment.build(manifest, sandbox.dir(), runtime.hostEnvironment());
    }

    String taskId() {
        return manifest.taskId();
    }

    String agent() {
        return manifest.agent();
    }

    TaskManifest manifest() {
        return manifest;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    /**
     * Starts looking after a task this run launched: STARTING now, RUNNING at once without a health
     * check, else once the first check passes.
     */
    synchronized void launched() {
        report(ClusterTaskState.STARTING, "Started (pid " + wrapper.pid() + ")", null);
        watch(null);
    }

    /**
     * Starts looking after a task an earlier run launched, in the state it last reported; a kill
     * that was under way goes on. Reports nothing unless something changes (reconciliation asks).
     */
    synchronized void adopted(Optional<RecordedStatus> recorded, Optional<KillOrder> kill) {
        RecordedStatus last = recorded.filter(status -> !status.state().isTerminal())
                .orElse(new RecordedStatus(
                        ClusterTaskState.STARTING,
                        "Adopted (pid " + wrapper.pid() + ")",
                        null,
                        runtime.clock().instant()));
        state = last.state();
        message = last.message();
        healthy = last.healthy();
        if (kill.isPresent()) {
            killOrder = kill.get();
            Duration left = Duration.between(runtime.clock().instant(), killOrder.forceAt());
            log.info(
                    "Task {}: resuming its kill ({} left before SIGKILL)",
                    taskId(),
                    left.isNegative() ? Duration.ZERO : left);
            runtime.killer().kill(wrapper, left).whenCompleteAsync((done, error) -> killDone(), runtime.onTimer());
            watchExit();
            return;
        }
        watch(last);
    }

    private void watch(RecordedStatus adoptedFrom) {
        HealthCheck check = manifest.healthCheck();
        if (check == null) {
            if (state != ClusterTaskState.RUNNING) {
                report(ClusterTaskState.RUNNING, "Running", null);
            }
        } else {
            boolean wasHealthy = adoptedFrom != null && adoptedFrom.state() == ClusterTaskState.RUNNING;
            Instant startedAt = manifest.processStart() != null ? manifest.processStart() : manifest.launchedAt();
            health = new HealthTracker(
                    startedAt, Duration.ofSeconds(check.gracePeriodSeconds()), check.consecutiveFailures(), wasHealthy);
            long interval = Math.max(1, check.intervalSeconds());
            try {
                probing = runtime.probes().scheduleWithFixedDelay(this::probe, 0, interval, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) {
                log.debug("Task {}: no health checks, the driver is stopping", taskId());
            }
        }
        watchExit();
    }

    private void watchExit() {
        exit.whenCompleteAsync(
                (value, error) -> exited(value == null ? OptionalInt.empty() : value), runtime.onTimer());
    }

    /** One health check, on a probe thread; the verdict is applied under the lock. */
    private void probe() {
        synchronized (this) {
            if (ended || detached || killOrder != null) {
                return;
            }
        }
        HealthProber.Result result = runtime.prober().probe(manifest.healthCheck(), manifest, sandbox, environment);
        synchronized (this) {
            if (ended || detached || killOrder != null) {
                return;
            }
            HealthTracker.Verdict verdict = result.healthy()
                    ? health.success()
                    : health.failure(runtime.clock().instant(), result.detail());
            switch (verdict) {
                case BECAME_HEALTHY ->
                    report(
                            ClusterTaskState.RUNNING,
                            "Health check passed: " + manifest.healthCheck().describe(),
                            true);
                case UNHEALTHY -> {
                    log.info("Task {}: {}; killing it", taskId(), health.failureMessage());
                    startKill(
                            Duration.ofSeconds(manifest.killGracePeriodSeconds()),
                            ClusterTaskState.FAILED,
                            health.failureMessage(),
                            false);
                }
                case NONE -> {
                    if (!result.healthy()) {
                        log.debug("Task {}: health check failed: {}", taskId(), result.detail());
                    }
                }
            }
        }
    }

    /**
     * Kills the task (see {@link ProcessTreeKiller}); its end is reported as KILLED.
     *
     * @return false when the task has ended already (nothing to kill)
     */
    synchronized boolean kill(Duration grace) {
        if (ended) {
            return false;
        }
        if (killOrder == null) {
            startKill(grace, ClusterTaskState.KILLED, TaskOutcome.KILLED_MESSAGE, null);
        } else {
            log.debug("Task {} is being killed already", taskId());
        }
        return true;
    }

    private void startKill(Duration grace, ClusterTaskState outcome, String why, Boolean healthyAtEnd) {
        Instant now = runtime.clock().instant();
        killOrder = new KillOrder(now, now.plus(grace), outcome, why, healthyAtEnd);
        stopProbing();
        try {
            sandbox.writeKillOrder(killOrder);
        } catch (RuntimeException e) {
            log.warn("Task {}: cannot record its kill in the sandbox: {}", taskId(), e.getMessage());
        }
        runtime.killer().kill(wrapper, grace).whenCompleteAsync((done, error) -> killDone(), runtime.onTimer());
    }

    private synchronized void killDone() {
        if (ended || detached) {
            return;
        }
        finish(TaskOutcome.of(readExitRecord(), Optional.of(killOrder), manifest.processes(), wrapperExit));
    }

    private synchronized void exited(OptionalInt value) {
        wrapperExit = value;
        if (ended || detached || killOrder != null) {
            return; // a kill reports once the whole tree is gone
        }
        finish(TaskOutcome.of(readExitRecord(), Optional.empty(), manifest.processes(), value));
    }

    private Optional<ExitRecord> readExitRecord() {
        try {
            return sandbox.readExitRecord();
        } catch (RuntimeException e) {
            log.warn("Task {}: cannot read its exit status: {}", taskId(), e.getMessage());
            return Optional.empty();
        }
    }

    private void finish(TaskOutcome outcome) {
        ended = true;
        stopProbing();
        report(outcome.state(), outcome.message(), outcome.healthy());
        runtime.events().ended(this);
    }

    /** Answers a reconciliation with the current state. */
    synchronized void reconcile() {
        if (!detached) {
            runtime.events().publish(update(REASON_RECONCILIATION));
        }
    }

    /** Stops looking after the task (the driver stops); the process keeps running. */
    synchronized void detach() {
        detached = true;
        stopProbing();
    }

    private void stopProbing() {
        if (probing != null) {
            probing.cancel(false);
            probing = null;
        }
    }

    private void report(ClusterTaskState newState, String newMessage, Boolean newHealthy) {
        state = newState;
        message = newMessage;
        healthy = newHealthy;
        Instant at = runtime.clock().instant();
        try {
            sandbox.writeStatus(new RecordedStatus(newState, newMessage, newHealthy, at));
        } catch (RuntimeException e) {
            log.warn("Task {}: cannot record its state {} in the sandbox: {}", taskId(), newState, e.getMessage());
        }
        log.info("Task {} on {}: {} ({})", taskId(), agent(), newState, newMessage);
        if (!detached) {
            try {
                runtime.events().publish(update(null));
            } catch (RejectedExecutionException e) {
                log.debug("Task {}: update {} not delivered, the driver is stopping", taskId(), newState);
            }
        }
    }

    private TaskStatusUpdate update(String reason) {
        return new TaskStatusUpdate(
                taskId(),
                agent(),
                state,
                message,
                reason,
                healthy,
                runtime.clock().instant(),
                null);
    }

    @Override
    public String toString() {
        return "task " + taskId() + " (pid " + wrapper.pid() + ") on " + agent();
    }
}
