package io.borealis.scheduler;

import io.borealis.cluster.ClusterDriver;
import io.borealis.cluster.ClusterListener;
import io.borealis.cluster.TaskRef;
import io.borealis.cluster.TaskStatusUpdate;
import io.borealis.job.Job;
import io.borealis.job.JobRepository;
import io.borealis.job.TaskConfig;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import io.borealis.task.Transition;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies what the cluster reports. Each update is one transaction (job row locked, then the task
 * moved through {@link TaskLifecycle}); the update is acknowledged only after that commits, so a
 * crash before the commit makes the cluster send it again. Updates may be late, repeated or out of
 * order: those are ignored, never thrown. A task the cluster runs but Borealis does not know, or
 * considers ended, is killed: nothing runs twice.
 */
@Component
public class StatusUpdateHandler implements ClusterListener {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdateHandler.class);
    private static final Duration STRAY_KILL_GRACE = Duration.ofSeconds(5);

    private final Transactions transactions;
    private final TaskRepository tasks;
    private final JobRepository jobs;
    private final TaskLifecycle lifecycle;
    private final ClusterDriver driver;
    private final SchedulerWakeup wakeup;

    public StatusUpdateHandler(
            Transactions transactions,
            TaskRepository tasks,
            JobRepository jobs,
            TaskLifecycle lifecycle,
            ClusterDriver driver,
            SchedulerWakeup wakeup) {
        this.transactions = transactions;
        this.tasks = tasks;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.driver = driver;
        this.wakeup = wakeup;
    }

    @Override
    public void onStatus(TaskStatusUpdate update) {
        try {
            transactions.run(() -> apply(update));
        } catch (RuntimeException e) {
            log.error(
                    "Status update for {} ({}) could not be applied; it will be resent: {}",
                    update.taskId(),
                    update.state(),
                    e.getMessage(),
                    e);
        }
    }

    @Override
    public void onResourcesChanged() {
        wakeup.wake();
    }

    @Override
    public void onAgentLost(String agentId) {
        log.warn(
                "Agent {} is gone; its tasks are replaced as the cluster reports them lost, or once they have been"
                        + " unreachable for the partition timeout",
                agentId);
        wakeup.wake();
    }

    private void apply(TaskStatusUpdate update) {
        acknowledgeAfterCommit(update);
        Optional<Task> known = tasks.find(update.taskId());
        if (known.isEmpty()) {
            if (!update.state().isTerminal()) {
                log.warn("The cluster runs task {} that Borealis does not know; killing it", update.taskId());
                killStray(update);
            }
            return;
        }
        Job job = jobs.lockById(known.get().jobId()).orElseThrow();
        Task task = tasks.find(update.taskId()).orElseThrow();
        TaskConfig config = jobs.config(task.configId());
        Optional<TaskState> target = StatusMapping.target(update, config.healthCheck() != null);
        if (target.isEmpty()) {
            return;
        }
        TaskState to = target.get();
        if ((task.state() == TaskState.KILLING || task.state() == TaskState.RESTARTING) && !to.isTerminal()) {
            lifecycle.sendKill(task, config); // the cluster still runs what we asked to kill
            return;
        }
        if (task.state() == TaskState.ASSIGNED && to == TaskState.RUNNING && config.healthCheck() == null) {
            // a fast task may skip STARTING; record it for the timeline
            lifecycle.apply(job, task, TaskState.STARTING, "Starting");
            task = tasks.find(update.taskId()).orElseThrow();
        }
        Transition transition = lifecycle.apply(job, task, to, StatusMapping.message(update));
        if (transition.outcome() == Transition.Outcome.ILLEGAL) {
            if (task.state().isTerminal() && !update.state().isTerminal()) {
                log.warn(
                        "Task {} is {} in Borealis but the cluster reports {}; killing it",
                        task.taskId(),
                        task.state(),
                        update.state());
                killStray(update);
            } else {
                log.debug("Ignoring {} for task {} in state {}", update.state(), task.taskId(), task.state());
            }
        }
        if (to.isTerminal()) {
            AfterCommit.run(wakeup::wake); // resources were freed
        }
    }

    private void acknowledgeAfterCommit(TaskStatusUpdate update) {
        if (update.needsAcknowledgement()) {
            AfterCommit.run(() -> {
                try {
                    driver.acknowledge(update);
                } catch (RuntimeException e) {
                    log.warn(
                            "Acknowledgement of {} failed; the cluster will resend it: {}",
                            update.taskId(),
                            e.getMessage());
                }
            });
        }
    }

    private void killStray(TaskStatusUpdate update) {
        TaskRef ref = new TaskRef(update.taskId(), update.agentId());
        AfterCommit.run(() -> driver.kill(ref, STRAY_KILL_GRACE));
    }
}
