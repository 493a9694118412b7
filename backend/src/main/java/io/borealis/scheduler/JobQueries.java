package io.borealis.scheduler;

import io.borealis.job.Job;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobRepository;
import io.borealis.job.TaskConfig;
import io.borealis.job.Tier;
import io.borealis.persistence.JdbcTime;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-side queries for lists and pages, in as few round trips as the database allows. */
@Component
public class JobQueries {

    private final JdbcClient jdbc;
    private final JobRepository jobs;
    private final TaskRepository tasks;

    public JobQueries(JdbcClient jdbc, JobRepository jobs, TaskRepository tasks) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.tasks = tasks;
    }

    /** Every active job with its task counts by state. */
    public List<JobSummary> summaries() {
        Map<Long, Map<TaskState, Integer>> active = new HashMap<>();
        jdbc.sql("select t.job_id, t.state, count(*) as n from task t join job j on j.id = t.job_id "
                        + "where j.status = 'ACTIVE' and t.state in " + TaskRepository.inList(TaskState.ACTIVE)
                        + " group by t.job_id, t.state")
                .query((ResultSet row) -> {
                    active.computeIfAbsent(row.getLong("job_id"), id -> new EnumMap<>(TaskState.class))
                            .put(TaskState.valueOf(row.getString("state")), row.getInt("n"));
                });
        Map<Long, int[]> ended = new HashMap<>();
        jdbc.sql("select t.job_id, t.state, count(*) as n from task t join job j on j.id = t.job_id "
                        + "where j.status = 'ACTIVE' and t.state in ('FINISHED', 'FAILED') and not exists ("
                        + "select 1 from task later where later.job_id = t.job_id and later.instance_id = t.instance_id "
                        + "and (later.created_at > t.created_at or later.state in "
                        + TaskRepository.inList(TaskState.ACTIVE)
                        + ")) group by t.job_id, t.state")
                .query((ResultSet row) -> {
                    int[] counts = ended.computeIfAbsent(row.getLong("job_id"), id -> new int[2]);
                    counts[row.getString("state").equals("FINISHED") ? 0 : 1] = row.getInt("n");
                });
        List<JobSummary> summaries = new ArrayList<>();
        for (Job job : jobs.findAllActive()) {
            int[] done = ended.getOrDefault(job.id(), new int[2]);
            TaskConfig config = job.currentConfig();
            summaries.add(new JobSummary(
                    job.key(),
                    job.kind(),
                    config == null ? Tier.PREFERRED : config.tier(),
                    job.instanceCount(),
                    active.getOrDefault(job.id(), Map.of()),
                    done[0],
                    done[1],
                    job.updatedAt()));
        }
        return summaries;
    }

    /**
     * One page of active jobs with their task counts, filtered, sorted and paged by the database:
     * the page's rows are chosen first, then only their tasks are counted.
     *
     * @param teams the teams whose jobs may be listed, or empty for all teams
     */
    public List<JobSummary> page(
            JobFilter filter, JobSort sort, int offset, int limit, Optional<? extends Collection<String>> teams) {
        if (limit <= 0 || teams.map(Collection::isEmpty).orElse(false)) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, teams, params);
        boolean byCounts = sort.by() == JobSort.By.RUNNING || sort.by() == JobSort.By.PENDING;
        String counts = byCounts
                ? " left join (select job_id, sum(case when state = 'RUNNING' then 1 else 0 end) as running, "
                        + "sum(case when state in ('PENDING', 'THROTTLED') then 1 else 0 end) as pending "
                        + "from task where state in " + TaskRepository.inList(TaskState.ACTIVE)
                        + " group by job_id) c on c.job_id = j.id"
                : "";
        String direction = sort.descending() ? " desc" : " asc";
        String order = switch (sort.by()) {
            case KEY -> "j.team" + direction + ", j.environment" + direction + ", j.name" + direction;
            case KIND -> "j.kind" + direction;
            case INSTANCES -> "j.instance_count" + direction;
            case RUNNING -> "coalesce(c.running, 0)" + direction;
            case PENDING -> "coalesce(c.pending, 0)" + direction;
            case UPDATED -> "j.updated_at" + direction;
        };
        params.put("limit", limit);
        params.put("offset", Math.max(0, offset));
        record Row(long id, JobKey key, JobKind kind, int instances, long configId, Instant updatedAt) {}
        List<Row> rows = jdbc.sql("select j.id, j.team, j.environment, j.name, j.kind, j.instance_count, "
                        + "j.current_config_id, j.updated_at from job j" + counts + where + " order by " + order
                        + ", j.team, j.environment, j.name limit :limit offset :offset")
                .params(params)
                .query((row, n) -> new Row(
                        row.getLong("id"),
                        new JobKey(row.getString("team"), row.getString("environment"), row.getString("name")),
                        JobKind.valueOf(row.getString("kind")),
                        row.getInt("instance_count"),
                        row.getLong("current_config_id"),
                        JdbcTime.fromDb(row, "updated_at")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, Map<TaskState, Integer>> active = new HashMap<>();
        jdbc.sql("select job_id, state, count(*) as n from task where job_id in (:ids) and state in "
                        + TaskRepository.inList(TaskState.ACTIVE) + " group by job_id, state")
                .param("ids", ids)
                .query((ResultSet row) -> {
                    active.computeIfAbsent(row.getLong("job_id"), id -> new EnumMap<>(TaskState.class))
                            .put(TaskState.valueOf(row.getString("state")), row.getInt("n"));
                });
        Map<Long, int[]> ended = new HashMap<>();
        jdbc.sql("select t.job_id, t.state, count(*) as n from task t where t.job_id in (:ids) "
                        + "and t.state in ('FINISHED', 'FAILED') and " + notReplaced("t")
                        + " group by t.job_id, t.state")
                .param("ids", ids)
                .query((ResultSet row) -> {
                    int[] done = ended.computeIfAbsent(row.getLong("job_id"), id -> new int[2]);
                    done[row.getString("state").equals("FINISHED") ? 0 : 1] = row.getInt("n");
                });
        List<JobSummary> page = new ArrayList<>(rows.size());
        for (Row row : rows) {
            int[] done = ended.getOrDefault(row.id(), new int[2]);
            TaskConfig config = row.configId() == 0 ? null : jobs.config(row.configId());
            page.add(new JobSummary(
                    row.key(),
                    row.kind(),
                    config == null ? Tier.PREFERRED : config.tier(),
                    row.instances(),
                    active.getOrDefault(row.id(), Map.of()),
                    done[0],
                    done[1],
                    row.updatedAt()));
        }
        return page;
    }

    /** How many active jobs {@link #page} would list in all. */
    public int count(JobFilter filter, Optional<? extends Collection<String>> teams) {
        if (teams.map(Collection::isEmpty).orElse(false)) {
            return 0;
        }
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, teams, params);
        return jdbc.sql("select count(*) from job j" + where)
                .params(params)
                .query(Integer.class)
                .single();
    }

    /** The environments that active jobs use, alphabetically. */
    public List<String> environments(Optional<? extends Collection<String>> teams) {
        if (teams.map(Collection::isEmpty).orElse(false)) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        String where = where(JobFilter.ANY, teams, params);
        return jdbc.sql("select distinct j.environment from job j" + where + " order by j.environment")
                .params(params)
                .query(String.class)
                .list();
    }

    private static String where(
            JobFilter filter, Optional<? extends Collection<String>> teams, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where j.status = 'ACTIVE'");
        if (teams.isPresent()) {
            where.append(" and j.team in (:teams)");
            params.put("teams", List.copyOf(teams.get()));
        }
        if (filter.team() != null) {
            where.append(" and j.team = :team");
            params.put("team", filter.team());
        }
        if (filter.environment() != null) {
            where.append(" and j.environment = :environment");
            params.put("environment", filter.environment());
        }
        if (filter.name() != null) {
            where.append(" and lower(j.name) like :name escape '!'");
            params.put("name", "%" + likeEscaped(filter.name().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.state() != null) {
            where.append(" and exists (select 1 from task s where s.job_id = j.id and s.state = :state");
            if (!filter.state().isActive()) {
                where.append(" and ").append(notReplaced("s"));
            }
            where.append(")");
            params.put("state", filter.state().name());
        }
        return where.toString();
    }

    /** The task (alias {@code t}) is its instance's latest and no active task has taken its place. */
    private static String notReplaced(String t) {
        return "not exists (select 1 from task later where later.job_id = " + t + ".job_id and later.instance_id = "
                + t + ".instance_id and (later.created_at > " + t + ".created_at or later.state in "
                + TaskRepository.inList(TaskState.ACTIVE) + "))";
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The instances of a job: for each, its active task or else its latest one. */
    public List<InstanceView> instances(Job job) {
        Map<Integer, Task> current = new LinkedHashMap<>();
        for (Task task : tasks.allTasks(job.id())) {
            Task seen = current.get(task.instanceId());
            if (seen == null || !seen.state().isActive() || task.state().isActive()) {
                current.put(task.instanceId(), task);
            }
        }
        int highest = Math.max(
                job.instanceCount(),
                current.keySet().stream().mapToInt(i -> i + 1).max().orElse(0));
        List<InstanceView> instances = new ArrayList<>(highest);
        for (int instance = 0; instance < highest; instance++) {
            Task task = current.get(instance);
            boolean wanted = job.isActive() && instance < job.instanceCount();
            if (task != null || wanted) {
                instances.add(new InstanceView(instance, task, wanted));
            }
        }
        return instances;
    }
}
