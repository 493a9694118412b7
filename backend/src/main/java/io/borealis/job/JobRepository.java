package io.borealis.job;

import io.borealis.job.spec.JobSpecFormat;
import io.borealis.persistence.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code job} and {@code task_config} tables. Task configurations are immutable, so they are
 * cached by id once read.
 */
@Repository
public class JobRepository {

    private static final String JOB_COLUMNS = "j.id, j.team, j.environment, j.name, j.kind, j.instance_count, "
            + "j.current_config_id, j.status, j.created_at, j.created_by, j.updated_at, j.version";

    private final JdbcClient jdbc;
    private final Map<Long, TaskConfig> configs = new ConcurrentHashMap<>();

    public JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Job> find(JobKey key) {
        return jdbc.sql("select " + JOB_COLUMNS
                        + " from job j where j.team = :team and j.environment = :environment and j.name = :name")
                .param("team", key.team())
                .param("environment", key.environment())
                .param("name", key.name())
                .query(this::map)
                .optional();
    }

    public Optional<Job> findById(long id) {
        return jdbc.sql("select " + JOB_COLUMNS + " from job j where j.id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /**
     * Locks the job's row until the transaction ends and returns it: every command that changes a
     * job or its tasks takes this lock first, so commands on one job run one at a time.
     */
    public Optional<Job> lock(JobKey key) {
        return jdbc.sql("select " + JOB_COLUMNS + " from job j where j.team = :team and j.environment = :environment "
                        + "and j.name = :name for update")
                .param("team", key.team())
                .param("environment", key.environment())
                .param("name", key.name())
                .query(this::map)
                .optional();
    }

    /** Locks a job's row by id (see {@link #lock(JobKey)}). */
    public Optional<Job> lockById(long id) {
        return jdbc.sql("select " + JOB_COLUMNS + " from job j where j.id = :id for update")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    public List<Job> findAllActive() {
        return jdbc.sql("select " + JOB_COLUMNS
                        + " from job j where j.status = 'ACTIVE' order by j.team, j.environment, j.name")
                .query(this::map)
                .list();
    }

    /** Inserts a job (without a config yet); returns its id. */
    public long insert(JobKey key, JobKind kind, int instances, String createdBy, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(
                        "insert into job (team, environment, name, kind, instance_count, status, created_at, created_by, updated_at) "
                                + "values (:team, :environment, :name, :kind, :instances, 'ACTIVE', :now, :by, :now)")
                .param("team", key.team())
                .param("environment", key.environment())
                .param("name", key.name())
                .param("kind", kind.name())
                .param("instances", instances)
                .param("now", JdbcTime.toDb(now))
                .param("by", createdBy)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Stores a configuration version for the job (or reuses an identical one); returns its id. */
    public long saveConfig(long jobId, TaskConfig config, Instant now) {
        String fingerprint = JobSpecFormat.fingerprint(config);
        Optional<Long> existing = jdbc.sql(
                        "select id from task_config where job_id = :job and fingerprint = :fingerprint")
                .param("job", jobId)
                .param("fingerprint", fingerprint)
                .query(Long.class)
                .optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(
                        "insert into task_config (job_id, spec, fingerprint, created_at) values (:job, :spec, :fingerprint, :now)")
                .param("job", jobId)
                .param("spec", JobSpecFormat.storedJson(config))
                .param("fingerprint", fingerprint)
                .param("now", JdbcTime.toDb(now))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        configs.put(id, config);
        return id;
    }

    public TaskConfig config(long configId) {
        return configs.computeIfAbsent(
                configId,
                id -> jdbc.sql("select spec from task_config where id = :id")
                        .param("id", id)
                        .query((row, n) -> JobSpecFormat.fromStoredJson(row.getString("spec")))
                        .single());
    }

    /** Sets what the job should run from now on. */
    public void update(long jobId, JobKind kind, int instances, long configId, JobStatus status, Instant now) {
        jdbc.sql(
                        "update job set kind = :kind, instance_count = :instances, current_config_id = :config, status = :status, "
                                + "updated_at = :now, version = version + 1 where id = :id")
                .param("kind", kind.name())
                .param("instances", instances)
                .param("config", configId)
                .param("status", status.name())
                .param("now", JdbcTime.toDb(now))
                .param("id", jobId)
                .update();
    }

    public void updateInstanceCount(long jobId, int instances, Instant now) {
        jdbc.sql("update job set instance_count = :instances, updated_at = :now, version = version + 1 where id = :id")
                .param("instances", instances)
                .param("now", JdbcTime.toDb(now))
                .param("id", jobId)
                .update();
    }

    public void updateStatus(long jobId, JobStatus status, Instant now) {
        jdbc.sql("update job set status = :status, updated_at = :now, version = version + 1 where id = :id")
                .param("status", status.name())
                .param("now", JdbcTime.toDb(now))
                .param("id", jobId)
                .update();
    }

    private Job map(ResultSet row, int rowNum) throws SQLException {
        long configId = row.getLong("current_config_id");
        return new Job(
                row.getLong("id"),
                new JobKey(row.getString("team"), row.getString("environment"), row.getString("name")),
                JobKind.valueOf(row.getString("kind")),
                row.getInt("instance_count"),
                configId,
                configId == 0 ? null : config(configId),
                JobStatus.valueOf(row.getString("status")),
                JdbcTime.fromDb(row, "created_at"),
                row.getString("created_by"),
                JdbcTime.fromDb(row, "updated_at"),
                row.getLong("version"));
    }
}
