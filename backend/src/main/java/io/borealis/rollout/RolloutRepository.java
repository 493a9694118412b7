package io.borealis.rollout;

import io.borealis.job.JobKey;
import io.borealis.persistence.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code rollout}, {@code rollout_event}, {@code rollout_instance} and {@code
 * rollout_instance_event} tables. Writers hold the job's row lock (see {@code JobRepository.lock}),
 * so a rollout is changed by one transaction at a time.
 */
@Repository
public class RolloutRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "r.id, r.job_id, j.team, j.environment, j.name, r.status, r.settings, "
            + "r.to_config_id, r.from_config_ids, r.old_instance_count, r.new_instance_count, r.batch_index, "
            + "r.started_by, r.started_at, r.updated_at, r.finished_at, r.message";
    private static final String FROM = " from rollout r join job j on j.id = r.job_id";
    private static final String INSTANCE_COLUMNS =
            "instance_id, kind, from_config_id, batch_no, state, failures, task_id, phase_started_at, updated_at";
    private static final int MAX_MESSAGE = 2000;

    private final JdbcClient jdbc;

    public RolloutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new rollout (active) with its instances; returns its id. */
    public long insert(Rollout rollout, List<RolloutInstance> instances) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into rollout (job_id, active_job_id, status, settings, to_config_id, from_config_ids, "
                        + "old_instance_count, new_instance_count, batch_index, started_by, started_at, updated_at, message) "
                        + "values (:job, :job, :status, :settings, :to, :from, :old, :new, 0, :by, :at, :at, :message)")
                .param("job", rollout.jobId())
                .param("status", rollout.status().name())
                .param("settings", JSON.writeValueAsString(rollout.settings()))
                .param("to", rollout.toConfigId())
                .param(
                        "from",
                        rollout.fromConfigIds().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .param("old", rollout.oldInstanceCount())
                .param("new", rollout.newInstanceCount())
                .param("by", rollout.startedBy())
                .param("at", JdbcTime.toDb(rollout.startedAt()))
                .param("message", truncate(rollout.message()))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        for (RolloutInstance instance : instances) {
            jdbc.sql("insert into rollout_instance (rollout_id, " + INSTANCE_COLUMNS + ") values (:rollout, :instance, "
                            + ":kind, :from, :batch, :state, :failures, :task, :phase, :at)")
                    .param("rollout", id)
                    .param("instance", instance.instanceId())
                    .param("kind", instance.change().name())
                    .param("from", instance.fromConfigId())
                    .param("batch", instance.batch())
                    .param("state", instance.state().name())
                    .param("failures", instance.failures())
                    .param("task", instance.taskId())
                    .param("phase", JdbcTime.toDb(instance.phaseStartedAt()))
                    .param("at", JdbcTime.toDb(rollout.startedAt()))
                    .update();
        }
        return id;
    }

    public Optional<Rollout> find(long id) {
        return jdbc.sql("select " + COLUMNS + FROM + " where r.id = :id")
                .param("id", id)
                .query(RolloutRepository::map)
                .optional();
    }

    /** The job a rollout belongs to (read without decoding the rollout). */
    public long jobIdOf(long rolloutId) {
        return jdbc.sql("select job_id from rollout where id = :id")
                .param("id", rolloutId)
                .query(Long.class)
                .single();
    }

    /** A rollout's status (read without decoding the rollout). */
    public RolloutStatus statusOf(long rolloutId) {
        return RolloutStatus.valueOf(jdbc.sql("select status from rollout where id = :id")
                .param("id", rolloutId)
                .query(String.class)
                .single());
    }

    /** The job's active rollout, if any. */
    public Optional<Rollout> activeFor(long jobId) {
        return jdbc.sql("select " + COLUMNS + FROM + " where r.active_job_id = :job")
                .param("job", jobId)
                .query(RolloutRepository::map)
                .optional();
    }

    /** Ids of the rollouts the scheduler must move on (rolling forward or back), oldest first. */
    public List<Long> moving() {
        return jdbc.sql("select id from rollout where status in ('ROLLING_FORWARD', 'ROLLING_BACK') order by id")
                .query(Long.class)
                .list();
    }

    /** Rollouts matching a filter, newest first; {@code teams} (when not null) limits the teams. */
    public List<Rollout> list(RolloutFilter filter, Collection<String> teams) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (teams != null) {
            if (teams.isEmpty()) {
                return List.of();
            }
            where.append(" and j.team in (:teams)");
            params.put("teams", teams);
        }
        if (filter.team() != null) {
            where.append(" and j.team = :team");
            params.put("team", filter.team());
        }
        if (filter.job() != null) {
            where.append(" and j.team = :jobTeam and j.environment = :jobEnvironment and j.name = :jobName");
            params.put("jobTeam", filter.job().team());
            params.put("jobEnvironment", filter.job().environment());
            params.put("jobName", filter.job().name());
        }
        if (filter.startedBy() != null) {
            where.append(" and r.started_by = :by");
            params.put("by", filter.startedBy());
        }
        if (!filter.statuses().isEmpty()) {
            where.append(" and r.status in (:statuses)");
            params.put(
                    "statuses",
                    filter.statuses().stream().map(Enum::name).sorted().toList());
        }
        if (filter.startedFrom() != null) {
            where.append(" and r.started_at >= :from");
            params.put("from", JdbcTime.toDb(filter.startedFrom()));
        }
        if (filter.startedBefore() != null) {
            where.append(" and r.started_at < :before");
            params.put("before", JdbcTime.toDb(filter.startedBefore()));
        }
        params.put("limit", filter.limit());
        params.put("offset", filter.offset());
        return jdbc.sql("select " + COLUMNS + FROM + where + " order by r.id desc limit :limit offset :offset")
                .params(params)
                .query(RolloutRepository::map)
                .list();
    }

    /** Instance counts per rollout, for lists. */
    public Map<Long, RolloutProgress> progress(Collection<Long> rolloutIds) {
        Map<Long, int[]> counts = new HashMap<>();
        if (rolloutIds.isEmpty()) {
            return Map.of();
        }
        jdbc.sql("select rollout_id, state, count(*) as n from rollout_instance where rollout_id in (:ids) "
                        + "group by rollout_id, state")
                .param("ids", rolloutIds)
                .query((ResultSet row) -> {
                    int[] c = counts.computeIfAbsent(row.getLong("rollout_id"), id -> new int[6]);
                    int n = row.getInt("n");
                    c[0] += n;
                    switch (InstanceState.valueOf(row.getString("state"))) {
                        case PENDING -> c[1] += n;
                        case UPDATING, WAITING_HEALTHY, ROLLING_BACK -> c[2] += n;
                        case UPDATED -> c[3] += n;
                        case UPDATE_FAILED, ROLLBACK_FAILED -> c[4] += n;
                        case ROLLED_BACK -> c[5] += n;
                    }
                });
        Map<Long, RolloutProgress> progress = new HashMap<>();
        counts.forEach((id, c) -> progress.put(id, new RolloutProgress(c[0], c[1], c[2], c[3], c[4], c[5])));
        return progress;
    }

    /** The latest status message per rollout. */
    public Map<Long, String> latestMessages(Collection<Long> rolloutIds) {
        Map<Long, String> messages = new HashMap<>();
        if (rolloutIds.isEmpty()) {
            return messages;
        }
        jdbc.sql("select e.rollout_id, e.message from rollout_event e where e.rollout_id in (:ids) and e.id = "
                        + "(select max(l.id) from rollout_event l where l.rollout_id = e.rollout_id)")
                .param("ids", rolloutIds)
                .query((ResultSet row) -> {
                    messages.put(row.getLong("rollout_id"), row.getString("message"));
                });
        return messages;
    }

    /** Sets the status (and ends the rollout when the status is final). */
    public void updateStatus(long id, RolloutStatus status, Instant now) {
        jdbc.sql("update rollout set status = :status, updated_at = :now, version = version + 1"
                        + (status.isTerminal() ? ", finished_at = :now, active_job_id = null" : "")
                        + " where id = :id")
                .param("status", status.name())
                .param("now", JdbcTime.toDb(now))
                .param("id", id)
                .update();
    }

    public void updateBatchIndex(long id, int batchIndex, Instant now) {
        jdbc.sql("update rollout set batch_index = :batch, updated_at = :now, version = version + 1 where id = :id")
                .param("batch", batchIndex)
                .param("now", JdbcTime.toDb(now))
                .param("id", id)
                .update();
    }

    public void addEvent(long rolloutId, Instant at, RolloutStatus status, String actor, String message) {
        jdbc.sql("insert into rollout_event (rollout_id, at, status, actor, message) "
                        + "values (:rollout, :at, :status, :actor, :message)")
                .param("rollout", rolloutId)
                .param("at", JdbcTime.toDb(at))
                .param("status", status.name())
                .param("actor", actor)
                .param("message", truncate(message))
                .update();
    }

    public List<RolloutEvent> events(long rolloutId) {
        return jdbc.sql("select id, at, status, actor, message from rollout_event where rollout_id = :id order by id")
                .param("id", rolloutId)
                .query((row, n) -> new RolloutEvent(
                        row.getLong("id"),
                        JdbcTime.fromDb(row, "at"),
                        RolloutStatus.valueOf(row.getString("status")),
                        row.getString("actor"),
                        row.getString("message")))
                .list();
    }

    /** Every instance of a rollout, by instance id. */
    public List<RolloutInstance> instances(long rolloutId) {
        return jdbc.sql("select " + INSTANCE_COLUMNS
                        + " from rollout_instance where rollout_id = :id order by instance_id")
                .param("id", rolloutId)
                .query(RolloutRepository::mapInstance)
                .list();
    }

    /** Saves an instance's progress. */
    public void updateInstance(long rolloutId, RolloutInstance instance, Instant now) {
        jdbc.sql(
                        "update rollout_instance set state = :state, failures = :failures, task_id = :task, "
                                + "phase_started_at = :phase, updated_at = :now where rollout_id = :rollout and instance_id = :instance")
                .param("state", instance.state().name())
                .param("failures", instance.failures())
                .param("task", instance.taskId())
                .param("phase", JdbcTime.toDb(instance.phaseStartedAt()))
                .param("now", JdbcTime.toDb(now))
                .param("rollout", rolloutId)
                .param("instance", instance.instanceId())
                .update();
    }

    public void addInstanceEvent(
            long rolloutId, int instanceId, Instant at, InstanceState state, String taskId, String message) {
        jdbc.sql("insert into rollout_instance_event (rollout_id, instance_id, at, state, task_id, message) "
                        + "values (:rollout, :instance, :at, :state, :task, :message)")
                .param("rollout", rolloutId)
                .param("instance", instanceId)
                .param("at", JdbcTime.toDb(at))
                .param("state", state.name())
                .param("task", taskId)
                .param("message", truncate(message))
                .update();
    }

    public List<InstanceEvent> instanceEvents(long rolloutId) {
        return jdbc.sql("select id, instance_id, at, state, task_id, message from rollout_instance_event "
                        + "where rollout_id = :id order by id")
                .param("id", rolloutId)
                .query((row, n) -> new InstanceEvent(
                        row.getLong("id"),
                        row.getInt("instance_id"),
                        JdbcTime.fromDb(row, "at"),
                        InstanceState.valueOf(row.getString("state")),
                        row.getString("task_id"),
                        row.getString("message")))
                .list();
    }

    /** Removes rollouts that ended before {@code cutoff}, with their events; returns how many. */
    public int deleteFinishedBefore(Instant cutoff) {
        return jdbc.sql("delete from rollout where finished_at is not null and finished_at < :cutoff")
                .param("cutoff", JdbcTime.toDb(cutoff))
                .update();
    }

    private static Rollout map(ResultSet row, int rowNum) throws SQLException {
        String from = row.getString("from_config_ids");
        List<Long> fromIds = from == null || from.isBlank()
                ? List.of()
                : new ArrayList<>(
                        Arrays.stream(from.split(",")).map(Long::valueOf).toList());
        return new Rollout(
                row.getLong("id"),
                row.getLong("job_id"),
                new JobKey(row.getString("team"), row.getString("environment"), row.getString("name")),
                RolloutStatus.valueOf(row.getString("status")),
                JSON.readValue(row.getString("settings"), RolloutSettings.class),
                row.getLong("to_config_id"),
                fromIds,
                row.getInt("old_instance_count"),
                row.getInt("new_instance_count"),
                row.getInt("batch_index"),
                row.getString("started_by"),
                JdbcTime.fromDb(row, "started_at"),
                JdbcTime.fromDb(row, "updated_at"),
                JdbcTime.fromDb(row, "finished_at"),
                row.getString("message"));
    }

    private static RolloutInstance mapInstance(ResultSet row, int rowNum) throws SQLException {
        long from = row.getLong("from_config_id");
        Long fromConfig = row.wasNull() ? null : from;
        return new RolloutInstance(
                row.getInt("instance_id"),
                InstanceChange.valueOf(row.getString("kind")),
                fromConfig,
                row.getInt("batch_no"),
                InstanceState.valueOf(row.getString("state")),
                row.getInt("failures"),
                row.getString("task_id"),
                JdbcTime.fromDb(row, "phase_started_at"),
                JdbcTime.fromDb(row, "updated_at"));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
