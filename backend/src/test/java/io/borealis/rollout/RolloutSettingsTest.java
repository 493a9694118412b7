package io.borealis.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Settings validation, on their own and for a given rollout, with messages that name the field. */
class RolloutSettingsTest {

    @Test
    void theDefaultsAreValid() {
        assertThat(RolloutSettings.batches(1).problems()).isEmpty();
        assertThat(RolloutSettings.variableBatches(1, 5, 20).problems()).isEmpty();
        assertThat(RolloutSettings.slidingWindow(3).problems()).isEmpty();
        RolloutSettings defaults = RolloutSettings.batches(1);
        assertThat(defaults.minWaitSeconds()).isEqualTo(45);
        assertThat(defaults.rollbackOnFailure()).isTrue();
        assertThat(defaults.maxFailedInstances()).isZero();
        assertThat(defaults.maxFailuresPerInstance()).isZero();
    }

    @Test
    void everyBadFieldIsNamedWithWhatIsAllowed() {
        RolloutSettings bad = new RolloutSettings(
                RolloutSettings.Strategy.FIXED,
                Arrays.asList(0, null),
                -1,
                -1,
                -1,
                true,
                new java.util.TreeSet<>(Set.of(-2)),
                false,
                new java.util.TreeSet<>(Set.of(0)));
        assertThat(bad.problems())
                .extracting(FieldProblem::toString)
                .containsExactly(
                        "settings.batchSizes: takes a single size unless the strategy is VARIABLE",
                        "settings.batchSizes[0]: must be between 1 and 10000 instances",
                        "settings.batchSizes[1]: must be between 1 and 10000 instances",
                        "settings.minWaitSeconds: must be between 0 and 86400 seconds",
                        "settings.maxFailuresPerInstance: must be between 0 and 100",
                        "settings.maxFailedInstances: must not be negative",
                        "settings.onlyInstances: instances are numbered from 0",
                        "settings.pauseAfterBatches: batches are counted from 1");
    }

    @Test
    void aStrategyAndASizeAreRequired() {
        RolloutSettings none = new RolloutSettings(null, List.of(), 0, 0, 0, true, null, false, null);
        assertThat(none.problems())
                .extracting(FieldProblem::toString)
                .containsExactly(
                        "settings.strategy: is required: FIXED, VARIABLE or SLIDING_WINDOW",
                        "settings.batchSizes: needs a size");
    }

    @Test
    void aSlidingWindowHasNoCheckpoints() {
        assertThat(RolloutSettings.slidingWindow(2)
                        .withPauseAfterEachBatch(true)
                        .problems())
                .extracting(FieldProblem::field)
                .containsExactly("settings.pauseAfterBatches");
        assertThat(RolloutSettings.slidingWindow(2)
                        .withPauseAfterEachBatch(true)
                        .pausesAfter(1))
                .isFalse();
    }

    @Test
    void checkpointsMustBeRealBatchesButNotTheLast() {
        JobDiff diff = changeAll(6);
        RolloutSettings settings = RolloutSettings.batches(2).withPauseAfterBatches(1, 3, 4);
        assertThat(settings.problemsFor(diff, BatchPlan.forward(diff, settings)))
                .extracting(FieldProblem::toString)
                .containsExactly(
                        "settings.pauseAfterBatches: batch 3 is the last one: the rollout finishes after it",
                        "settings.pauseAfterBatches: batch 4 does not exist: this rollout has 3 batches");
        RolloutSettings ok = RolloutSettings.batches(2).withPauseAfterBatches(1, 2);
        assertThat(ok.problemsFor(diff, BatchPlan.forward(diff, ok))).isEmpty();
        assertThat(ok.pausesAfter(1)).isTrue();
        assertThat(ok.pausesAfter(3)).isFalse();
        assertThat(RolloutSettings.batches(2).withPauseAfterEachBatch(true).pausesAfter(7))
                .isTrue();
    }

    @Test
    void theFailureLimitMustBeBelowTheInstancesTouched() {
        JobDiff diff = changeAll(3);
        RolloutSettings settings = RolloutSettings.batches(1).withFailureLimits(0, 3);
        assertThat(settings.problemsFor(diff, BatchPlan.forward(diff, settings)))
                .extracting(FieldProblem::toString)
                .containsExactly(
                        "settings.maxFailedInstances: must be less than the 3 instances this rollout changes, or failures could never stop it");
        RolloutSettings two = RolloutSettings.batches(1).withFailureLimits(0, 2);
        assertThat(two.problemsFor(diff, BatchPlan.forward(diff, two))).isEmpty();
    }

    @Test
    void canaryInstancesMustExist() {
        JobDiff diff = JobDiff.between(configs(3), 3, 2, 5, Set.of(0, 9));
        RolloutSettings settings = RolloutSettings.batches(1).withOnlyInstances(Set.of(0, 9));
        assertThat(settings.problemsFor(diff, BatchPlan.forward(diff, settings)))
                .extracting(FieldProblem::toString)
                .containsExactly(
                        "settings.onlyInstances: instance 9 does not exist: the job has instances 0 to 2 (0 to 4 after the rollout)");
    }

    @Test
    void settingsSurviveAJsonRoundTrip() {
        RolloutSettings settings = RolloutSettings.variableBatches(1, 5, 20)
                .withMinWaitSeconds(3)
                .withFailureLimits(2, 1)
                .withRollbackOnFailure(false)
                .withOnlyInstances(Set.of(3, 1))
                .withPauseAfterBatches(2);
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readValue(json.writeValueAsString(settings), RolloutSettings.class))
                .isEqualTo(settings);
        assertThat(settings.minWait()).hasSeconds(3);
    }

    @Test
    void instanceRangesAreReadAndWrittenAsPeopleDo() {
        assertThat(InstanceRanges.parse(" 0-2, 5 ,7-7", "settings.onlyInstances"))
                .containsExactly(0, 1, 2, 5, 7);
        assertThat(InstanceRanges.parse("", "x")).isEmpty();
        assertThat(InstanceRanges.format(List.of(5, 0, 1, 2, 7, 8))).isEqualTo("0-2,5,7-8");
        assertThat(InstanceRanges.format(List.of())).isEmpty();
        for (String bad : List.of("a", "3-1", "-1", "1-", "1--2")) {
            assertThatThrownBy(() -> InstanceRanges.parse(bad, "settings.onlyInstances"))
                    .as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("settings.onlyInstances: '");
        }
    }

    private static JobDiff changeAll(int instances) {
        return JobDiff.between(configs(instances), instances, 2, instances, Set.of());
    }

    private static Map<Integer, Long> configs(int instances) {
        Map<Integer, Long> configs = new java.util.HashMap<>();
        for (int i = 0; i < instances; i++) {
            configs.put(i, 1L);
        }
        return configs;
    }
}
