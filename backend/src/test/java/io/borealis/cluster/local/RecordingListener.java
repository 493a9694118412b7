package io.borealis.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.cluster.ClusterListener;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.TaskStatusUpdate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/** Records what a driver reports, and checks that it never calls two at once. */
final class RecordingListener implements ClusterListener {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<TaskStatusUpdate> updates = new CopyOnWriteArrayList<>();
    private final AtomicInteger resourceChanges = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onStatus(TaskStatusUpdate update) {
        enter();
        try {
            updates.add(update);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void onResourcesChanged() {
        enter();
        try {
            resourceChanges.incrementAndGet();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void enter() {
        threads.add(Thread.currentThread().getName());
        if (inFlight.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
    }

    List<TaskStatusUpdate> updates(String taskId) {
        return updates.stream().filter(update -> update.taskId().equals(taskId)).toList();
    }

    List<ClusterTaskState> states(String taskId) {
        return updates(taskId).stream().map(TaskStatusUpdate::state).toList();
    }

    /** Waits for the task's first update in this state. */
    TaskStatusUpdate await(String taskId, ClusterTaskState state) {
        Awaitility.await()
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(states(taskId)).contains(state));
        return updates(taskId).stream()
                .filter(update -> update.state() == state)
                .findFirst()
                .orElseThrow();
    }

    /** Waits for the task's first terminal update. */
    TaskStatusUpdate awaitEnd(String taskId) {
        Awaitility.await()
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(states(taskId)).anyMatch(ClusterTaskState::isTerminal));
        return updates(taskId).stream()
                .filter(update -> update.state().isTerminal())
                .findFirst()
                .orElseThrow();
    }

    int resourceChanges() {
        return resourceChanges.get();
    }

    int overlaps() {
        return overlaps.get();
    }

    List<String> threads() {
        return threads;
    }
}
