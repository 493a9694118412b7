package io.borealis.scheduler;

import io.borealis.job.Job;
import io.borealis.job.JobRepository;
import io.borealis.job.TaskConfig;
import io.borealis.job.Tier;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
