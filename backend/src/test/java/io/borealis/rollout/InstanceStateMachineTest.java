package io.borealis.rollout;

import static io.borealis.rollout.InstanceState.*;
import static io.borealis.rollout.InstanceStateMachine.Observation.GONE;
import static io.borealis.rollout.InstanceStateMachine.Observation.NOT_RUNNING;
import static io.borealis.rollout.InstanceStateMachine.Observation.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.rollout.InstanceState.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every (from, to) pair of an instance's way through a rollout, and the rules that choose the next state. */
class InstanceStateMachineTest {

    /**
     * Rows "from", columns "to" in enum order (PENDING UPDATING WAITING_HEALTHY UPDATED
     * UPDATE_FAILED ROLLING_BACK ROLLED_BACK ROLLBACK_FAILED): x allowed, . not, = same.
     */
    private static final String[] TABLE = {
        //                PEN UPD WAI UPD FAI RBK RBD RBF
        "PENDING          =   x   .   .   .   .   .   .",
        "UPDATING         .   =   x   x   x   x   .   .",
        "WAITING_HEALTHY  .   x   =   x   x   x   .   .",
        "UPDATED          .   .   .   =   .   x   .   .",
        "UPDATE_FAILED    .   .   .   .   =   x   .   .",
        "ROLLING_BACK     .   .   .   .   .   =   x   x",
        "ROLLED_BACK      .   .   .   .   .   .   =   .",
        "ROLLBACK_FAILED  .   .   .   .   .   .   .   =",
    };

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void everyPairMatchesTheTable() {
        List<String> mismatches = new ArrayList<>();
        for (String row : TABLE) {
            String[] cells = row.trim().split("\\s+");
            InstanceState from = InstanceState.valueOf(cells[0]);
            for (InstanceState to : InstanceState.values()) {
                boolean wanted = cells[to.ordinal() + 1].equals("x");
                if (InstanceStateMachine.allows(from, to) != wanted) {
                    mismatches.add(from + " -> " + to + ": expected " + (wanted ? "allowed" : "refused"));
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(TABLE).hasSize(InstanceState.values().length);
    }

    @Test
    void theNextStateIsAlwaysAllowedOrTheSame() {
        for (InstanceState from : InstanceState.values()) {
            for (var seen : InstanceStateMachine.Observation.values()) {
                for (int failures = 0; failures <= 2; failures++) {
                    for (Instant since : List.of(NOW, NOW.minus(WAIT))) {
                        InstanceState to = InstanceStateMachine.next(from, failures, 1, seen, since, WAIT, NOW);
                        assertThat(to == from || InstanceStateMachine.allows(from, to))
                                .as(from + " " + seen + " failures " + failures + " -> " + to)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aNewTaskMustKeepRunningForTheMinimumWait() {
        assertThat(next(UPDATING, 0, NOT_RUNNING, null)).isEqualTo(UPDATING);
        assertThat(next(UPDATING, 0, RUNNING, NOW.minusSeconds(5))).isEqualTo(WAITING_HEALTHY);
        assertThat(next(WAITING_HEALTHY, 0, RUNNING, NOW.minusSeconds(29))).isEqualTo(WAITING_HEALTHY);
        assertThat(next(WAITING_HEALTHY, 0, RUNNING, NOW.minusSeconds(30))).isEqualTo(UPDATED);
        // seen running long enough at the first look: straight to updated
        assertThat(next(UPDATING, 0, RUNNING, NOW.minusSeconds(31))).isEqualTo(UPDATED);
        // no longer running (its task ended and was replaced): back to updating
        assertThat(next(WAITING_HEALTHY, 0, NOT_RUNNING, null)).isEqualTo(UPDATING);
    }

    @Test
    void aZeroWaitCountsAsSoonAsTheTaskRuns() {
        assertThat(InstanceStateMachine.next(UPDATING, 0, 0, RUNNING, NOW, Duration.ZERO, NOW))
                .isEqualTo(UPDATED);
    }

    @Test
    void anInstanceFailsOnlyAboveItsFailureLimit() {
        // limit 1: one ended task is tolerated, the second is not
        assertThat(next(UPDATING, 1, NOT_RUNNING, null)).isEqualTo(UPDATING);
        assertThat(next(UPDATING, 2, NOT_RUNNING, null)).isEqualTo(UPDATE_FAILED);
        assertThat(next(WAITING_HEALTHY, 2, RUNNING, NOW.minusSeconds(60))).isEqualTo(UPDATE_FAILED);
        assertThat(next(ROLLING_BACK, 2, RUNNING, NOW.minusSeconds(60))).isEqualTo(ROLLBACK_FAILED);
        // limit 0: the first ended task fails it
        assertThat(InstanceStateMachine.next(UPDATING, 1, 0, NOT_RUNNING, null, WAIT, NOW))
                .isEqualTo(UPDATE_FAILED);
    }

    @Test
    void rollingBackWaitsTooAndEndsRolledBack() {
        assertThat(next(ROLLING_BACK, 0, NOT_RUNNING, null)).isEqualTo(ROLLING_BACK);
        assertThat(next(ROLLING_BACK, 0, RUNNING, NOW.minusSeconds(10))).isEqualTo(ROLLING_BACK);
        assertThat(next(ROLLING_BACK, 0, RUNNING, NOW.minusSeconds(30))).isEqualTo(ROLLED_BACK);
    }

    @Test
    void aRemovedInstanceIsDoneWhenItsTasksAreGone() {
        assertThat(next(UPDATING, 0, NOT_RUNNING, null)).isEqualTo(UPDATING);
        assertThat(next(UPDATING, 0, GONE, null)).isEqualTo(UPDATED);
        assertThat(next(ROLLING_BACK, 0, GONE, null)).isEqualTo(ROLLED_BACK);
    }

    @ParameterizedTest
    @EnumSource(
            value = InstanceState.class,
            names = {"PENDING", "UPDATED", "UPDATE_FAILED", "ROLLED_BACK", "ROLLBACK_FAILED"})
    void onlyInFlightInstancesMove(InstanceState state) {
        for (var seen : InstanceStateMachine.Observation.values()) {
            assertThat(next(state, 5, seen, NOW.minusSeconds(999))).isEqualTo(state);
        }
    }

    @Test
    void phasesGoingForwardAndBack() {
        String[] expected = {
            // state           forward       backward
            "PENDING          NOT_STARTED   FINISHED",
            "UPDATING         IN_FLIGHT     NOT_STARTED",
            "WAITING_HEALTHY  IN_FLIGHT     NOT_STARTED",
            "UPDATED          FINISHED      NOT_STARTED",
            "UPDATE_FAILED    FINISHED      NOT_STARTED",
            "ROLLING_BACK     FINISHED      IN_FLIGHT",
            "ROLLED_BACK      FINISHED      FINISHED",
            "ROLLBACK_FAILED  FINISHED      FINISHED",
        };
        for (String row : expected) {
            String[] cells = row.trim().split("\\s+");
            InstanceState state = InstanceState.valueOf(cells[0]);
            assertThat(state.phase(false)).as(state + " forward").isEqualTo(Phase.valueOf(cells[1]));
            assertThat(state.phase(true)).as(state + " backward").isEqualTo(Phase.valueOf(cells[2]));
        }
        assertThat(expected).hasSize(InstanceState.values().length);
        assertThat(InstanceStateMachine.started(false)).isEqualTo(UPDATING);
        assertThat(InstanceStateMachine.started(true)).isEqualTo(ROLLING_BACK);
    }

    private static InstanceState next(
            InstanceState from, int failures, InstanceStateMachine.Observation seen, Instant since) {
        return InstanceStateMachine.next(from, failures, 1, seen, since, WAIT, NOW);
    }
}
