package io.borealis.cluster;

/** Receives what a {@link ClusterDriver} learns. Called from the driver's threads. */
public interface ClusterListener {

    /** A task changed state (or a reconciliation answer arrived). */
    void onStatus(TaskStatusUpdate update);

    /** New resources may be available (an agent appeared, offers arrived, a task ended). */
    void onResourcesChanged();

    /** An agent is gone for good; its tasks are reported lost separately. */
    default void onAgentLost(String agentId) {}
}
