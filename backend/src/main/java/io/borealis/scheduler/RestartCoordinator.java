package io.borealis.scheduler;

import io.borealis.job.Job;
import io.borealis.job.JobRepository;
import io.borealis.persistence.JdbcTime;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rolling restarts, one batch at a time, kept in the database so that a restart of Borealis picks
 * them up where they were. A batch is done when each of its instances runs a task created after
 * the batch began (or is no longer wanted); then the next batch is restarted.
 */
@Component
public class RestartCoordinator {

    /** A restart in progress. */
    public record RestartProgress(
            List<Integer> currentBatch, List<Integer> remaining, int batchSize, String startedBy, Instant startedAt) {}

    private final JdbcClient jdbc;
    private final JobRepository jobs;
    private final TaskRepository tasks;
    private final TaskLifecycle lifecycle;
    private final Transactions transactions;
    private final Clock clock;

    public RestartCoordinator(
            JdbcClient jdbc,
            JobRepository jobs,
            TaskRepository tasks,
            TaskLifecycle lifecycle,
            Transactions transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.tasks = tasks;
        this.lifecycle = lifecycle;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Starts restarting {@code instances} of a locked job, {@code batchSize} at a time. */
    void start(Job job, List<Integer> instances, int batchSize, String by) {
        Instant now = clock.instant();
        List<Integer> batch = instances.subList(0, Math.min(batchSize, instances.size()));
        List<Integer> remaining = instances.subList(batch.size(), instances.size());
        jdbc.sql("delete from job_restart where job_id = :job")
                .param("job", job.id())
                .update();
        jdbc.sql(
                        "insert into job_restart (job_id, remaining, current_batch, batch_size, batch_started_at, started_by, started_at) "
                                + "values (:job, :remaining, :batch, :size, :now, :by, :now)")
                .param("job", job.id())
                .param("remaining", join(remaining))
                .param("batch", join(batch))
                .param("size", batchSize)
                .param("now", JdbcTime.toDb(now))
                .param("by", by)
                .update();
        restartBatch(job, batch, by);
    }

    /** The restart in progress for a job, if any. */
    public Optional<RestartProgress> progress(long jobId) {
        return jdbc.sql(
                        "select remaining, current_batch, batch_size, started_by, started_at from job_restart where job_id = :job")
                .param("job", jobId)
                .query((row, n) -> new RestartProgress(
                        split(row.getString("current_batch")),
                        split(row.getString("remaining")),
                        row.getInt("batch_size"),
                        row.getString("started_by"),
                        JdbcTime.fromDb(row, "started_at")))
                .optional();
    }

    /** Stops a job's restart (its current batch finishes on its own). */
    void cancel(long jobId) {
        jdbc.sql("delete from job_restart where job_id = :job")
                .param("job", jobId)
                .update();
    }

    /** Moves every restart on whose current batch is done. Called by the scheduling loop. */
    public void advance() {
        List<Long> jobIds =
                jdbc.sql("select job_id from job_restart").query(Long.class).list();
        for (long jobId : jobIds) {
            transactions.run(() -> advance(jobId));
        }
    }

    private void advance(long jobId) {
        Job job = jobs.lockById(jobId).orElse(null);
        var row = jdbc.sql(
                        "select remaining, current_batch, batch_size, batch_started_at, started_by from job_restart where job_id = :job")
                .param("job", jobId)
                .query((r, n) -> Map.of(
                        "remaining", r.getString("remaining"),
                        "batch", r.getString("current_batch"),
                        "size", r.getInt("batch_size"),
                        "since", JdbcTime.fromDb(r, "batch_started_at"),
                        "by", r.getString("started_by")))
                .optional();
        if (job == null || row.isEmpty() || !job.isActive()) {
            cancel(jobId);
            return;
        }
        Instant since = (Instant) row.get().get("since");
        List<Task> active = tasks.activeTasks(jobId);
        boolean batchDone = split((String) row.get().get("batch")).stream()
                .allMatch(instance -> instance >= job.instanceCount()
                        || active.stream()
                                .anyMatch(t -> t.instanceId() == instance
                                        && t.state() == TaskState.RUNNING
                                        && !t.createdAt().isBefore(since)));
        if (!batchDone) {
            return;
        }
        List<Integer> remaining = split((String) row.get().get("remaining"));
        if (remaining.isEmpty()) {
            cancel(jobId);
            lifecycle.notifyChanged(job);
            return;
        }
        int size = (Integer) row.get().get("size");
        List<Integer> next = remaining.subList(0, Math.min(size, remaining.size()));
        List<Integer> rest = remaining.subList(next.size(), remaining.size());
        jdbc.sql(
                        "update job_restart set remaining = :remaining, current_batch = :batch, batch_started_at = :now where job_id = :job")
                .param("remaining", join(rest))
                .param("batch", join(next))
                .param("now", JdbcTime.toDb(clock.instant()))
                .param("job", jobId)
                .update();
        restartBatch(job, next, (String) row.get().get("by"));
    }

    private void restartBatch(Job job, List<Integer> batch, String by) {
        for (Task task : tasks.activeTasks(job.id())) {
            if (batch.contains(task.instanceId())
                    && task.state().isOnAgent()
                    && task.state() != TaskState.RESTARTING
                    && task.state() != TaskState.KILLING) {
                lifecycle.apply(job, task, TaskState.RESTARTING, "Restarted by " + by + " (rolling restart)");
            }
        }
    }

    private static String join(List<Integer> instances) {
        return instances.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Integer> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(
                Arrays.stream(text.split(",")).map(Integer::valueOf).toList());
    }
}
