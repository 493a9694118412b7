package io.borealis.rollout;

import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.error.ConflictException;
import io.borealis.job.Job;
import io.borealis.job.JobRepository;
import io.borealis.job.JobStatus;
import io.borealis.rollout.InstanceState.Phase;
import io.borealis.rollout.InstanceStateMachine.Observation;
import io.borealis.scheduler.AfterCommit;
import io.borealis.scheduler.TaskLifecycle;
import io.borealis.scheduler.Transactions;
import io.borealis.task.Task;
import io.borealis.task.TaskEvent;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Moves rollouts on, one round at a time (called by the scheduling loop, and by {@link
 * RolloutService} right after a start, resume or rollback). It keeps nothing in memory: each round
 * reads the rollout and its instances from the database, under the job's row lock, and writes
 * every decision in the same transaction as the task changes it causes. A Borealis restart
 * therefore resumes every rollout where it was; an instance is never started twice (its state says
 * it was) and never skipped (the plan is rebuilt from the stored batches).
 *
 * <p>Per round and rollout: each in-flight instance is watched (its new task running long enough
 * makes it updated; new tasks ending count as failures; too many make it failed); too many failed
 * instances turn the rollout back (or fail it, with rollback off); then the next instances of the
 * plan are started, unless a checkpoint pauses the rollout first; when every instance is done the
 * rollout ends and, going forward, the job takes the new configuration and instance count.
 *
 * <p>Moving an instance to a configuration: its task is replaced through {@link
 * TaskLifecycle#replaceWithConfig} (killed, and its replacement created on the new configuration
 * when it ends), an instance without a task gets one, an instance to remove has its task killed
 * for good. A task that runs the target configuration is never replaced again.
 */
@Component
public class RolloutCoordinator {

    private static final Logger log = LoggerFactory.getLogger(RolloutCoordinator.class);
    static final String SYSTEM = "system";
    private static final int MAX_ANCESTORS = 100;

    private final RolloutRepository rollouts;
    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final TaskLifecycle lifecycle;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public RolloutCoordinator(
            RolloutRepository rollouts,
            JobRepository jobs,
            TaskRepository tasks,
            TaskLifecycle lifecycle,
            Transactions transactions,
            AuditTrail audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.rollouts = rollouts;
        this.jobs = jobs;
        this.tasks = tasks;
        this.lifecycle = lifecycle;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Moves every rollout that is rolling forward or back. Called by the scheduling loop. */
    public void advance() {
        for (long id : rollouts.moving()) {
            try {
                transactions.run(() -> advance(id));
            } catch (ConflictException
                    | TransientDataAccessException
                    | RecoverableDataAccessException
                    | DataAccessResourceFailureException e) {
                // lost a race, or the database is away for a moment: the next round tries again
                log.warn("Rollout {} could not move on this round; trying again next round: {}", id, e.getMessage());
            } catch (RuntimeException e) {
                log.error("Rollout {} stopped on an internal error", id, e);
                stopOnError(id, e);
            }
        }
    }

    private void advance(long id) {
        Optional<Rollout> unlocked = rollouts.find(id);
        if (unlocked.isEmpty()) {
            return;
        }
        Job job = jobs.lockById(unlocked.get().jobId()).orElseThrow();
        Rollout rollout = rollouts.find(id).orElseThrow();
        if (!job.isActive() && rollout.status().isActive()) {
            // kills are refused during rollouts; should the job be gone anyway, the rollout ends
            finish(new Round(job, rollout, clock.instant()), RolloutStatus.ABORTED, SYSTEM, "The job was killed");
        } else if (RolloutStatus.MOVING.contains(rollout.status())) {
            advanceLocked(job, rollout);
        }
    }

    /**
     * Moves one rollout on (a no-op unless it is rolling forward or back). The caller holds the
     * job's row lock.
     */
    void advanceLocked(Job job, Rollout rollout) {
        if (!RolloutStatus.MOVING.contains(rollout.status())) {
            return;
        }
        Round round = new Round(job, rollout, clock.instant());
        boolean backward = rollout.status() == RolloutStatus.ROLLING_BACK;
        for (RolloutInstance instance : List.copyOf(round.instances.values())) {
            if (instance.state().phase(backward) == Phase.IN_FLIGHT) {
                round.save(watch(round, instance, backward));
            }
        }
        if (tooManyFailed(round, backward)) {
            return;
        }
        backward = round.rollout.status() == RolloutStatus.ROLLING_BACK;
        BatchPlan forward = forwardPlan(round);
        BatchPlan plan = forward;
        if (backward) {
            plan = forward.rollback(i -> round.instances.get(i).state() != InstanceState.PENDING);
        }
        boolean direction = backward;
        BatchPlan.Step step = plan.next(i -> round.instances.get(i).state().phase(direction));
        if (step.finished()) {
            finish(round, backward ? RolloutStatus.ROLLED_BACK : RolloutStatus.ROLLED_FORWARD, SYSTEM, null);
            return;
        }
        if (!backward && step.batch() > round.rollout.batchIndex()) {
            rollouts.updateBatchIndex(round.rollout.id(), step.batch(), round.now);
            if (round.rollout.settings().pausesAfter(step.batch())) {
                String message = "Update auto paused after batch " + step.batch() + " of " + plan.batchCount()
                        + " (checkpoint): a team lead resumes it";
                changeStatus(round, RolloutStatus.ROLL_FORWARD_PAUSED, SYSTEM, message);
                return;
            }
        }
        for (int instanceId : step.start()) {
            RolloutInstance started = start(round, round.instances.get(instanceId), backward);
            round.save(watch(round, started, backward));
        }
    }

    /**
     * Applies a control a person is allowed to use here (the caller holds the job's row lock and
     * checked the change with {@link RolloutStateMachine#target}); a rollout that moves again is
     * moved on at once.
     */
    void control(Job job, Rollout rollout, RolloutStatus to, String actor, String message) {
        Round round = new Round(job, rollout, clock.instant());
        if (to.isTerminal()) {
            finish(round, to, actor, message);
            return;
        }
        changeStatus(round, to, actor, message);
        advanceLocked(round.job, round.rollout);
    }

    /** The forward plan, rebuilt from the stored batches (not recomputed: durable across versions). */
    static BatchPlan forwardPlan(Round round) {
        return forwardPlan(round.rollout.settings(), round.instances.values());
    }

    static BatchPlan forwardPlan(RolloutSettings settings, Collection<RolloutInstance> instances) {
        List<RolloutInstance> ordered = new ArrayList<>(instances);
        ordered.sort(Comparator.comparingInt(RolloutInstance::batch)
                .thenComparing(RolloutInstance::change)
                .thenComparingInt(RolloutInstance::instanceId));
        List<List<Integer>> batches = new ArrayList<>();
        int batch = -1;
        for (RolloutInstance instance : ordered) {
            if (instance.batch() != batch) {
                batches.add(new ArrayList<>());
                batch = instance.batch();
            }
            batches.getLast().add(instance.instanceId());
        }
        return BatchPlan.stored(settings, batches);
    }

    private RolloutInstance start(Round round, RolloutInstance instance, boolean backward) {
        InstanceState to = InstanceStateMachine.started(backward);
        requireAllowed(instance, to);
        String message = describeStart(round, instance, backward);
        rollouts.addInstanceEvent(round.rollout.id(), instance.instanceId(), round.now, to, null, message);
        return instance.with(to, 0, null, round.now);
    }

    private String describeStart(Round round, RolloutInstance instance, boolean backward) {
        long to = round.rollout.toConfigId();
        return switch (instance.change()) {
            case ADD ->
                backward ? "Removing again: it was added by this rollout" : "Adding it with configuration " + to;
            case CHANGE ->
                backward
                        ? "Moving back to configuration " + instance.fromConfigId()
                        : "Moving from configuration " + instance.fromConfigId() + " to " + to;
            case REMOVE ->
                backward
                        ? "Adding it again with configuration " + instance.fromConfigId()
                        : "Removing it: the job shrinks to " + round.rollout.newInstanceCount() + " instances";
        };
    }

    /** The configuration an instance moves to in a direction, or null when it is to have no task. */
    private static Long targetConfig(Rollout rollout, RolloutInstance instance, boolean backward) {
        return switch (instance.change()) {
            case ADD -> backward ? null : rollout.toConfigId();
            case CHANGE -> backward ? instance.fromConfigId() : rollout.toConfigId();
            case REMOVE -> backward ? instance.fromConfigId() : null;
        };
    }

    /** Moves an in-flight instance towards its target and decides its next state. */
    private RolloutInstance watch(Round round, RolloutInstance instance, boolean backward) {
        Long target = targetConfig(round.rollout, instance, backward);
        List<Task> live = round.live(instance.instanceId());
        String why = "Rollout " + round.rollout.id() + (backward ? " rolling back" : "");
        if (target == null) {
            for (Task task : live) {
                if (task.state() != TaskState.KILLING) {
                    TaskState to = task.state().isOnAgent() ? TaskState.KILLING : TaskState.KILLED;
                    lifecycle.apply(round.job, task, to, why + ": instance removed");
                }
            }
            round.refresh(instance.instanceId());
            boolean gone = round.live(instance.instanceId()).isEmpty();
            return next(round, instance, instance.failures(), null, gone ? Observation.GONE : Observation.NOT_RUNNING);
        }

        Task current = onTarget(live, target);
        int failures = instance.failures();
        if (instance.taskId() != null && (current == null || !current.taskId().equals(instance.taskId()))) {
            // the task we watched ended: count it, and every replacement of it that ended since
            List<Task> ended = endedSince(instance.taskId(), current, target);
            if (!ended.isEmpty()) {
                int allowed = round.rollout.settings().maxFailuresPerInstance();
                int counted = failures;
                failures += ended.size();
                InstanceState afterFailure = failures > allowed
                        ? (backward ? InstanceState.ROLLBACK_FAILED : InstanceState.UPDATE_FAILED)
                        : InstanceStateMachine.started(backward);
                for (Task task : ended) {
                    counted++;
                    rollouts.addInstanceEvent(
                            round.rollout.id(),
                            instance.instanceId(),
                            round.now,
                            afterFailure,
                            task.taskId(),
                            failureMessage(task, counted, allowed));
                }
                if (afterFailure.isFailed()) {
                    requireAllowed(instance, afterFailure);
                    round.lastFailure = "instance " + instance.instanceId() + ": "
                            + failureMessage(
                                    ended.getLast(),
                                    failures,
                                    round.rollout.settings().maxFailuresPerInstance());
                    return instance.with(afterFailure, failures, null, instance.phaseStartedAt());
                }
                instance = instance.with(afterFailure, failures, null, instance.phaseStartedAt());
            }
        }
        if (current == null) {
            current = replace(round, instance, live, target, why).orElse(null);
        }
        Observation seen =
                current != null && current.state() == TaskState.RUNNING ? Observation.RUNNING : Observation.NOT_RUNNING;
        RolloutInstance watched = instance.with(
                instance.state(), failures, current == null ? null : current.taskId(), instance.phaseStartedAt());
        return next(round, watched, failures, current, seen);
    }

    /** The instance's live task on the target configuration that is not being killed, if any. */
    private static Task onTarget(List<Task> live, long target) {
        for (Task task : live) {
            if (task.configId() == target
                    && task.state() != TaskState.KILLING
                    && task.state() != TaskState.RESTARTING) {
                return task;
            }
        }
        return null;
    }

    /**
     * Replaces the instance's live tasks that are not on the target (or creates a task when it has
     * none); returns the new task when one exists already.
     */
    private Optional<Task> replace(Round round, RolloutInstance instance, List<Task> live, long target, String why) {
        boolean underWay = false;
        for (Task task : live) {
            if (task.state() == TaskState.KILLING) {
                underWay = true; // wait until it is gone
            } else if (task.state() == TaskState.RESTARTING
                    && tasks.replacementConfig(task.taskId()).orElse(task.configId()) == target) {
                underWay = true; // its replacement will run the target
            } else {
                Optional<Task> created = lifecycle.replaceWithConfig(
                        round.job, task, target, why + ": instance moves to configuration " + target);
                if (created.isPresent()) {
                    round.refresh(instance.instanceId());
                    return created;
                }
                underWay = true;
            }
        }
        if (underWay) {
            round.refresh(instance.instanceId());
            return Optional.empty();
        }
        if (instance.instanceId() >= round.job.instanceCount()) {
            jobs.updateInstanceCount(round.job.id(), instance.instanceId() + 1, round.now);
            round.job = jobs.findById(round.job.id()).orElseThrow();
        }
        Task created = lifecycle.create(
                round.job, instance.instanceId(), target, why + ": instance gets configuration " + target);
        round.refresh(instance.instanceId());
        return Optional.of(created);
    }

    /**
     * The tasks on the target that ended since the watched one: the watched task and its
     * replacements, up to (not including) {@code current}; empty if the watched task still lives.
     */
    private List<Task> endedSince(String watchedId, Task current, long target) {
        List<Task> ended = new ArrayList<>();
        if (current == null) {
            tasks.find(watchedId)
                    .filter(t -> t.state().isTerminal())
                    .filter(t -> t.configId() == target)
                    .ifPresent(ended::add);
            return ended;
        }
        String id = current.ancestorId();
        for (int hops = 0; id != null && hops < MAX_ANCESTORS; hops++) {
            Task task = tasks.find(id).orElse(null);
            if (task == null) {
                break;
            }
            if (task.configId() == target && task.state().isTerminal()) {
                ended.addFirst(task);
            }
            if (id.equals(watchedId)) {
                break;
            }
            id = task.ancestorId();
        }
        return ended;
    }

    private String failureMessage(Task task, int failures, int allowed) {
        List<TaskEvent> history = tasks.events(task.taskId());
        String last = history.isEmpty() ? null : history.getLast().message();
        return "Task " + task.taskId() + " ended " + task.state() + (last == null ? "" : " (" + last + ")")
                + ": failure " + failures + ", at most " + allowed + " allowed";
    }

    /** Applies the state machine's decision and records the state entered. */
    private RolloutInstance next(Round round, RolloutInstance instance, int failures, Task current, Observation seen) {
        InstanceState to = InstanceStateMachine.next(
                instance.state(),
                failures,
                round.rollout.settings().maxFailuresPerInstance(),
                seen,
                current == null ? null : current.stateChangedAt(),
                round.rollout.settings().minWait(),
                round.now);
        if (to == instance.state()) {
            return instance;
        }
        requireAllowed(instance, to);
        String taskId = current == null ? null : current.taskId();
        rollouts.addInstanceEvent(
                round.rollout.id(), instance.instanceId(), round.now, to, taskId, describe(round, to, current));
        return instance.with(to, failures, taskId, instance.phaseStartedAt());
    }

    private static String describe(Round round, InstanceState to, Task current) {
        int wait = round.rollout.settings().minWaitSeconds();
        return switch (to) {
            case WAITING_HEALTHY -> "Task " + current.taskId() + " runs; it must keep running for " + wait + "s";
            case UPDATED ->
                current == null ? "Removed" : "Task " + current.taskId() + " ran for " + wait + "s: updated";
            case ROLLED_BACK ->
                current == null ? "Removed again" : "Task " + current.taskId() + " ran for " + wait + "s: rolled back";
            case UPDATING, ROLLING_BACK ->
                current == null
                        ? "Waiting for the instance's old task to end"
                        : "Task " + current.taskId() + " is " + current.state();
            default -> to.name();
        };
    }

    private static void requireAllowed(RolloutInstance instance, InstanceState to) {
        if (instance.state() != to && !InstanceStateMachine.allows(instance.state(), to)) {
            throw new IllegalStateException(
                    "instance " + instance.instanceId() + " cannot go from " + instance.state() + " to " + to);
        }
    }

    /** Turns the rollout back (or fails it) when more instances failed than allowed; true if it ended. */
    private boolean tooManyFailed(Round round, boolean backward) {
        InstanceState failedState = backward ? InstanceState.ROLLBACK_FAILED : InstanceState.UPDATE_FAILED;
        long failed = round.instances.values().stream()
                .filter(i -> i.state() == failedState)
                .count();
        int allowed = round.rollout.settings().maxFailedInstances();
        if (failed <= allowed) {
            return false;
        }
        String cause = failed + " instance" + (failed == 1 ? "" : "s") + " failed, more than the " + allowed
                + " allowed" + (round.lastFailure == null ? "" : "; latest: " + round.lastFailure);
        if (backward) {
            finish(round, RolloutStatus.FAILED, SYSTEM, "The rollback failed: " + cause);
            return true;
        }
        if (!round.rollout.settings().rollbackOnFailure()) {
            finish(round, RolloutStatus.FAILED, SYSTEM, "Failed (rollback on failure is off): " + cause);
            return true;
        }
        changeStatus(round, RolloutStatus.ROLLING_BACK, SYSTEM, "Rolling back automatically: " + cause);
        audit.record(AuditRecord.of("rollout.rollback-automatic")
                .bySystem()
                .team(round.job.key().team())
                .target(target(round.rollout))
                .message("Rollout rolled back automatically: " + cause));
        return false;
    }

    /** Moves the rollout to a non-final status, with its event. */
    void changeStatus(Round round, RolloutStatus to, String actor, String message) {
        RolloutStateMachine.Change change = RolloutStateMachine.change(round.rollout.status(), to);
        if (!change.applied()) {
            throw new IllegalStateException(
                    "rollout " + round.rollout.id() + " cannot go from " + round.rollout.status() + " to " + to);
        }
        rollouts.updateStatus(round.rollout.id(), to, round.now);
        rollouts.addEvent(round.rollout.id(), round.now, to, actor, message);
        round.rollout = rollouts.find(round.rollout.id()).orElseThrow();
        round.notifyChanged();
    }

    /**
     * Ends the rollout. Going forward to the end, the job takes the new configuration and instance
     * count; rolled back, it keeps the old ones; otherwise (aborted, failed, error) the instance
     * count covers the instances that have tasks now.
     */
    void finish(Round round, RolloutStatus to, String actor, String message) {
        Rollout rollout = round.rollout;
        Job job = round.job;
        int count = switch (to) {
            case ROLLED_FORWARD -> rollout.newInstanceCount();
            case ROLLED_BACK -> rollout.oldInstanceCount();
            default -> countNow(rollout, round.instances.values());
        };
        if (to == RolloutStatus.ROLLED_FORWARD) {
            jobs.update(job.id(), job.kind(), count, rollout.toConfigId(), JobStatus.ACTIVE, round.now);
        } else if (count != job.instanceCount()) {
            jobs.updateInstanceCount(job.id(), count, round.now);
        }
        changeStatus(round, to, actor, message == null ? defaultMessage(to, rollout) : message);
        if (SYSTEM.equals(actor)) {
            String action = switch (to) {
                case FAILED -> "rollout.fail";
                case ERROR -> "rollout.error";
                default -> "rollout.finish";
            };
            AuditRecord record = AuditRecord.of(action)
                    .bySystem()
                    .team(job.key().team())
                    .target(target(rollout))
                    .message(message == null ? defaultMessage(to, rollout) : message)
                    .change("status", rollout.status(), to)
                    .change("instances", job.instanceCount(), count);
            if (to == RolloutStatus.ROLLED_FORWARD) {
                record.change("configuration", job.currentConfigId(), rollout.toConfigId());
            }
            audit.record(record);
        }
        lifecycle.notifyChanged(jobs.findById(job.id()).orElseThrow());
    }

    private static String defaultMessage(RolloutStatus to, Rollout rollout) {
        return switch (to) {
            case ROLLED_FORWARD -> "Every instance reached configuration " + rollout.toConfigId();
            case ROLLED_BACK -> "Every instance it touched is back on its original configuration";
            default -> to.name();
        };
    }

    /**
     * The instance count that covers the instances with (or about to get) a task: instances it
     * added and has not removed again, instances it was to remove and has not (or has re-added),
     * and every other instance below the old count.
     */
    static int countNow(Rollout rollout, Collection<RolloutInstance> instances) {
        Map<Integer, RolloutInstance> byId = new LinkedHashMap<>();
        instances.forEach(i -> byId.put(i.instanceId(), i));
        int highest = -1;
        int upTo = Math.max(
                rollout.oldInstanceCount(),
                byId.keySet().stream().mapToInt(i -> i + 1).max().orElse(0));
        for (int id = 0; id < upTo; id++) {
            RolloutInstance instance = byId.get(id);
            boolean present;
            if (instance == null) {
                present = id < rollout.oldInstanceCount();
            } else {
                present = switch (instance.change()) {
                    case CHANGE -> true;
                    case ADD ->
                        switch (instance.state()) {
                            case UPDATING, WAITING_HEALTHY, UPDATED, UPDATE_FAILED -> true;
                            default -> false;
                        };
                    case REMOVE ->
                        switch (instance.state()) {
                            case PENDING, ROLLING_BACK, ROLLED_BACK, ROLLBACK_FAILED -> true;
                            default -> false;
                        };
                };
            }
            if (present) {
                highest = id;
            }
        }
        return highest + 1;
    }

    static String target(Rollout rollout) {
        return "rollout " + rollout.id() + " of " + rollout.job();
    }

    /**
     * Puts a rollout that hit an internal error into ERROR, each in a transaction of its own: the
     * usual way (job count settled, event, audit) if the rollout can still be read, or else by
     * setting its status alone, so that a broken rollout never keeps its job locked.
     */
    private void stopOnError(long id, RuntimeException error) {
        String message = "Internal error, the rollout stops here: " + error;
        try {
            transactions.run(() -> {
                Job job = jobs.lockById(rollouts.jobIdOf(id)).orElseThrow();
                Rollout rollout = rollouts.find(id).orElseThrow();
                if (rollout.status().isActive()) {
                    finish(new Round(job, rollout, clock.instant()), RolloutStatus.ERROR, SYSTEM, message);
                }
            });
            return;
        } catch (RuntimeException e) {
            log.error("Rollout {} cannot be read any more; setting its status alone", id, e);
        }
        try {
            transactions.run(() -> {
                long jobId = rollouts.jobIdOf(id);
                Job job = jobs.lockById(jobId).orElseThrow();
                if (!rollouts.statusOf(id).isActive()) {
                    return;
                }
                Instant now = clock.instant();
                rollouts.updateStatus(id, RolloutStatus.ERROR, now);
                rollouts.addEvent(id, now, RolloutStatus.ERROR, SYSTEM, message);
                audit.record(AuditRecord.of("rollout.error")
                        .bySystem()
                        .team(job.key().team())
                        .target("rollout " + id + " of " + job.key())
                        .message(message));
                lifecycle.notifyChanged(job);
            });
        } catch (RuntimeException e) {
            log.error("Rollout {} could not even be marked ERROR; trying again next round", id, e);
        }
    }

    /** What one round of one rollout works with (the job locked). */
    final class Round {
        Job job;
        Rollout rollout;
        final Instant now;
        final Map<Integer, RolloutInstance> instances = new LinkedHashMap<>();
        private final Map<Integer, List<Task>> live;
        String lastFailure;
        private boolean notified;

        Round(Job job, Rollout rollout, Instant now) {
            this.job = job;
            this.rollout = rollout;
            this.now = now;
            for (RolloutInstance instance : rollouts.instances(rollout.id())) {
                instances.put(instance.instanceId(), instance);
            }
            live = new LinkedHashMap<>();
            for (Task task : tasks.activeTasks(job.id())) {
                live.computeIfAbsent(task.instanceId(), i -> new ArrayList<>()).add(task);
            }
        }

        List<Task> live(int instanceId) {
            return live.getOrDefault(instanceId, List.of());
        }

        /** Reads one instance's live tasks again (after changing them). */
        void refresh(int instanceId) {
            live.put(instanceId, tasks.activeTasks(job.id(), instanceId));
        }

        void save(RolloutInstance instance) {
            RolloutInstance before = instances.get(instance.instanceId());
            if (!instance.equals(before)) {
                rollouts.updateInstance(rollout.id(), instance, now);
                instances.put(instance.instanceId(), instance);
                notifyChanged();
            }
        }

        void notifyChanged() {
            if (!notified) {
                notified = true;
                RolloutChanged changed = new RolloutChanged(job.key(), rollout.id());
                AfterCommit.run(() -> events.publishEvent(changed));
            }
        }
    }
}
