package io.borealis.scheduler;

import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.auth.access.Action;
import io.borealis.auth.access.CurrentUser;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.team.TeamRepository;
import io.borealis.cluster.ClusterDriver;
import io.borealis.error.ConflictException;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.job.Job;
import io.borealis.job.JobKey;
import io.borealis.job.JobRepository;
import io.borealis.job.JobSpec;
import io.borealis.job.JobSpecValidator;
import io.borealis.job.JobStatus;
import io.borealis.quota.QuotaService;
import io.borealis.quota.Usage;
import io.borealis.rollout.RolloutRepository;
import io.borealis.scheduling.LimitCounts;
import io.borealis.scheduling.PendingTask;
import io.borealis.scheduling.Placement;
import io.borealis.scheduling.PlacementResult;
import io.borealis.task.Task;
import io.borealis.task.TaskEvent;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * What people do with jobs: create, plan (dry run), scale, kill some instances or the whole job,
 * restart (rolling), and read them. Each command validates its input first, then runs as one
 * transaction holding the job's row lock, so commands on one job never interleave and a failed
 * command leaves nothing half-done.
 */
@Service
public class JobService {

    /** The most jobs one page of {@link #findJobs} returns. */
    public static final int MAX_PAGE = 500;

    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final TaskLifecycle lifecycle;
    private final RestartCoordinator restarts;
    private final RolloutRepository rollouts;
    private final Transactions transactions;
    private final JobSpecValidator validator;
    private final ClusterDriver driver;
    private final JobQueries queries;
    private final TeamAccess access;
    private final TeamRepository teams;
    private final QuotaService quotas;
    private final AuditTrail audit;
    private final Clock clock;

    public JobService(
            JobRepository jobs,
            TaskRepository tasks,
            TaskLifecycle lifecycle,
            RestartCoordinator restarts,
            RolloutRepository rollouts,
            Transactions transactions,
            JobSpecValidator validator,
            ClusterDriver driver,
            JobQueries queries,
            TeamAccess access,
            TeamRepository teams,
            QuotaService quotas,
            AuditTrail audit,
            Clock clock) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.lifecycle = lifecycle;
        this.restarts = restarts;
        this.rollouts = rollouts;
        this.transactions = transactions;
        this.validator = validator;
        this.driver = driver;
        this.queries = queries;
        this.access = access;
        this.teams = teams;
        this.quotas = quotas;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a job and its instances (PENDING until placed). Refuses a key that is in use. */
    public Job create(JobSpec spec) {
        validator.requireValid(spec);
        access.require(Action.MANAGE_JOBS, spec.key().team(), "job.create", spec.key());
        requireOpenTeam(spec.key().team());
        String by = CurrentUser.requireUsername();
        try {
            return transactions.run(() -> createLocked(spec, by));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A job " + spec.key() + " already exists.", e);
        }
    }

    private Job createLocked(JobSpec spec, String by) {
        Instant now = clock.instant();
        Optional<Job> existing = jobs.lock(spec.key());
        long jobId;
        if (existing.isPresent()) {
            Job old = existing.get();
            if (old.isActive()) {
                throw new ConflictException("A job " + spec.key()
                        + " already exists. Scale or restart it, roll out a new configuration, or kill it first.");
            }
            if (!tasks.activeTasks(old.id()).isEmpty()) {
                throw new ConflictException("The killed job " + spec.key()
                        + " still has tasks being stopped; create it again once they are gone.");
            }
            jobId = old.id();
        } else {
            jobId = jobs.insert(spec.key(), spec.kind(), spec.instances(), by, now);
        }
        quotas.requireFits(spec.key().team(), productionUsage(spec.task(), spec.instances()));
        long configId = jobs.saveConfig(jobId, spec.task(), now);
        jobs.update(jobId, spec.kind(), spec.instances(), configId, JobStatus.ACTIVE, now);
        Job job = jobs.findById(jobId).orElseThrow();
        for (int instance = 0; instance < spec.instances(); instance++) {
            lifecycle.create(job, instance, configId, "Created by " + by);
        }
        audit.record(AuditRecord.of("job.create")
                .team(spec.key().team())
                .target(spec.key())
                .changes(Map.of(), SpecDiff.forAudit(spec)));
        return job;
    }

    /**
     * What {@link #create} (for a new key) or {@link #scale} (for an active job's key) would do with
     * this spec: the fields that change and where new instances would land now. Changes nothing.
     */
    public JobPlan plan(JobSpec spec) {
        validator.requireValid(spec);
        access.require(Action.MANAGE_JOBS, spec.key().team(), "job.plan", spec.key());
        requireOpenTeam(spec.key().team());
        Optional<Job> existing = jobs.find(spec.key()).filter(Job::isActive);
        int before = existing.map(Job::instanceCount).orElse(0);
        List<Integer> added = IntStream.range(before, spec.instances()).boxed().toList();
        List<PendingTask> candidates = added.stream()
                .map(i -> new PendingTask(
                        "plan-" + i,
                        spec.key(),
                        i,
                        spec.task().resources(),
                        spec.task().ports(),
                        spec.task().constraints()))
                .toList();
        PlacementResult result = Placement.place(candidates, driver.offers(), LimitCounts.NONE);
        List<JobPlan.PlannedInstance> placements = new ArrayList<>();
        for (var assignment : result.assignments()) {
            placements.add(new JobPlan.PlannedInstance(
                    assignment.task().instanceId(),
                    assignment.offer().agentId(),
                    assignment.offer().hostname(),
                    null));
        }
        for (PendingTask task : candidates) {
            String reason = result.pendingReasons().get(task.taskId());
            if (reason != null) {
                placements.add(new JobPlan.PlannedInstance(task.instanceId(), null, null, reason));
            }
        }
        placements.sort(java.util.Comparator.comparingInt(JobPlan.PlannedInstance::instanceId));
        Usage additional = productionUsage(spec.task(), Math.max(0, spec.instances() - before));
        return new JobPlan(
                spec,
                existing.isPresent(),
                SpecDiff.between(existing.map(Job::spec).orElse(null), spec),
                before,
                spec.instances(),
                placements,
                quotas.shortfalls(spec.key().team(), additional));
    }

    /** Adds instances (with the current configuration) or removes the highest ones. */
    public Job scale(JobKey key, int instances) {
        List<io.borealis.error.FieldProblem> problems = validator.instanceProblems(instances);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        access.require(Action.MANAGE_JOBS, key.team(), "job.scale", key);
        String by = CurrentUser.requireUsername();
        return transactions.run(() -> {
            Job job = lockActive(key);
            requireNoRollout(job, "be scaled");
            if (instances == job.instanceCount()) {
                return job;
            }
            audit.record(AuditRecord.of("job.scale")
                    .team(key.team())
                    .target(key)
                    .change("instances", job.instanceCount(), instances));
            if (instances > job.instanceCount()) {
                quotas.requireFits(key.team(), productionUsage(job.currentConfig(), instances - job.instanceCount()));
            }
            Instant now = clock.instant();
            jobs.updateInstanceCount(job.id(), instances, now);
            Job scaled = jobs.findById(job.id()).orElseThrow();
            if (instances > job.instanceCount()) {
                for (int instance = job.instanceCount(); instance < instances; instance++) {
                    lifecycle.create(
                            scaled,
                            instance,
                            job.currentConfigId(),
                            "Added by " + by + " (scaled from " + job.instanceCount() + " to " + instances + ")");
                }
            } else {
                for (Task task : tasks.activeTasks(job.id())) {
                    if (task.instanceId() >= instances) {
                        stop(
                                scaled,
                                task,
                                "Removed by " + by + " (scaled from " + job.instanceCount() + " to " + instances + ")");
                    }
                }
            }
            return scaled;
        });
    }

    /**
     * Kills the given instances' tasks. A service keeps its instance count, so each killed instance
     * gets a fresh task (that is how a stuck instance is replaced); an adhoc instance stays killed.
     */
    public void killInstances(JobKey key, Collection<Integer> instances, String reason) {
        access.require(Action.MANAGE_JOBS, key.team(), "job.kill-instances", key);
        String by = CurrentUser.requireUsername();
        transactions.run(() -> {
            Job job = lockActive(key);
            requireNoRollout(job, "have instances killed");
            SortedSet<Integer> wanted = checkInstances(job, instances);
            audit.record(AuditRecord.of("job.kill-instances")
                    .team(key.team())
                    .target(key + " instances " + joined(wanted))
                    .reason(reason)
                    .message(job.isService() ? "Killed instances are replaced" : "Killed instances stay killed"));
            String message = "Killed by " + by + suffix(reason);
            for (Task task : tasks.activeTasks(job.id())) {
                if (!wanted.contains(task.instanceId())) {
                    continue;
                }
                if (job.isService()) {
                    if (task.state().isOnAgent() && task.state() != TaskState.KILLING) {
                        lifecycle.apply(job, task, TaskState.RESTARTING, message + "; it will be replaced");
                    }
                } else {
                    stop(job, task, message);
                }
            }
        });
    }

    /** Kills every task of the job, for good. The job's history stays; its key may be used again. */
    public void killJob(JobKey key, String reason) {
        access.require(Action.MANAGE_JOBS, key.team(), "job.kill", key);
        String by = CurrentUser.requireUsername();
        transactions.run(() -> {
            Job job = lockActive(key);
            requireNoRollout(job, "be killed");
            audit.record(AuditRecord.of("job.kill")
                    .team(key.team())
                    .target(key)
                    .reason(reason)
                    .change("status", job.status(), io.borealis.job.JobStatus.KILLED));
            jobs.updateStatus(job.id(), JobStatus.KILLED, clock.instant());
            restarts.cancel(job.id());
            Job killed = jobs.findById(job.id()).orElseThrow();
            for (Task task : tasks.activeTasks(job.id())) {
                stop(killed, task, "Job killed by " + by + suffix(reason));
            }
            lifecycle.notifyChanged(killed);
        });
    }

    /** Restarts instances (all when none are named), {@code batchSize} at a time. */
    public void restart(JobKey key, Collection<Integer> instances, int batchSize) {
        if (batchSize < 1) {
            throw new InvalidInputException("batchSize", "must be at least 1");
        }
        access.require(Action.MANAGE_JOBS, key.team(), "job.restart", key);
        String by = CurrentUser.requireUsername();
        transactions.run(() -> {
            Job job = lockActive(key);
            requireNoRollout(job, "be restarted");
            if (restarts.progress(job.id()).isPresent()) {
                throw new ConflictException("A rolling restart of " + key + " is already in progress.");
            }
            SortedSet<Integer> chosen = instances == null || instances.isEmpty()
                    ? new TreeSet<>(
                            IntStream.range(0, job.instanceCount()).boxed().toList())
                    : checkInstances(job, instances);
            audit.record(AuditRecord.of("job.restart")
                    .team(key.team())
                    .target(key + " instances " + joined(chosen))
                    .message("Rolling restart, " + batchSize + " at a time"));
            restarts.start(job, new ArrayList<>(chosen), batchSize, by);
            lifecycle.notifyChanged(job);
        });
    }

    /** Stops a rolling restart after its current batch. */
    public void cancelRestart(JobKey key) {
        access.require(Action.MANAGE_JOBS, key.team(), "job.restart-cancel", key);
        transactions.run(() -> {
            Job job = lockActive(key);
            audit.record(AuditRecord.of("job.restart-cancel").team(key.team()).target(key));
            restarts.cancel(job.id());
            lifecycle.notifyChanged(job);
        });
    }

    // reads

    /** The active jobs of the teams the signed-in person may read. */
    public List<JobSummary> listJobs() {
        var readable = access.readableTeams();
        return queries.summaries().stream()
                .filter(s ->
                        readable.isEmpty() || readable.get().contains(s.key().team()))
                .toList();
    }

    /**
     * One page of the active jobs the signed-in person may read, filtered and sorted in the
     * database (see {@link #countJobs} for the total).
     */
    public List<JobSummary> findJobs(JobFilter filter, JobSort sort, int offset, int limit) {
        if (limit < 0 || offset < 0) {
            throw new InvalidInputException("page", "offset and limit must not be negative");
        }
        return queries.page(
                filter == null ? JobFilter.ANY : filter,
                sort == null ? JobSort.BY_KEY : sort,
                offset,
                Math.min(limit, MAX_PAGE),
                access.readableTeams());
    }

    /** How many active jobs the signed-in person may read match the filter. */
    public int countJobs(JobFilter filter) {
        return queries.count(filter == null ? JobFilter.ANY : filter, access.readableTeams());
    }

    /** The environments the readable active jobs use, for filters. */
    public List<String> environments() {
        return queries.environments(access.readableTeams());
    }

    /**
     * Every problem {@link #create} and {@link #plan} would refuse the spec for, without checking
     * access or the team (for forms that validate as people type).
     */
    public List<io.borealis.error.FieldProblem> problems(JobSpec spec) {
        return validator.problems(spec);
    }

    public JobDetails job(JobKey key) {
        access.require(Action.READ_JOBS, key.team(), "job.read", key);
        Job job = jobs.find(key).orElseThrow(() -> notFound(key));
        return new JobDetails(job, queries.instances(job), restarts.progress(job.id()));
    }

    public Optional<Job> find(JobKey key) {
        access.require(Action.READ_JOBS, key.team());
        return jobs.find(key);
    }

    /** Every task an instance has had, oldest first. */
    public List<Task> instanceHistory(JobKey key, int instanceId) {
        access.require(Action.READ_JOBS, key.team());
        Job job = jobs.find(key).orElseThrow(() -> notFound(key));
        return tasks.instanceHistory(job.id(), instanceId);
    }

    public Task task(String taskId) {
        Task task = tasks.find(taskId).orElseThrow(() -> new NotFoundException("There is no task " + taskId + "."));
        access.require(Action.READ_JOBS, task.job().team());
        return task;
    }

    public List<TaskEvent> taskEvents(String taskId) {
        task(taskId);
        return tasks.events(taskId);
    }

    /** Jobs may only be created for an existing team that is not archived. */
    private void requireOpenTeam(String team) {
        var found = teams.find(team);
        if (found.isEmpty()) {
            throw new InvalidInputException(
                    "key.team", "there is no team '" + team + "'; a platform admin creates teams");
        }
        if (found.get().archived()) {
            throw new InvalidInputException("key.team", "team '" + team + "' is archived and takes no new jobs");
        }
    }

    /** What tasks of a config count against quota: production tasks only. */
    static Usage productionUsage(io.borealis.job.TaskConfig config, int count) {
        return config.tier().isProduction() ? Usage.of(config.resources(), count) : Usage.NONE;
    }

    /**
     * Refuses a kill, scale or restart while the job is being rolled out (Aurora's
     * JOB_UPDATING_ERROR): the rollout owns the job's instances until it ends.
     */
    private void requireNoRollout(Job job, String what) {
        rollouts.activeFor(job.id()).ifPresent(rollout -> {
            throw new ConflictException("The job " + job.key() + " is being rolled out (rollout " + rollout.id() + ", "
                    + rollout.status() + ", started by " + rollout.startedBy() + "): it cannot " + what
                    + " until the rollout ends. Wait for it, or ask a team lead to abort or roll it back.");
        });
    }

    private Job lockActive(JobKey key) {
        Job job = jobs.lock(key).orElseThrow(() -> notFound(key));
        if (!job.isActive()) {
            throw new ConflictException("The job " + key + " was killed; create it again to run it.");
        }
        return job;
    }

    /** Kills a task for good: a pending one simply ends, one on an agent is killed. */
    private void stop(Job job, Task task, String message) {
        TaskState target = task.state().isOnAgent() ? TaskState.KILLING : TaskState.KILLED;
        if (task.state() != TaskState.KILLING) {
            lifecycle.apply(job, task, target, message);
        }
    }

    private static SortedSet<Integer> checkInstances(Job job, Collection<Integer> instances) {
        if (instances == null || instances.isEmpty()) {
            throw new InvalidInputException("instances", "name at least one instance");
        }
        SortedSet<Integer> wanted = new TreeSet<>();
        for (Integer instance : instances) {
            if (instance == null || instance < 0 || instance >= job.instanceCount()) {
                throw new InvalidInputException(
                        "instances",
                        "instance " + instance + " does not exist: " + job.key() + " has instances 0 to "
                                + (job.instanceCount() - 1));
            }
            wanted.add(instance);
        }
        return wanted;
    }

    private static String joined(Collection<Integer> instances) {
        return instances.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    private static String suffix(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason.strip();
    }

    private static NotFoundException notFound(JobKey key) {
        return new NotFoundException("There is no job " + key + ".");
    }
}
