package io.borealis.task;

import io.borealis.job.JobKey;
import io.borealis.persistence.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code task} and {@code task_event} tables. Every state change goes through
 * {@link #changeState}, which succeeds only if nobody changed the task since it was read
 * (compare-and-set on its version), and records the event in the same transaction.
 */
@Repository
public class TaskRepository {

    private static final String COLUMNS =
            "t.task_id, t.job_id, j.team, j.environment, j.name, t.instance_id, t.config_id, "
                    + "t.state, t.agent_id, t.hostname, t.ports, t.failure_count, t.flap_count, t.ancestor_id, t.pending_reason, "
                    + "t.throttled_until, t.state_changed_at, t.started_at, t.created_at, t.version";
    private static final String FROM = " from task t join job j on j.id = t.job_id";
    private static final String ACTIVE = inList(TaskState.ACTIVE);

    private final JdbcClient jdbc;

    public TaskRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates a task in its first state (PENDING or THROTTLED) with its first event. */
    public void insert(Task task, String message) {
        jdbc.sql(
                        "insert into task (task_id, job_id, instance_id, config_id, state, failure_count, flap_count, ancestor_id, "
                                + "throttled_until, state_changed_at, created_at) values (:id, :job, :instance, :config, :state, "
                                + ":failures, :flaps, :ancestor, :throttledUntil, :now, :now)")
                .param("id", task.taskId())
                .param("job", task.jobId())
                .param("instance", task.instanceId())
                .param("config", task.configId())
                .param("state", task.state().name())
                .param("failures", task.failureCount())
                .param("flaps", task.flapCount())
                .param("ancestor", task.ancestorId())
                .param("throttledUntil", JdbcTime.toDb(task.throttledUntil()))
                .param("now", JdbcTime.toDb(task.createdAt()))
                .update();
        addEvent(task.taskId(), task.createdAt(), task.state(), message);
    }

    public Optional<Task> find(String taskId) {
        return jdbc.sql("select " + COLUMNS + FROM + " where t.task_id = :id")
                .param("id", taskId)
                .query(TaskRepository::map)
                .optional();
    }

    /** The active tasks of a job, by instance. */
    public List<Task> activeTasks(long jobId) {
        return jdbc.sql("select " + COLUMNS + FROM + " where t.job_id = :job and t.state in " + ACTIVE
                        + " order by t.instance_id, t.created_at")
                .param("job", jobId)
                .query(TaskRepository::map)
                .list();
    }

    /** The active tasks of one instance of a job (usually one; two while it is being replaced). */
    public List<Task> activeTasks(long jobId, int instanceId) {
        return jdbc.sql("select " + COLUMNS + FROM
                        + " where t.job_id = :job and t.instance_id = :instance and t.state in " + ACTIVE
                        + " order by t.created_at")
                .param("job", jobId)
                .param("instance", instanceId)
                .query(TaskRepository::map)
                .list();
    }

    /** Every task of a job, newest generation last per instance. */
    public List<Task> allTasks(long jobId) {
        return jdbc.sql("select " + COLUMNS + FROM + " where t.job_id = :job order by t.instance_id, t.created_at")
                .param("job", jobId)
                .query(TaskRepository::map)
                .list();
    }

    /** The generations of one instance, oldest first. */
    public List<Task> instanceHistory(long jobId, int instanceId) {
        return jdbc.sql("select " + COLUMNS + FROM
                        + " where t.job_id = :job and t.instance_id = :instance order by t.created_at, t.task_id")
                .param("job", jobId)
                .param("instance", instanceId)
                .query(TaskRepository::map)
                .list();
    }

    /** Tasks in the given states, oldest state change first, at most {@code limit}. */
    public List<Task> inStates(Set<TaskState> states, int limit) {
        return jdbc.sql("select " + COLUMNS + FROM + " where t.state in " + inList(states)
                        + " order by t.state_changed_at, t.job_id, t.instance_id limit :limit")
                .param("limit", limit)
                .query(TaskRepository::map)
                .list();
    }

    /** Tasks in the given states that entered them before {@code before}. */
    public List<Task> inStatesSince(Set<TaskState> states, Instant before, int limit) {
        return jdbc.sql("select " + COLUMNS + FROM + " where t.state in " + inList(states)
                        + " and t.state_changed_at < :before order by t.state_changed_at limit :limit")
                .param("before", JdbcTime.toDb(before))
                .param("limit", limit)
                .query(TaskRepository::map)
                .list();
    }

    /** THROTTLED tasks whose penalty is over. */
    public List<Task> throttledUntil(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + FROM + " where t.state = 'THROTTLED' and t.throttled_until <= :now "
                        + "order by t.throttled_until limit :limit")
                .param("now", JdbcTime.toDb(now))
                .param("limit", limit)
                .query(TaskRepository::map)
                .list();
    }

    /**
     * Moves a task to a new state if it is still at {@code expectedVersion}; records the event.
     * Returns false (changing nothing) when somebody else changed it first.
     */
    public boolean changeState(Task task, TaskState to, Instant now, String message) {
        boolean firstRun = to == TaskState.RUNNING && task.startedAt() == null;
        int updated = jdbc.sql("update task set state = :state, state_changed_at = :now, pending_reason = null, "
                        + (firstRun ? "started_at = :now, " : "")
                        + "version = version + 1 where task_id = :id and version = :version")
                .param("state", to.name())
                .param("now", JdbcTime.toDb(now))
                .param("id", task.taskId())
                .param("version", task.version())
                .update();
        if (updated == 0) {
            return false;
        }
        addEvent(task.taskId(), now, to, message);
        return true;
    }

    /** Places a PENDING task on an agent (PENDING to ASSIGNED), if it is still pending. */
    public boolean assign(Task task, String agentId, String hostname, String portsJson, Instant now, String message) {
        int updated = jdbc.sql(
                        "update task set state = 'ASSIGNED', agent_id = :agent, hostname = :host, ports = :ports, "
                                + "pending_reason = null, state_changed_at = :now, version = version + 1 "
                                + "where task_id = :id and state = 'PENDING' and version = :version")
                .param("agent", agentId)
                .param("host", hostname)
                .param("ports", portsJson)
                .param("now", JdbcTime.toDb(now))
                .param("id", task.taskId())
                .param("version", task.version())
                .update();
        if (updated == 0) {
            return false;
        }
        addEvent(task.taskId(), now, TaskState.ASSIGNED, message);
        return true;
    }

    /** Counts one more failure on a task (carried to its replacement). */
    public void incrementFailures(String taskId) {
        jdbc.sql("update task set failure_count = failure_count + 1 where task_id = :id")
                .param("id", taskId)
                .update();
    }

    /**
     * Makes the task's replacement (created when it ends) run {@code configId} instead of the
     * task's own configuration: how a rollout moves an instance to another configuration.
     */
    public void setReplacementConfig(String taskId, long configId) {
        jdbc.sql("update task set replacement_config_id = :config where task_id = :id")
                .param("config", configId)
                .param("id", taskId)
                .update();
    }

    /** The configuration the task's replacement must run, when a rollout chose one. */
    public Optional<Long> replacementConfig(String taskId) {
        return jdbc.sql(
                        "select replacement_config_id from task where task_id = :id and replacement_config_id is not null")
                .param("id", taskId)
                .query(Long.class)
                .optional();
    }

    /** Remembers why a task is still pending (only writes when the reason changed). */
    public void setPendingReason(String taskId, String reason) {
        jdbc.sql("update task set pending_reason = :reason where task_id = :id and state = 'PENDING' "
                        + "and (pending_reason is null or pending_reason <> :reason)")
                .param("reason", reason)
                .param("id", taskId)
                .update();
    }

    public List<TaskEvent> events(String taskId) {
        return jdbc.sql("select id, task_id, at, state, message from task_event where task_id = :id order by id")
                .param("id", taskId)
                .query((row, n) -> new TaskEvent(
                        row.getLong("id"),
                        row.getString("task_id"),
                        JdbcTime.fromDb(row, "at"),
                        TaskState.valueOf(row.getString("state")),
                        row.getString("message")))
                .list();
    }

    public void addEvent(String taskId, Instant at, TaskState state, String message) {
        jdbc.sql("insert into task_event (task_id, at, state, message) values (:id, :at, :state, :message)")
                .param("id", taskId)
                .param("at", JdbcTime.toDb(at))
                .param("state", state.name())
                .param("message", message == null ? null : truncate(message, 2000))
                .update();
    }

    /** Active tasks per job and agent, for limit constraints: job id to agent id to count. */
    public Map<Long, Map<String, Integer>> activeTasksPerAgent(Collection<Long> jobIds) {
        Map<Long, Map<String, Integer>> counts = new HashMap<>();
        if (jobIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("select job_id, agent_id, count(*) as n from task where agent_id is not null and state in "
                        + inList(TaskState.ON_AGENT) + " and job_id in (:jobs) group by job_id, agent_id")
                .param("jobs", jobIds)
                .query((ResultSet row) -> {
                    counts.computeIfAbsent(row.getLong("job_id"), j -> new HashMap<>())
                            .put(row.getString("agent_id"), row.getInt("n"));
                });
        return counts;
    }

    /** Count of tasks of a job per state (every generation). */
    public Map<TaskState, Integer> countByState(long jobId) {
        Map<TaskState, Integer> counts = new TreeMap<>();
        jdbc.sql("select state, count(*) as n from task where job_id = :job group by state")
                .param("job", jobId)
                .query((ResultSet row) -> {
                    counts.put(TaskState.valueOf(row.getString("state")), row.getInt("n"));
                });
        return counts;
    }

    /** An SQL list literal of state names, e.g. {@code ('PENDING', 'RUNNING')}: enum names only, never user input. */
    public static String inList(Set<TaskState> states) {
        StringBuilder list = new StringBuilder("(");
        for (TaskState state : EnumSet.copyOf(states)) {
            if (list.length() > 1) {
                list.append(", ");
            }
            list.append('\'').append(state.name()).append('\'');
        }
        return list.append(')').toString();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static Task map(ResultSet row, int rowNum) throws SQLException {
        return new Task(
                row.getString("task_id"),
                row.getLong("job_id"),
                new JobKey(row.getString("team"), row.getString("environment"), row.getString("name")),
                row.getInt("instance_id"),
                row.getLong("config_id"),
                TaskState.valueOf(row.getString("state")),
                row.getString("agent_id"),
                row.getString("hostname"),
                TaskPorts.fromJson(row.getString("ports")),
                row.getInt("failure_count"),
                row.getInt("flap_count"),
                row.getString("ancestor_id"),
                row.getString("pending_reason"),
                JdbcTime.fromDb(row, "throttled_until"),
                JdbcTime.fromDb(row, "state_changed_at"),
                JdbcTime.fromDb(row, "started_at"),
                JdbcTime.fromDb(row, "created_at"),
                row.getLong("version"));
    }
}
