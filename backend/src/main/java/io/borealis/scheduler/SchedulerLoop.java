package io.borealis.scheduler;

import io.borealis.job.Job;
import io.borealis.job.JobRepository;
import io.borealis.rollout.RolloutCoordinator;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The scheduler's heartbeat, on one named thread ({@code borealis-scheduler}): each round lets
 * throttled tasks whose penalty is over become PENDING, declares tasks stuck in a transient state
 * or partitioned for too long LOST (they are killed and replaced), moves rolling restarts and
 * rollouts on, and places pending tasks (rollouts come before placement, so the tasks they create
 * are placed in the same round). A round runs every {@code borealis.scheduler.interval}, or at once
 * when something wakes it. A failed round is logged and the next one runs as usual.
 */
@Component
public class SchedulerLoop {

    private static final Logger log = LoggerFactory.getLogger(SchedulerLoop.class);
    private static final int BATCH = 1000;

    private final TaskRepository tasks;
    private final JobRepository jobs;
    private final TaskLifecycle lifecycle;
    private final PlacementRound placement;
    private final RestartCoordinator restarts;
    private final RolloutCoordinator rollouts;
    private final Transactions transactions;
    private final SchedulerWakeup wakeup;
    private final SchedulerProperties properties;
    private final Clock clock;
    private volatile Thread thread;
    private volatile boolean running;

    public SchedulerLoop(
            TaskRepository tasks,
            JobRepository jobs,
            TaskLifecycle lifecycle,
            PlacementRound placement,
            RestartCoordinator restarts,
            RolloutCoordinator rollouts,
            Transactions transactions,
            SchedulerWakeup wakeup,
            SchedulerProperties properties,
            Clock clock) {
        this.tasks = tasks;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.placement = placement;
        this.restarts = restarts;
        this.rollouts = rollouts;
        this.transactions = transactions;
        this.wakeup = wakeup;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts the loop thread (once). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("borealis-scheduler").daemon(true).start(this::loop);
    }

    /** Stops the loop and waits for the current round to end. */
    public synchronized void stop() {
        running = false;
        Thread current = thread;
        thread = null;
        if (current != null) {
            current.interrupt();
            try {
                current.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return running && thread != null;
    }

    private void loop() {
        while (running) {
            try {
                round();
                wakeup.await(properties.interval());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("Scheduling round failed; the next one runs as usual", e);
                try {
                    wakeup.await(properties.interval());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** One round of everything the loop does; tests call it directly. */
    public PlacementRound.Outcome round() {
        releaseThrottled();
        timeOutTransients();
        timeOutPartitioned();
        restarts.advance();
        rollouts.advance();
        return placement.run();
    }

    /** THROTTLED tasks whose penalty is over become PENDING. */
    void releaseThrottled() {
        for (Task task : tasks.throttledUntil(clock.instant(), BATCH)) {
            transactions.run(() -> {
                Job job = jobs.lockById(task.jobId()).orElseThrow();
                tasks.find(task.taskId())
                        .filter(t -> t.state() == TaskState.THROTTLED)
                        .ifPresent(t -> lifecycle.apply(job, t, TaskState.PENDING, "Flapping penalty over"));
            });
        }
    }

    /** Tasks stuck too long in ASSIGNED, STARTING, KILLING or RESTARTING are declared LOST. */
    void timeOutTransients() {
        declareLost(
                TaskState.TRANSIENT,
                properties.transientTimeout(),
                state -> "Stuck in " + state + " for longer than "
                        + properties.transientTimeout().toSeconds() + "s; declared lost");
    }

    /**
     * Tasks PARTITIONED for longer than the partition timeout are declared LOST, so that their
     * instances are replaced on agents that can be reached (a cluster reports the tasks of an
     * unreachable agent UNREACHABLE, not LOST: they may still run). The kill sent with it reaches the
     * old copy if its agent comes back.
     */
    void timeOutPartitioned() {
        declareLost(
                EnumSet.of(TaskState.PARTITIONED),
                properties.partitionTimeout(),
                state -> "Its agent was unreachable for longer than "
                        + properties.partitionTimeout().toSeconds() + "s; declared lost");
    }

    private void declareLost(Set<TaskState> states, Duration timeout, Function<TaskState, String> message) {
        Instant cutoff = clock.instant().minus(timeout);
        for (Task stuck : tasks.inStatesSince(states, cutoff, BATCH)) {
            transactions.run(() -> {
                Job job = jobs.lockById(stuck.jobId()).orElseThrow();
                tasks.find(stuck.taskId())
                        .filter(t -> t.state() == stuck.state() && t.version() == stuck.version())
                        .ifPresent(t -> {
                            lifecycle.sendKill(t, jobs.config(t.configId())); // in case it does run
                            lifecycle.apply(job, t, TaskState.LOST, message.apply(t.state()));
                        });
            });
        }
    }
}
