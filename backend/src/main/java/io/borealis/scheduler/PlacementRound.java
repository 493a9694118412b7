package io.borealis.scheduler;

import io.borealis.cluster.AgentView;
import io.borealis.cluster.ClusterDriver;
import io.borealis.cluster.ResourceOffer;
import io.borealis.cluster.TaskLaunch;
import io.borealis.job.Constraint;
import io.borealis.job.JobKey;
import io.borealis.job.JobRepository;
import io.borealis.job.TaskConfig;
import io.borealis.persistence.JdbcTime;
import io.borealis.scheduling.Assignment;
import io.borealis.scheduling.LimitCounts;
import io.borealis.scheduling.PendingTask;
import io.borealis.scheduling.Placement;
import io.borealis.scheduling.PlacementResult;
import io.borealis.task.Task;
import io.borealis.task.TaskPorts;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One scheduling round: pending tasks and the cluster's offers go through {@link Placement}; the
 * placed tasks become ASSIGNED in one transaction (each only if it is still PENDING), then their
 * launches go to the cluster; unused offers are declined; every task left pending gets its reason.
 */
@Component
public class PlacementRound {

    private static final Logger log = LoggerFactory.getLogger(PlacementRound.class);

    /** What a round did, for the benchmark and tests. */
    public record Outcome(int pending, int placed, int launched) {}

    private final TaskRepository tasks;
    private final JobRepository jobs;
    private final ClusterDriver driver;
    private final Transactions transactions;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final SchedulerProperties properties;
    private final Clock clock;

    public PlacementRound(
            TaskRepository tasks,
            JobRepository jobs,
            ClusterDriver driver,
            Transactions transactions,
            JdbcTemplate jdbc,
            ApplicationEventPublisher events,
            SchedulerProperties properties,
            Clock clock) {
        this.tasks = tasks;
        this.jobs = jobs;
        this.driver = driver;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    public Outcome run() {
        List<Task> pending = tasks.inStates(EnumSet.of(TaskState.PENDING), properties.placementBatch());
        // a cluster that pushes offers (Mesos) stops sending them while nothing waits, and resumes now
        driver.wantOffers(!pending.isEmpty());
        List<ResourceOffer> offers = driver.offers();
        if (pending.isEmpty()) {
            if (!offers.isEmpty()) {
                driver.decline(offers);
            }
            return new Outcome(0, 0, 0);
        }
        Map<String, Task> byId = new HashMap<>();
        List<PendingTask> candidates = new ArrayList<>(pending.size());
        Set<Long> limitedJobs = new HashSet<>();
        for (Task task : pending) {
            TaskConfig config = jobs.config(task.configId());
            byId.put(task.taskId(), task);
            candidates.add(new PendingTask(
                    task.taskId(),
                    task.job(),
                    task.instanceId(),
                    config.resources(),
                    config.ports(),
                    config.constraints()));
            if (config.constraints().stream().anyMatch(c -> c.kind() == Constraint.Kind.LIMIT)) {
                limitedJobs.add(task.jobId());
            }
        }
        PlacementResult result = Placement.place(candidates, offers, limitCounts(limitedJobs, pending));
        Map<ResourceOffer, List<TaskLaunch>> launches = transactions.run(() -> assign(result, byId));
        int launched = 0;
        List<ResourceOffer> unused = new ArrayList<>();
        for (ResourceOffer offer : offers) {
            List<TaskLaunch> forOffer = launches.get(offer);
            if (forOffer == null || forOffer.isEmpty()) {
                unused.add(offer);
                continue;
            }
            try {
                driver.launch(offer, forOffer);
                launched += forOffer.size();
            } catch (RuntimeException e) {
                // the tasks stay ASSIGNED and are declared LOST (and replaced) after the transient timeout
                log.error("Launch of {} tasks on {} failed: {}", forOffer.size(), offer.agentId(), e.getMessage(), e);
            }
        }
        if (!unused.isEmpty()) {
            driver.decline(unused);
        }
        savePendingReasons(result.pendingReasons(), byId);
        return new Outcome(pending.size(), result.assignments().size(), launched);
    }

    /** Marks the placed tasks ASSIGNED (those still PENDING) and returns their launches per offer. */
    private Map<ResourceOffer, List<TaskLaunch>> assign(PlacementResult result, Map<String, Task> byId) {
        Map<ResourceOffer, List<TaskLaunch>> launches = new IdentityHashMap<>();
        if (result.assignments().isEmpty()) {
            return launches;
        }
        Instant now = clock.instant();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> eventRows = new ArrayList<>();
        for (Assignment assignment : result.assignments()) {
            Task task = byId.get(assignment.task().taskId());
            updates.add(new Object[] {
                assignment.offer().agentId(),
                assignment.offer().hostname(),
                TaskPorts.toJson(assignment.ports()),
                JdbcTime.toDb(now),
                task.taskId(),
                task.version()
            });
        }
        int[] counts = jdbc.batchUpdate(
                "update task set state = 'ASSIGNED', agent_id = ?, hostname = ?, ports = ?, pending_reason = null, "
                        + "state_changed_at = ?, version = version + 1 where task_id = ? and state = 'PENDING' and version = ?",
                updates);
        Set<JobKey> changedJobs = new HashSet<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue; // killed or changed meanwhile: not launched
            }
            Assignment assignment = result.assignments().get(i);
            Task task = byId.get(assignment.task().taskId());
            eventRows.add(new Object[] {
                task.taskId(),
                JdbcTime.toDb(now),
                TaskState.ASSIGNED.name(),
                "Assigned to " + assignment.offer().agentId() + " ("
                        + assignment.offer().hostname() + ")" + portsText(assignment.ports())
            });
            launches.computeIfAbsent(assignment.offer(), o -> new ArrayList<>())
                    .add(new TaskLaunch(
                            task.taskId(),
                            task.job(),
                            task.instanceId(),
                            jobs.config(task.configId()),
                            assignment.ports()));
            changedJobs.add(task.job());
        }
        jdbc.batchUpdate("insert into task_event (task_id, at, state, message) values (?, ?, ?, ?)", eventRows);
        for (JobKey job : changedJobs) {
            AfterCommit.run(() -> events.publishEvent(new JobChanged(job)));
        }
        return launches;
    }

    private LimitCounts limitCounts(Set<Long> jobIds, List<Task> pending) {
        if (jobIds.isEmpty()) {
            return LimitCounts.NONE;
        }
        Map<String, Map<String, String>> attributes = new HashMap<>();
        for (AgentView agent : driver.agents()) {
            Map<String, String> withHost = new HashMap<>(agent.attributes());
            withHost.putIfAbsent("host", agent.hostname());
            attributes.put(agent.id(), withHost);
        }
        Map<Long, JobKey> keys = new HashMap<>();
        for (Task task : pending) {
            keys.put(task.jobId(), task.job());
        }
        Map<String, Integer> counts = new HashMap<>();
        tasks.activeTasksPerAgent(jobIds)
                .forEach((jobId, perAgent) -> perAgent.forEach((agentId, count) -> attributes
                        .getOrDefault(agentId, Map.of())
                        .forEach((name, value) -> counts.merge(
                                keys.get(jobId) + "\u0000" + name + "\u0000" + value, count, Integer::sum))));
        return (job, attribute, value) -> counts.getOrDefault(job + "\u0000" + attribute + "\u0000" + value, 0);
    }

    /** Stores why tasks still wait; pages of the jobs whose reasons changed are told to refresh. */
    private void savePendingReasons(Map<String, String> reasons, Map<String, Task> byId) {
        if (reasons.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(reasons.size());
        List<String> taskIds = new ArrayList<>(reasons.size());
        reasons.forEach((taskId, reason) -> {
            rows.add(new Object[] {reason, taskId, reason});
            taskIds.add(taskId);
        });
        transactions.run(() -> {
            int[] counts = jdbc.batchUpdate(
                    "update task set pending_reason = ? where task_id = ? and state = 'PENDING' "
                            + "and (pending_reason is null or pending_reason <> ?)",
                    rows);
            Set<JobKey> changedJobs = new HashSet<>();
            for (int i = 0; i < counts.length; i++) {
                Task task = byId.get(taskIds.get(i));
                if (counts[i] != 0 && task != null) {
                    changedJobs.add(task.job());
                }
            }
            for (JobKey job : changedJobs) {
                AfterCommit.run(() -> events.publishEvent(new JobChanged(job)));
            }
            return null;
        });
    }

    private static String portsText(Map<String, Integer> ports) {
        if (ports.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" with ports ");
        new java.util.TreeMap<>(ports).forEach((name, port) -> {
            if (text.length() > 12) {
                text.append(", ");
            }
            text.append(name).append('=').append(port);
        });
        return text.toString();
    }
}
