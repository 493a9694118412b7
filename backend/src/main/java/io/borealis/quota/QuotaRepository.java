package io.borealis.quota;

import io.borealis.job.JobRepository;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.persistence.JdbcTime;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code team_quota} table, and what a team's active tasks use. */
@Repository
public class QuotaRepository {

    private final JdbcClient jdbc;
    private final JobRepository jobs;

    public QuotaRepository(JdbcClient jdbc, JobRepository jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    public Optional<Quota> find(String team) {
        return jdbc.sql(
                        "select q.cpus, q.ram_mb, q.disk_mb, q.max_tasks from team_quota q join team t on t.id = q.team_id "
                                + "where t.slug = :team")
                .param("team", team)
                .query((row, n) -> new Quota(
                        new Resources(row.getDouble("cpus"), row.getLong("ram_mb"), row.getLong("disk_mb")),
                        (Integer) row.getObject("max_tasks", Integer.class)))
                .optional();
    }

    /** Every team's quota, by team slug. */
    public Map<String, Quota> findAll() {
        Map<String, Quota> all = new HashMap<>();
        jdbc.sql(
                        "select t.slug, q.cpus, q.ram_mb, q.disk_mb, q.max_tasks from team_quota q join team t on t.id = q.team_id")
                .query((ResultSet row) -> {
                    all.put(
                            row.getString("slug"),
                            new Quota(
                                    new Resources(row.getDouble("cpus"), row.getLong("ram_mb"), row.getLong("disk_mb")),
                                    (Integer) row.getObject("max_tasks", Integer.class)));
                });
        return all;
    }

    public void save(long teamId, Quota quota, String by, Instant now) {
        int updated = jdbc.sql(
                        "update team_quota set cpus = :cpus, ram_mb = :ram, disk_mb = :disk, max_tasks = :tasks, "
                                + "updated_at = :now, updated_by = :by where team_id = :team")
                .param("cpus", quota.resources().cpus())
                .param("ram", quota.resources().ramMb())
                .param("disk", quota.resources().diskMb())
                .param("tasks", quota.maxTasks())
                .param("now", JdbcTime.toDb(now))
                .param("by", by)
                .param("team", teamId)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into team_quota (team_id, cpus, ram_mb, disk_mb, max_tasks, updated_at, updated_by) "
                            + "values (:team, :cpus, :ram, :disk, :tasks, :now, :by)")
                    .param("team", teamId)
                    .param("cpus", quota.resources().cpus())
                    .param("ram", quota.resources().ramMb())
                    .param("disk", quota.resources().diskMb())
                    .param("tasks", quota.maxTasks())
                    .param("now", JdbcTime.toDb(now))
                    .param("by", by)
                    .update();
        }
    }

    /** Production and non-production use of a team's active tasks. */
    public TeamUse use(String team) {
        Usage production = Usage.NONE;
        Usage other = Usage.NONE;
        Map<Long, Integer> perConfig = new HashMap<>();
        jdbc.sql("select t.config_id, count(*) as n from task t join job j on j.id = t.job_id where j.team = :team "
                        + "and t.state in " + TaskRepository.inList(TaskState.ACTIVE) + " group by t.config_id")
                .param("team", team)
                .query((ResultSet row) -> {
                    perConfig.put(row.getLong("config_id"), row.getInt("n"));
                });
        for (var entry : perConfig.entrySet()) {
            TaskConfig config = jobs.config(entry.getKey());
            Usage usage = Usage.of(config.resources(), entry.getValue());
            if (config.tier().isProduction()) {
                production = production.plus(usage);
            } else {
                other = other.plus(usage);
            }
        }
        return new TeamUse(production, other);
    }

    /** A team's use, split by what counts against quota. */
    public record TeamUse(Usage production, Usage nonProduction) {}
}
