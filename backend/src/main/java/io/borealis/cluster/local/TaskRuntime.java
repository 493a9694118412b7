package io.borealis.cluster.local;

import io.borealis.cluster.TaskStatusUpdate;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link TaskProcess} of one driver run shares: time, the driver's threads, the killer
 * and prober, and where its status updates go.
 *
 * @param clock timestamps of updates and records
 * @param timer the driver's one scheduling thread: exits, kill escalation (short work only)
 * @param probes the health check threads (probes block up to their timeout)
 * @param killer kills process trees
 * @param prober runs health checks
 * @param events where updates and endings are handed to the driver
 * @param hostEnvironment Borealis's own environment, of which tasks get the harmless part
 */
record TaskRuntime(
        Clock clock,
        ScheduledExecutorService timer,
        ScheduledExecutorService probes,
        ProcessTreeKiller killer,
        HealthProber prober,
        Events events,
        Map<String, String> hostEnvironment) {

    /**
     * The timer as an executor for completion stages; work handed to it after the driver stopped is
     * dropped (the next start adopts the task and looks again).
     */
    Executor onTimer() {
        return command -> {
            try {
                timer.execute(command);
            } catch (RejectedExecutionException e) {
                // stopped: nobody listens any more
            }
        };
    }

    /** How a task tells the driver what happened. Called with the task's lock held, in order. */
    interface Events {

        /** Queue a status update for the listener. */
        void publish(TaskStatusUpdate update);

        /** The task ended and has reported its terminal state: free what it held. */
        void ended(TaskProcess task);
    }
}
