package io.borealis.cluster;

import java.time.Duration;
import java.util.List;

/**
 * A cluster that runs tasks. Lifecycle, in order:
 *
 * <ol>
 *   <li>{@link #start} once, with the listener that receives every status update and change; the
 *       driver connects (Mesos: subscribes) and recovers what it can of earlier runs.
 *   <li>{@link #reconcile} with every task the scheduler believes is live: the driver answers each
 *       through the listener (its current state, or LOST / GONE / UNKNOWN when it does not know it),
 *       so that nothing is run twice and nothing is forgotten after a restart.
 *   <li>Then, repeatedly and from one scheduler thread: {@link #offers} (free resources now),
 *       {@link #launch} on some offers and {@link #decline} of the others; {@link #kill} at any
 *       time. The scheduler persists a task (ASSIGNED, with its id) before it calls {@code launch}.
 *   <li>Every {@link TaskStatusUpdate} reaches {@link ClusterListener#onStatus}; the scheduler
 *       commits the new state and only then calls {@link #acknowledge} (a no-op for updates that
 *       do not {@linkplain TaskStatusUpdate#needsAcknowledgement() need one}).
 *   <li>{@link #stop} once. Running tasks keep running (they are adopted by the next start).
 * </ol>
 *
 * Status updates may come late, twice or out of order; the scheduler tolerates that. Calls may come
 * from several threads; implementations are thread-safe.
 */
public interface ClusterDriver {

    /** A short name for logs and the cluster page, e.g. {@code local} or {@code mesos}. */
    String name();

    /** Connects and starts delivering events to the listener. */
    void start(ClusterListener listener);

    /**
     * The resources that may be used now, one offer per agent (local) or as the master offered
     * them (Mesos). An offer is valid until launched on, declined, or rescinded.
     */
    List<ResourceOffer> offers();

    /** Launches tasks on the offer's agent, using the offer's resources. Unused resources return. */
    void launch(ResourceOffer offer, List<TaskLaunch> tasks);

    /** Gives back offers that this round did not use. */
    void decline(List<ResourceOffer> offers);

    /**
     * Tells the driver whether the scheduler has tasks waiting for resources. With {@code false} a
     * cluster that pushes offers may stop sending them (Mesos: SUPPRESS); {@code true} asks for them
     * again at once, also for agents declined a moment ago (Mesos: REVIVE). Call it whenever the
     * answer may have changed (a scheduling round that left nothing pending, new pending tasks); only
     * changes matter. Drivers start as if {@code true} was said, so a scheduler that never calls this
     * still gets every offer. The default does nothing (the local cluster has no offers to suppress).
     */
    default void wantOffers(boolean tasksPending) {}

    /** Stops a task: a polite signal first, a forced one after the grace period. */
    void kill(TaskRef task, Duration gracePeriod);

    /** Confirms that an update was committed, so the cluster may stop resending it. */
    void acknowledge(TaskStatusUpdate update);

    /** Asks for the current state of each task; answers arrive as status updates. */
    void reconcile(List<TaskRef> tasks);

    /** The agents with their capacity and allocation, for the cluster page. */
    List<AgentView> agents();

    /** How the connection to the cluster is doing, for the cluster page and metrics. */
    ClusterHealth health();

    /** Reads a task's stdout or stderr from an offset (tail: a negative offset counts from the end). */
    LogChunk readLog(TaskRef task, LogStream stream, long offset, int maxBytes);

    /** Disconnects; tasks keep running. */
    void stop();
}
