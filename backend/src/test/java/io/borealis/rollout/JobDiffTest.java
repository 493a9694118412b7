package io.borealis.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.error.FieldProblem;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The difference between what a job runs and a rollout's target. */
class JobDiffTest {

    private static final long OLD = 7;
    private static final long OTHER = 8;
    private static final long NEW = 9;

    @Test
    void theSameConfigurationAndCountIsUnchanged() {
        JobDiff diff = JobDiff.between(Map.of(0, NEW, 1, NEW), 2, NEW, 2, Set.of());
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.unchanged()).containsExactly(0, 1);
        assertThat(diff.countAfter()).isEqualTo(2);
    }

    @Test
    void severalOldConfigurationsAreKeptPerInstance() {
        JobDiff diff = JobDiff.between(Map.of(0, OLD, 1, OTHER, 2, NEW), 3, NEW, 3, Set.of());
        assertThat(diff.change()).containsExactlyInAnyOrderEntriesOf(Map.of(0, OLD, 1, OTHER));
        assertThat(diff.fromConfigs()).containsExactly(OLD, OTHER);
        assertThat(diff.fromConfig(1)).isEqualTo(OTHER);
        assertThat(diff.changeOf(0)).isEqualTo(InstanceChange.CHANGE);
        assertThat(diff.changeOf(2)).isNull();
    }

    @Test
    void growingAddsAndShrinkingRemoves() {
        JobDiff growing = JobDiff.between(Map.of(0, OLD), 1, OLD, 3, Set.of());
        assertThat(growing.add()).containsExactly(1, 2);
        assertThat(growing.changeOf(2)).isEqualTo(InstanceChange.ADD);
        assertThat(growing.fromConfig(2)).isNull();
        assertThat(growing.countAfter()).isEqualTo(3);

        JobDiff shrinking = JobDiff.between(Map.of(0, OLD, 1, OLD, 2, OLD), 3, OLD, 1, Set.of());
        assertThat(shrinking.remove()).containsExactlyInAnyOrderEntriesOf(Map.of(1, OLD, 2, OLD));
        assertThat(shrinking.changeOf(1)).isEqualTo(InstanceChange.REMOVE);
        assertThat(shrinking.fromConfig(2)).isEqualTo(OLD);
        assertThat(shrinking.countAfter()).isEqualTo(1);
        assertThat(shrinking.size()).isEqualTo(2);
    }

    @Test
    void anInstanceWithoutATaskIsAdded() {
        JobDiff diff = JobDiff.between(Map.of(0, NEW), 2, NEW, 2, Set.of());
        assertThat(diff.add()).containsExactly(1);
    }

    @Test
    void aCanaryTouchesOnlyItsInstancesAndTheOthersStay() {
        JobDiff diff = JobDiff.between(Map.of(0, OLD, 1, OLD, 2, OLD, 3, OLD), 4, NEW, 2, Set.of(0, 3));
        assertThat(diff.change()).containsOnlyKeys(0);
        assertThat(diff.remove()).containsOnlyKeys(3);
        assertThat(diff.unchanged()).containsExactly(1, 2);
        assertThat(diff.countAfter()).isEqualTo(3);
        assertThat(diff.gapProblems()).isEmpty();
    }

    @Test
    void aCanaryThatWouldLeaveAGapIsRefused() {
        // removing instance 2 of 4 while 3 stays
        JobDiff removal = JobDiff.between(Map.of(0, OLD, 1, OLD, 2, OLD, 3, OLD), 4, OLD, 2, Set.of(2));
        assertThat(removal.gapProblems())
                .extracting(FieldProblem::field, FieldProblem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "settings.onlyInstances",
                                "would leave instance 2 missing while instance 3 runs: add instances from 4 upwards and remove the highest ones"));
        // adding instance 3 without 2
        JobDiff addition = JobDiff.between(Map.of(0, OLD, 1, OLD), 2, OLD, 4, Set.of(3));
        assertThat(addition.gapProblems()).hasSize(1);
        assertThat(JobDiff.between(Map.of(0, OLD, 1, OLD), 2, OLD, 4, Set.of(2)).gapProblems())
                .isEmpty();
    }
}
