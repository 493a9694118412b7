package io.borealis.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.job.JobKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's instance count when a rollout stops part-way (aborted, failed): it covers what has tasks. */
class RolloutCountTest {

    @Test
    void addedInstancesCountOnceStartedAndRemovedOnesUntilStarted() {
        Rollout rollout = rollout(4);
        // 4 -> 2: removing 2 and 3; instance 2 is being removed, 3 not yet
        assertThat(RolloutCoordinator.countNow(
                        rollout,
                        List.of(
                                instance(2, InstanceChange.REMOVE, InstanceState.UPDATING),
                                instance(3, InstanceChange.REMOVE, InstanceState.PENDING))))
                .isEqualTo(4);
        assertThat(RolloutCoordinator.countNow(
                        rollout,
                        List.of(
                                instance(2, InstanceChange.REMOVE, InstanceState.UPDATED),
                                instance(3, InstanceChange.REMOVE, InstanceState.UPDATING))))
                .isEqualTo(2);
        // 4 -> 6: instance 4 added, 5 not yet; then rolled back
        assertThat(RolloutCoordinator.countNow(
                        rollout,
                        List.of(
                                instance(4, InstanceChange.ADD, InstanceState.WAITING_HEALTHY),
                                instance(5, InstanceChange.ADD, InstanceState.PENDING))))
                .isEqualTo(5);
        assertThat(RolloutCoordinator.countNow(
                        rollout,
                        List.of(
                                instance(4, InstanceChange.ADD, InstanceState.ROLLING_BACK),
                                instance(5, InstanceChange.ADD, InstanceState.PENDING))))
                .isEqualTo(4);
        // a removed instance re-added by a rollback counts again
        assertThat(RolloutCoordinator.countNow(
                        rollout, List.of(instance(3, InstanceChange.REMOVE, InstanceState.ROLLING_BACK))))
                .isEqualTo(4);
    }

    private static Rollout rollout(int oldCount) {
        return new Rollout(
                1,
                1,
                new JobKey("team", "prod", "web"),
                RolloutStatus.ABORTED,
                RolloutSettings.batches(1),
                2,
                List.of(1L),
                oldCount,
                oldCount,
                0,
                "dana",
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                null);
    }

    private static RolloutInstance instance(int id, InstanceChange change, InstanceState state) {
        return new RolloutInstance(id, change, change == InstanceChange.ADD ? null : 1L, 0, state, 0, null, null, null);
    }
}
