package io.borealis.scheduler;

import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.cluster.ClusterDriver;
import io.borealis.cluster.TaskRef;
import io.borealis.job.Job;
import io.borealis.job.JobRepository;
import io.borealis.job.TaskConfig;
import io.borealis.task.FlappingPolicy;
import io.borealis.task.SideEffect;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import io.borealis.task.TaskStateMachine;
import io.borealis.task.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The one place where tasks change state. It asks {@link TaskStateMachine} whether a change is
 * legal, stores it (compare-and-set on the task's version) with its event, and performs the side
 * effects: failures are counted and replacements created in the same transaction; kills are sent
 * to the cluster and pages are notified after it commits. A replacement runs the ended task's
 * configuration, unless a rollout chose another one ({@link #replaceWithConfig}). Callers hold the
 * job's row lock.
 */
@Service
public class TaskLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskLifecycle.class);

    private final TaskRepository tasks;
    private final JobRepository jobs;
    private final ClusterDriver driver;
    private final FlappingPolicy flapping;
    private final SchedulerWakeup wakeup;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;

    public TaskLifecycle(
            TaskRepository tasks,
            JobRepository jobs,
            ClusterDriver driver,
            SchedulerProperties properties,
            SchedulerWakeup wakeup,
            ApplicationEventPublisher events,
            AuditTrail audit,
            Clock clock) {
        this.tasks = tasks;
        this.jobs = jobs;
        this.driver = driver;
        this.flapping = properties.flappingPolicy();
        this.wakeup = wakeup;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Moves a task to {@code to} if the state machine allows it. Never throws for an illegal or
     * repeated change (the answer says so); throws {@link ConcurrentTaskChange} when the task moved
     * on since it was read, so that the transaction is retried.
     */
    public Transition apply(Job job, Task task, TaskState to, String message) {
        TaskConfig config = jobs.config(task.configId());
        TaskStateMachine.Context context =
                new TaskStateMachine.Context(job.isService(), task.failureCount(), config.maxTaskFailures());
        Transition transition = TaskStateMachine.transition(task.state(), to, context);
        if (!transition.applied()) {
            return transition;
        }
        Instant now = clock.instant();
        if (!tasks.changeState(task, to, now, message)) {
            throw new ConcurrentTaskChange(task.taskId());
        }
        int failures = task.failureCount();
        if (transition.has(SideEffect.INCREMENT_FAILURES)) {
            tasks.incrementFailures(task.taskId());
            failures++;
        }
        if (transition.has(SideEffect.KILL)) {
            sendKill(task, config);
        }
        if (transition.has(SideEffect.RESCHEDULE)) {
            reschedule(job, task, transition.from(), to, failures, now);
        }
        notifyChanged(job);
        return transition;
    }

    /** Creates a task for an instance (a new instance, or a replacement decided by a command). */
    public Task create(Job job, int instanceId, long configId, String message) {
        Instant now = clock.instant();
        Task task = new Task(
                TaskIds.next(job.key(), instanceId),
                job.id(),
                job.key(),
                instanceId,
                configId,
                TaskState.PENDING,
                null,
                null,
                Map.of(),
                0,
                0,
                null,
                null,
                null,
                now,
                null,
                now,
                0);
        tasks.insert(task, message);
        AfterCommit.run(wakeup::wake);
        notifyChanged(job);
        return task;
    }

    /**
     * Replaces a task with one that runs {@code configId}: how a rollout moves an instance to
     * another configuration. A task on an agent is restarted (RESTARTING: killed, then replaced)
     * and the configuration is stored on it, so the replacement that {@link #apply} creates when it
     * ends runs that configuration, even across a restart of Borealis; a task already restarting
     * just gets the new choice. A task not launched yet (THROTTLED, PENDING) ends at once and its
     * replacement is created now. A task being killed for good, or ended, is left alone: nothing is
     * created for it (the caller creates the instance's task once it has none).
     *
     * @return the replacement, when it was created now
     */
    public Optional<Task> replaceWithConfig(Job job, Task task, long configId, String message) {
        switch (task.state()) {
            case THROTTLED, PENDING -> {
                apply(job, task, TaskState.KILLED, message);
                return Optional.of(create(job, task.instanceId(), configId, message + "; replaces " + task.taskId()));
            }
            case ASSIGNED, STARTING, RUNNING, PARTITIONED -> {
                tasks.setReplacementConfig(task.taskId(), configId);
                apply(job, task, TaskState.RESTARTING, message);
            }
            case RESTARTING -> tasks.setReplacementConfig(task.taskId(), configId);
            default -> {
                // being killed for good, or ended: nothing to replace
            }
        }
        return Optional.empty();
    }

    /** Sends a kill again (after commit), e.g. when the cluster says a task we are killing still runs. */
    public void sendKill(Task task, TaskConfig config) {
        TaskRef ref = new TaskRef(task.taskId(), task.agentId());
        Duration grace = Duration.ofSeconds(config.killGracePeriodSeconds());
        AfterCommit.run(() -> {
            try {
                driver.kill(ref, grace);
            } catch (RuntimeException e) {
                log.warn("Kill of {} could not be sent: {}", ref.taskId(), e.getMessage());
            }
        });
    }

    /** Tells open pages of the job to refresh, once the transaction commits. */
    public void notifyChanged(Job job) {
        JobChanged changed = new JobChanged(job.key());
        AfterCommit.run(() -> events.publishEvent(changed));
    }

    private void reschedule(Job job, Task ended, TaskState endedFrom, TaskState endedIn, int failures, Instant now) {
        if (!job.isActive() || ended.instanceId() >= job.instanceCount()) {
            return; // the instance is no longer wanted
        }
        boolean alreadyReplaced = tasks.activeTasks(job.id(), ended.instanceId()).stream()
                .anyMatch(t -> !t.taskId().equals(ended.taskId()));
        if (alreadyReplaced) {
            return;
        }
        Duration ranFor = ended.ranFor(now);
        boolean flapped = flapping.flapped(ranFor, endedFrom, endedIn);
        int flaps = flapped ? ended.flapCount() + 1 : 0;
        Duration penalty = flapping.penalty(flaps);
        TaskState first = flapped && !penalty.isZero() ? TaskState.THROTTLED : TaskState.PENDING;
        // a rollout may have chosen another configuration for the replacement
        long configId = tasks.replacementConfig(ended.taskId()).orElse(ended.configId());
        Task replacement = new Task(
                TaskIds.next(job.key(), ended.instanceId()),
                job.id(),
                job.key(),
                ended.instanceId(),
                configId,
                first,
                null,
                null,
                Map.of(),
                failures,
                flaps,
                ended.taskId(),
                null,
                first == TaskState.THROTTLED ? now.plus(penalty) : null,
                now,
                null,
                now,
                0);
        String message = "Replaces " + ended.taskId()
                + (configId != ended.configId() ? " with configuration " + configId : "")
                + (first == TaskState.THROTTLED
                        ? " (flapping: it ran " + ranFor.toSeconds() + "s; waiting " + penalty.toSeconds()
                                + "s before scheduling)"
                        : "");
        tasks.insert(replacement, message);
        audit.record(AuditRecord.of("task.reschedule")
                .bySystem()
                .team(job.key().team())
                .target(job.key() + " instance " + ended.instanceId())
                .message("Scheduler replaced " + ended.taskId() + ", which ended " + endedIn + ", with "
                        + replacement.taskId()
                        + (first == TaskState.THROTTLED ? " (throttled " + penalty.toSeconds() + "s: flapping)" : "")));
        AfterCommit.run(wakeup::wake);
    }
}
