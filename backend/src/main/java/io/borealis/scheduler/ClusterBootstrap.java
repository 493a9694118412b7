package io.borealis.scheduler;

import io.borealis.cluster.ClusterDriver;
import io.borealis.cluster.TaskRef;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Brings the scheduler up once the application context is ready, and down before it closes:
 * starts the cluster driver, reconciles every task Borealis believes is on an agent (running
 * tasks are adopted, vanished ones reported lost and replaced: nothing is lost or run twice), then
 * starts the scheduling loop. On shutdown the loop stops and the driver disconnects; tasks keep
 * running for the next start to adopt.
 */
@Component
public class ClusterBootstrap implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterBootstrap.class);

    private final ClusterDriver driver;
    private final StatusUpdateHandler handler;
    private final TaskRepository tasks;
    private final SchedulerLoop loop;
    private final SchedulerProperties properties;
    private volatile boolean running;

    public ClusterBootstrap(
            ClusterDriver driver,
            StatusUpdateHandler handler,
            TaskRepository tasks,
            SchedulerLoop loop,
            SchedulerProperties properties) {
        this.driver = driver;
        this.handler = handler;
        this.tasks = tasks;
        this.loop = loop;
        this.properties = properties;
    }

    @Override
    public void start() {
        driver.start(handler);
        reconcile();
        if (properties.enabled()) {
            loop.start();
        }
        running = true;
        log.info("Scheduler started on the {} cluster", driver.name());
    }

    /** Asks the cluster about every task Borealis believes is on an agent. */
    public void reconcile() {
        List<Task> live = tasks.inStates(TaskState.ON_AGENT, Integer.MAX_VALUE);
        if (!live.isEmpty()) {
            log.info("Reconciling {} tasks with the {} cluster", live.size(), driver.name());
            driver.reconcile(
                    live.stream().map(t -> new TaskRef(t.taskId(), t.agentId())).toList());
        }
    }

    @Override
    public void stop() {
        loop.stop();
        driver.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Late start, early stop: after the database and web server, before them on the way down. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
