package io.borealis.cluster.mesos;

import io.borealis.cluster.ClusterDriver;
import io.borealis.cluster.ClusterListener;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.TaskStatusUpdate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener that records what a driver reports and, like the scheduler, acknowledges each update
 * after "committing" it (when given the driver to acknowledge with).
 */
final class RecordingListener implements ClusterListener {

    final List<TaskStatusUpdate> updates = new CopyOnWriteArrayList<>();
    final List<String> lostAgents = new CopyOnWriteArrayList<>();
    final AtomicInteger resourcesChanged = new AtomicInteger();
    private volatile ClusterDriver acknowledgeWith;

    RecordingListener acknowledgingWith(ClusterDriver driver) {
        this.acknowledgeWith = driver;
        return this;
    }

    @Override
    public void onStatus(TaskStatusUpdate update) {
        updates.add(update);
        ClusterDriver driver = acknowledgeWith;
        if (driver != null) {
            driver.acknowledge(update);
        }
    }

    @Override
    public void onResourcesChanged() {
        resourcesChanged.incrementAndGet();
    }

    @Override
    public void onAgentLost(String agentId) {
        lostAgents.add(agentId);
    }

    List<TaskStatusUpdate> of(String taskId) {
        return updates.stream().filter(u -> u.taskId().equals(taskId)).toList();
    }

    List<ClusterTaskState> states(String taskId) {
        return of(taskId).stream().map(TaskStatusUpdate::state).toList();
    }

    TaskStatusUpdate last(String taskId) {
        List<TaskStatusUpdate> updates = of(taskId);
        return updates.isEmpty() ? null : updates.get(updates.size() - 1);
    }
}
