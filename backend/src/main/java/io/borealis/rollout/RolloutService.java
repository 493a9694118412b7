package io.borealis.rollout;

import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.auth.access.Action;
import io.borealis.auth.access.CurrentUser;
import io.borealis.auth.access.TeamAccess;
import io.borealis.error.ConflictException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.job.Job;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobRepository;
import io.borealis.job.JobSpec;
import io.borealis.job.JobSpecValidator;
import io.borealis.job.TaskConfig;
import io.borealis.job.spec.JobSpecFormat;
import io.borealis.quota.QuotaService;
import io.borealis.scheduler.RestartCoordinator;
import io.borealis.scheduler.SpecDiff;
import io.borealis.scheduler.Transactions;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * What people do with rollouts, for the portal and the REST API alike (access is checked here).
 *
 * <ul>
 *   <li>{@link #plan} shows what a rollout would do (a dry run); {@link #start} starts one (team
 *       developers and up: {@code START_ROLLOUTS}).
 *   <li>{@link #pause}, {@link #resume}, {@link #abort} and {@link #rollback} steer it (team leads:
 *       {@code CONTROL_ROLLOUTS}); resuming after a checkpoint is a {@link #resume}.
 *   <li>{@link #active}, {@link #list}, {@link #listAll} and {@link #details} read them (anyone who
 *       may read the team's jobs: {@code READ_JOBS}).
 * </ul>
 *
 * Every command is audited in the same transaction (refusals for lack of permission too); every
 * status change is recorded in the rollout's history with who and why. Input problems throw {@link
 * InvalidInputException} (every problem, by field), a clash with the job's state {@link
 * ConflictException}, quota {@link io.borealis.quota.QuotaExceededException} with each shortfall,
 * missing permission {@link io.borealis.error.PermissionDeniedException}.
 */
@Service
public class RolloutService {

    private final RolloutRepository rollouts;
    private final RolloutCoordinator coordinator;
    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final RestartCoordinator restarts;
    private final JobSpecValidator validator;
    private final QuotaService quotas;
    private final TeamAccess access;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;

    public RolloutService(
            RolloutRepository rollouts,
            RolloutCoordinator coordinator,
            JobRepository jobs,
            TaskRepository tasks,
            RestartCoordinator restarts,
            JobSpecValidator validator,
            QuotaService quotas,
            TeamAccess access,
            AuditTrail audit,
            Transactions transactions,
            Clock clock) {
        this.rollouts = rollouts;
        this.coordinator = coordinator;
        this.jobs = jobs;
        this.tasks = tasks;
        this.restarts = restarts;
        this.validator = validator;
        this.quotas = quotas;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    // commands

    /**
     * Starts rolling a service job out to a new task configuration (and, optionally, a new instance
     * count). Validated like creating a job, then: the job must be an active service, with no other
     * rollout and no rolling restart under way; the configuration or count must change something
     * ("job is unchanged" otherwise); the settings must fit the rollout (failure limit below the
     * instances touched, canary instances that exist, checkpoints on real batches); the team's quota
     * must cover the larger of each instance's old and new configuration. The first batch starts at
     * once.
     *
     * @param key the job
     * @param config the configuration to roll out
     * @param instances the new instance count, or null to keep the current one
     * @param settings how to proceed
     * @param message why (recorded with the start; may be null)
     * @return the rollout as stored after its first step
     */
    public Rollout start(JobKey key, TaskConfig config, Integer instances, RolloutSettings settings, String message) {
        requireValid(config, instances, settings);
        access.require(Action.START_ROLLOUTS, key.team(), "rollout.start", key);
        String by = CurrentUser.requireUsername();
        return transactions.run(() -> startLocked(key, config, instances, settings, message, by));
    }

    /** {@link #start} with a whole job spec (its kind must be SERVICE; its instance count is the new one). */
    public Rollout start(JobSpec spec, RolloutSettings settings, String message) {
        List<FieldProblem> problems = new ArrayList<>(validator.problems(spec));
        if (spec != null && spec.kind() != null && spec.kind() != JobKind.SERVICE) {
            problems.add(new FieldProblem("kind", "only SERVICE jobs are rolled out"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return start(spec.key(), spec.task(), spec.instances(), settings, message);
    }

    /**
     * What {@link #start} would do with these arguments, changing nothing: the instances to add,
     * change and remove, the batches, the configuration fields that change and any quota
     * shortfall. A rollout that would change nothing gives an empty plan ({@link
     * RolloutPlan#unchanged()}).
     */
    public RolloutPlan plan(JobKey key, TaskConfig config, Integer instances, RolloutSettings settings) {
        requireValid(config, instances, settings);
        access.require(Action.START_ROLLOUTS, key.team(), "rollout.plan", key);
        Job job = jobs.find(key).filter(Job::isActive).orElseThrow(() -> notFound(key));
        requireService(job);
        String fingerprint = JobSpecFormat.fingerprint(config);
        Map<Integer, Long> current = currentConfigs(job);
        long target = current.values().stream()
                .distinct()
                .filter(id -> JobSpecFormat.fingerprint(jobs.config(id)).equals(fingerprint))
                .findFirst()
                .orElse(-1L);
        int count = instances == null ? job.instanceCount() : instances;
        JobDiff diff = JobDiff.between(current, job.instanceCount(), target, count, settings.onlyInstances());
        BatchPlan plan = BatchPlan.forward(diff, settings);
        requireFitting(settings, diff, plan);
        return new RolloutPlan(
                key,
                job.instanceCount(),
                diff.isEmpty() ? job.instanceCount() : diff.countAfter(),
                List.copyOf(diff.add()),
                List.copyOf(diff.change().keySet()),
                List.copyOf(diff.remove().keySet()),
                plan.batches(),
                SpecDiff.between(job.spec(), job.spec().withTask(config).withInstances(Math.max(1, diff.countAfter()))),
                quotas.shortfalls(key.team(), RolloutQuota.additional(diff, jobs::config, config)));
    }

    /**
     * Pauses a rollout that is rolling forward or back (team leads). No instance starts moving
     * while it is paused; instances already being replaced get their new task, and are counted
     * once the rollout resumes.
     */
    public Rollout pause(long rolloutId, String message) {
        return control(rolloutId, RolloutControl.PAUSE, message);
    }

    /** Resumes a paused rollout in the direction it was going, also after a checkpoint (team leads). */
    public Rollout resume(long rolloutId, String message) {
        return control(rolloutId, RolloutControl.RESUME, message);
    }

    /**
     * Stops an active rollout for good, leaving the job as it is, possibly mixed (team leads): no
     * instance is touched any more (a task already being replaced still gets its replacement on
     * the configuration chosen for it). The job keeps its current configuration; its instance count
     * covers the instances that have tasks. An aborted rollout cannot be resumed or rolled back;
     * start a new one instead.
     */
    public Rollout abort(long rolloutId, String message) {
        return control(rolloutId, RolloutControl.ABORT, message);
    }

    /**
     * Moves the instances the rollout touched back to their original configuration, in reverse
     * order (team leads): from rolling forward, paused forward, or paused rolling back.
     */
    public Rollout rollback(long rolloutId, String message) {
        return control(rolloutId, RolloutControl.ROLL_BACK, message);
    }

    // reads

    /** The job's active rollout (rolling or paused), if any. */
    public Optional<RolloutSummary> active(JobKey key) {
        access.require(Action.READ_JOBS, key.team());
        return jobs.find(key)
                .flatMap(job -> rollouts.activeFor(job.id()))
                .map(r -> summaries(List.of(r)).getFirst());
    }

    /** Every rollout of a job still in the history (newest first, at most {@value RolloutFilter#MAX_LIMIT}). */
    public List<RolloutSummary> list(JobKey key) {
        access.require(Action.READ_JOBS, key.team());
        jobs.find(key).orElseThrow(() -> notFound(key));
        return summaries(rollouts.list(RolloutFilter.all().withJob(key).page(0, RolloutFilter.MAX_LIMIT), null));
    }

    /**
     * Rollouts across jobs for the history page, newest first: by team, job, who started them,
     * status and start time, paged. Only the teams the signed-in person may read are searched.
     */
    public List<RolloutSummary> listAll(RolloutFilter filter) {
        RolloutFilter wanted = filter == null ? RolloutFilter.all() : filter;
        if (wanted.team() != null) {
            access.require(Action.READ_JOBS, wanted.team());
        }
        if (wanted.job() != null) {
            access.require(Action.READ_JOBS, wanted.job().team());
        }
        Set<String> teams = access.readableTeams().orElse(null);
        return summaries(rollouts.list(wanted, teams));
    }

    /**
     * One rollout in full: status history, every instance's progress and events, settings, batches,
     * and the configurations before and after.
     */
    public RolloutDetails details(long rolloutId) {
        Rollout rollout = find(rolloutId);
        access.require(Action.READ_JOBS, rollout.job().team());
        List<RolloutInstance> instances = rollouts.instances(rolloutId);
        Map<Long, TaskConfig> from = new LinkedHashMap<>();
        for (long id : rollout.fromConfigIds()) {
            from.put(id, jobs.config(id));
        }
        return new RolloutDetails(
                summaries(List.of(rollout)).getFirst(),
                RolloutCoordinator.forwardPlan(rollout.settings(), instances).batches(),
                rollouts.events(rolloutId),
                instances,
                rollouts.instanceEvents(rolloutId),
                from,
                jobs.config(rollout.toConfigId()));
    }

    // internals

    private Rollout startLocked(
            JobKey key, TaskConfig config, Integer instances, RolloutSettings settings, String message, String by) {
        Job job = jobs.lock(key).filter(Job::isActive).orElseThrow(() -> notFound(key));
        requireService(job);
        rollouts.activeFor(job.id()).ifPresent(active -> {
            throw new ConflictException("The job " + key + " already has an active rollout: " + describe(active)
                    + ". One rollout at a time: wait for it to end, or ask a team lead to abort or roll it back.");
        });
        if (restarts.progress(job.id()).isPresent()) {
            throw new ConflictException("A rolling restart of " + key
                    + " is in progress; start the rollout once it has ended (or cancel it).");
        }
        Instant now = clock.instant();
        int count = instances == null ? job.instanceCount() : instances;
        long target = jobs.saveConfig(job.id(), config, now);
        JobDiff diff =
                JobDiff.between(currentConfigs(job), job.instanceCount(), target, count, settings.onlyInstances());
        BatchPlan plan = BatchPlan.forward(diff, settings);
        requireFitting(settings, diff, plan);
        if (diff.isEmpty()) {
            throw new InvalidInputException(
                    "task",
                    "the job is unchanged: every chosen instance already runs this configuration"
                            + (instances == null ? "" : " and the instance count stays " + count));
        }
        quotas.requireFits(key.team(), RolloutQuota.additional(diff, jobs::config, config));

        List<RolloutInstance> rows = new ArrayList<>();
        for (int instance : plan.order()) {
            rows.add(new RolloutInstance(
                    instance,
                    diff.changeOf(instance),
                    diff.fromConfig(instance),
                    plan.batchOf(instance),
                    InstanceState.PENDING,
                    0,
                    null,
                    null,
                    now));
        }
        Rollout draft = new Rollout(
                0,
                job.id(),
                key,
                RolloutStatus.ROLLING_FORWARD,
                settings,
                target,
                List.copyOf(diff.fromConfigs()),
                job.instanceCount(),
                diff.countAfter(),
                0,
                by,
                now,
                now,
                null,
                blankToNull(message));
        long id = rollouts.insert(draft, rows);
        String summary = "Rollout " + id + ": " + describe(diff) + "; " + describe(settings, plan);
        rollouts.addEvent(id, now, RolloutStatus.ROLLING_FORWARD, by, blankToNull(message) == null ? summary : message);
        audit.record(AuditRecord.of("rollout.start")
                .team(key.team())
                .target(RolloutCoordinator.target(rollouts.find(id).orElseThrow()))
                .reason(message)
                .message(summary)
                .changes(
                        SpecDiff.forAudit(job.spec()),
                        SpecDiff.forAudit(job.spec().withTask(config).withInstances(Math.max(1, diff.countAfter())))));
        Rollout rollout = rollouts.find(id).orElseThrow();
        coordinator.advanceLocked(job, rollout);
        return rollouts.find(id).orElseThrow();
    }

    private Rollout control(long rolloutId, RolloutControl control, String message) {
        Rollout unlocked = find(rolloutId);
        String operation =
                "rollout." + control.name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        access.require(Action.CONTROL_ROLLOUTS, unlocked.job().team(), operation, RolloutCoordinator.target(unlocked));
        String by = CurrentUser.requireUsername();
        return transactions.run(() -> {
            Job job = jobs.lockById(unlocked.jobId()).orElseThrow();
            Rollout rollout = find(rolloutId);
            RolloutStatus to = RolloutStateMachine.target(rollout.status(), control)
                    .orElseThrow(() -> new ConflictException(refusal(rollout, control)));
            audit.record(AuditRecord.of(operation)
                    .team(rollout.job().team())
                    .target(RolloutCoordinator.target(rollout))
                    .reason(message)
                    .change("status", rollout.status(), to));
            coordinator.control(
                    job, rollout, to, by, blankToNull(message) == null ? defaultMessage(control, by) : message);
            return find(rolloutId);
        });
    }

    private static String defaultMessage(RolloutControl control, String by) {
        return switch (control) {
            case PAUSE -> "Paused by " + by;
            case RESUME -> "Resumed by " + by;
            case ABORT -> "Aborted by " + by;
            case ROLL_BACK -> "Rolled back by " + by;
        };
    }

    private static String refusal(Rollout rollout, RolloutControl control) {
        String what = switch (control) {
            case PAUSE -> "only a rollout that is rolling forward or back can be paused";
            case RESUME -> "only a paused rollout can be resumed";
            case ABORT -> "it has ended already";
            case ROLL_BACK -> "only a rollout that is rolling forward or paused can be rolled back";
        };
        return "Rollout " + rollout.id() + " of " + rollout.job() + " is " + rollout.status() + ": " + what + ".";
    }

    private void requireValid(TaskConfig config, Integer instances, RolloutSettings settings) {
        List<FieldProblem> problems = new ArrayList<>();
        if (config == null) {
            problems.add(new FieldProblem("task", "is required"));
        } else {
            problems.addAll(validator.taskProblems(config, "task."));
        }
        if (instances != null) {
            problems.addAll(validator.instanceProblems(instances));
        }
        if (settings == null) {
            problems.add(new FieldProblem("settings", "are required"));
        } else {
            problems.addAll(settings.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static void requireFitting(RolloutSettings settings, JobDiff diff, BatchPlan plan) {
        List<FieldProblem> problems = settings.problemsFor(diff, plan);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static void requireService(Job job) {
        if (!job.isService()) {
            throw new InvalidInputException(
                    "kind",
                    job.key() + " is an ADHOC job: only SERVICE jobs are rolled out (kill it and create it again)");
        }
    }

    /** The configuration each instance runs now: its live task's (a task being killed for good aside). */
    private Map<Integer, Long> currentConfigs(Job job) {
        Map<Integer, Long> current = new TreeMap<>();
        for (Task task : tasks.activeTasks(job.id())) {
            if (task.state() == TaskState.KILLING) {
                continue;
            }
            if (!current.containsKey(task.instanceId()) || task.state() != TaskState.RESTARTING) {
                current.put(task.instanceId(), task.configId());
            }
        }
        return current;
    }

    private List<RolloutSummary> summaries(List<Rollout> list) {
        List<Long> ids = list.stream().map(Rollout::id).toList();
        Map<Long, RolloutProgress> progress = rollouts.progress(ids);
        Map<Long, String> messages = ids.isEmpty() ? new HashMap<>() : rollouts.latestMessages(ids);
        return list.stream()
                .map(r -> new RolloutSummary(
                        r, progress.getOrDefault(r.id(), RolloutProgress.NONE), messages.get(r.id())))
                .toList();
    }

    private Rollout find(long rolloutId) {
        return rollouts.find(rolloutId)
                .orElseThrow(() -> new NotFoundException("There is no rollout " + rolloutId + "."));
    }

    private static String describe(Rollout rollout) {
        return "rollout " + rollout.id() + " (" + rollout.status() + ", started by " + rollout.startedBy() + ")";
    }

    private static String describe(JobDiff diff) {
        List<String> parts = new ArrayList<>();
        if (!diff.add().isEmpty()) {
            parts.add("add " + InstanceRanges.format(diff.add()));
        }
        if (!diff.change().isEmpty()) {
            parts.add("change " + InstanceRanges.format(diff.change().keySet()));
        }
        if (!diff.remove().isEmpty()) {
            parts.add("remove " + InstanceRanges.format(diff.remove().keySet()));
        }
        return "instances: " + String.join(", ", parts);
    }

    private static String describe(RolloutSettings settings, BatchPlan plan) {
        String strategy = switch (settings.strategy()) {
            case FIXED -> "batches of " + settings.batchSizes().getFirst();
            case VARIABLE -> "batches of " + settings.batchSizes() + " (the last size repeated)";
            case SLIDING_WINDOW -> "up to " + settings.batchSizes().getFirst() + " at a time";
        };
        return plan.batchCount() + " batch" + (plan.batchCount() == 1 ? "" : "es") + ", " + strategy
                + "; each instance watched " + settings.minWaitSeconds() + "s; failures: "
                + settings.maxFailuresPerInstance() + " per instance, " + settings.maxFailedInstances()
                + " instances; " + (settings.rollbackOnFailure() ? "rolls back on failure" : "no automatic rollback")
                + (settings.onlyInstances().isEmpty()
                        ? ""
                        : "; only instances " + InstanceRanges.format(settings.onlyInstances()))
                + (settings.pauseAfterEachBatch()
                        ? "; pauses after each batch"
                        : settings.pauseAfterBatches().isEmpty()
                                ? ""
                                : "; pauses after batches " + settings.pauseAfterBatches());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static NotFoundException notFound(JobKey key) {
        return new NotFoundException("There is no active job " + key + ".");
    }
}
