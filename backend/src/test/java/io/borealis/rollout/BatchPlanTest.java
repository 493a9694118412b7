package io.borealis.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.rollout.InstanceState.Phase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batching strategies, the add-change-remove order, canary subsets and the rollback order. */
class BatchPlanTest {

    private static final long OLD = 1;
    private static final long NEW = 2;

    @Test
    void fixedBatchesCutTheOrderIntoEqualParts() {
        BatchPlan plan = BatchPlan.forward(changeAll(7), RolloutSettings.batches(3));
        assertThat(plan.batches()).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
        assertThat(plan.batchCount()).isEqualTo(3);
        assertThat(plan.batchOf(4)).isEqualTo(1);
        assertThat(plan.batchOf(99)).isEqualTo(-1);
    }

    @Test
    void variableBatchesRepeatTheLastSize() {
        BatchPlan plan = BatchPlan.forward(changeAll(60), RolloutSettings.variableBatches(1, 5, 20));
        assertThat(plan.batches()).extracting(List::size).containsExactly(1, 5, 20, 20, 14);
        assertThat(plan.batches().get(0)).containsExactly(0);
        assertThat(plan.batches().get(1)).containsExactly(1, 2, 3, 4, 5);
        assertThat(plan.batches().get(2).getFirst()).isEqualTo(6);
        assertThat(plan.order()).containsExactlyElementsOf(range(0, 60));
    }

    @Test
    void variableBatchesStopWhenInstancesRunOut() {
        BatchPlan plan = BatchPlan.forward(changeAll(4), RolloutSettings.variableBatches(1, 5, 20));
        assertThat(plan.batches()).containsExactly(List.of(0), List.of(1, 2, 3));
    }

    @Test
    void aBatchLargerThanTheJobIsOneBatch() {
        assertThat(BatchPlan.forward(changeAll(3), RolloutSettings.batches(10)).batches())
                .containsExactly(List.of(0, 1, 2));
    }

    @Test
    void instancesAreAddedFirstThenChangedThenRemovedEachAscending() {
        // shrink then grow: 5 -> 3 with one missing instance to add
        Map<Integer, Long> current = Map.of(0, OLD, 1, NEW, 3, OLD, 4, OLD);
        JobDiff diff = JobDiff.between(current, 5, NEW, 3, Set.of());
        assertThat(diff.add()).containsExactly(2);
        assertThat(diff.change()).containsOnlyKeys(0);
        assertThat(diff.remove()).containsOnlyKeys(3, 4);
        assertThat(diff.unchanged()).containsExactly(1);
        assertThat(BatchPlan.forwardOrder(diff)).containsExactly(2, 0, 3, 4);
        assertThat(BatchPlan.forward(diff, RolloutSettings.batches(2)).batches())
                .containsExactly(List.of(2, 0), List.of(3, 4));

        JobDiff growing = JobDiff.between(Map.of(0, OLD, 1, OLD), 2, NEW, 4, Set.of());
        assertThat(BatchPlan.forwardOrder(growing)).containsExactly(2, 3, 0, 1);
    }

    @Test
    void canaryInstancesAreTheOnlyOnesPlanned() {
        JobDiff diff = JobDiff.between(configs(6, OLD), 6, NEW, 6, Set.of(0, 1));
        BatchPlan plan = BatchPlan.forward(diff, RolloutSettings.batches(1));
        assertThat(plan.batches()).containsExactly(List.of(0), List.of(1));
        assertThat(diff.unchanged()).containsExactly(2, 3, 4, 5);

        // a second canary over the remaining instances leaves the first ones alone
        Map<Integer, Long> afterCanary = new HashMap<>(configs(6, OLD));
        afterCanary.put(0, NEW);
        afterCanary.put(1, NEW);
        JobDiff rest = JobDiff.between(afterCanary, 6, NEW, 6, Set.of());
        assertThat(BatchPlan.forward(rest, RolloutSettings.batches(2)).batches())
                .containsExactly(List.of(2, 3), List.of(4, 5));
    }

    @Test
    void aSlidingWindowKeepsUpToNInFlight() {
        BatchPlan plan = BatchPlan.forward(changeAll(6), RolloutSettings.slidingWindow(2));
        Map<Integer, Phase> phases = phases(6, Phase.NOT_STARTED);

        assertThat(plan.next(phases::get).start()).containsExactly(0, 1);
        phases.put(0, Phase.IN_FLIGHT);
        phases.put(1, Phase.IN_FLIGHT);
        assertThat(plan.next(phases::get).start()).isEmpty();
        // one finishes: the next one starts at once, without waiting for the other
        phases.put(0, Phase.FINISHED);
        assertThat(plan.next(phases::get).start()).containsExactly(2);
        phases.put(2, Phase.IN_FLIGHT);
        phases.put(1, Phase.FINISHED);
        phases.put(2, Phase.FINISHED);
        assertThat(plan.next(phases::get).start()).containsExactly(3, 4);
        phases.replaceAll((i, p) -> Phase.FINISHED);
        assertThat(plan.next(phases::get).finished()).isTrue();
    }

    @Test
    void batchesWaitForTheWholeBatch() {
        BatchPlan plan = BatchPlan.forward(changeAll(5), RolloutSettings.batches(2));
        Map<Integer, Phase> phases = phases(5, Phase.NOT_STARTED);

        BatchPlan.Step first = plan.next(phases::get);
        assertThat(first.start()).containsExactly(0, 1);
        assertThat(first.batch()).isZero();
        phases.put(0, Phase.FINISHED);
        phases.put(1, Phase.IN_FLIGHT);
        assertThat(plan.next(phases::get).start()).isEmpty();
        assertThat(plan.next(phases::get).batch()).isZero();
        phases.put(1, Phase.FINISHED);
        BatchPlan.Step second = plan.next(phases::get);
        assertThat(second.start()).containsExactly(2, 3);
        assertThat(second.batch()).isEqualTo(1);
        phases.put(2, Phase.FINISHED);
        phases.put(3, Phase.FINISHED);
        assertThat(plan.next(phases::get).start()).containsExactly(4);
        phases.put(4, Phase.FINISHED);
        BatchPlan.Step done = plan.next(phases::get);
        assertThat(done.finished()).isTrue();
        assertThat(done.start()).isEmpty();
    }

    @Test
    void rollbackReversesTheBatchesAndTheirOrderAndSkipsUntouchedInstances() {
        Map<Integer, Long> current = Map.of(0, OLD, 1, OLD, 2, OLD, 3, OLD, 4, OLD);
        // 5 -> 6 instances: add 5, change 0-4
        JobDiff diff = JobDiff.between(current, 5, NEW, 6, Set.of());
        BatchPlan forward = BatchPlan.forward(diff, RolloutSettings.batches(2));
        assertThat(forward.batches()).containsExactly(List.of(5, 0), List.of(1, 2), List.of(3, 4));

        // the third batch never started
        BatchPlan back = forward.rollback(i -> i != 3 && i != 4);
        assertThat(back.batches()).containsExactly(List.of(2, 1), List.of(0, 5));
        assertThat(back.order()).containsExactly(2, 1, 0, 5);
    }

    @Test
    void rollbackOfVariableBatchesUndoesTheBiggestLastBatchFirst() {
        BatchPlan forward = BatchPlan.forward(changeAll(8), RolloutSettings.variableBatches(1, 2, 5));
        BatchPlan back = forward.rollback(i -> i < 6);
        assertThat(back.batches()).containsExactly(List.of(5, 4, 3), List.of(2, 1), List.of(0));
    }

    @Test
    void rollbackOfASlidingWindowKeepsTheWindowOverTheReversedOrder() {
        BatchPlan forward = BatchPlan.forward(changeAll(5), RolloutSettings.slidingWindow(2));
        BatchPlan back = forward.rollback(i -> i <= 3);
        assertThat(back.order()).containsExactly(3, 2, 1, 0);
        Map<Integer, Phase> phases = phases(4, Phase.NOT_STARTED);
        assertThat(back.next(phases::get).start()).containsExactly(3, 2);
    }

    @Test
    void aStoredPlanIsRebuiltExactly() {
        BatchPlan plan = BatchPlan.forward(changeAll(9), RolloutSettings.variableBatches(2, 3));
        BatchPlan stored = BatchPlan.stored(RolloutSettings.variableBatches(2, 3), plan.batches());
        assertThat(stored.batches()).isEqualTo(plan.batches());
        assertThat(stored.order()).isEqualTo(plan.order());
    }

    @Test
    void nothingToDoIsFinishedAtOnce() {
        BatchPlan plan = BatchPlan.of(RolloutSettings.batches(3), List.of());
        assertThat(plan.batchCount()).isZero();
        assertThat(plan.next(i -> Phase.NOT_STARTED).finished()).isTrue();
    }

    private static JobDiff changeAll(int instances) {
        return JobDiff.between(configs(instances, OLD), instances, NEW, instances, Set.of());
    }

    private static Map<Integer, Long> configs(int instances, long config) {
        Map<Integer, Long> configs = new HashMap<>();
        for (int i = 0; i < instances; i++) {
            configs.put(i, config);
        }
        return configs;
    }

    private static Map<Integer, Phase> phases(int instances, Phase phase) {
        Map<Integer, Phase> phases = new HashMap<>();
        for (int i = 0; i < instances; i++) {
            phases.put(i, phase);
        }
        return phases;
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }
}
