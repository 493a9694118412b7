package io.borealis.task;

import static io.borealis.task.TaskState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every (from, to) pair of the task state machine against a table written out by hand. */
class TaskStateMachineTest {

    /**
     * The expected table: a row per "from" state, a column per "to" state in enum order
     * (THROTTLED PENDING ASSIGNED STARTING RUNNING PARTITIONED KILLING RESTARTING FINISHED FAILED
     * KILLED LOST). x = allowed, . = not allowed, = = same state (NOOP).
     */
    private static final String[] TABLE = {
        //            THR PEN ASS STA RUN PAR KIG RES FIN FAI KIL LOS
        "THROTTLED    =   x   .   .   .   .   .   .   .   .   x   .",
        "PENDING      .   =   x   .   .   .   .   .   .   .   x   .",
        "ASSIGNED     .   .   =   x   x   x   x   x   x   x   x   x",
        "STARTING     .   .   .   =   x   x   x   x   x   x   x   x",
        "RUNNING      .   .   .   .   =   x   x   x   x   x   x   x",
        "PARTITIONED  .   .   x   x   x   =   x   x   x   x   x   x",
        "KILLING      .   .   .   .   .   .   =   .   x   x   x   x",
        "RESTARTING   .   .   .   .   .   .   x   =   x   x   x   x",
        "FINISHED     .   .   .   .   .   .   .   .   =   .   .   .",
        "FAILED       .   .   .   .   .   .   .   .   .   =   .   .",
        "KILLED       .   .   .   .   .   .   .   .   .   .   =   .",
        "LOST         .   .   .   .   .   .   .   .   .   .   .   =",
    };

    private static final TaskStateMachine.Context SERVICE = new TaskStateMachine.Context(true, 0, 1);

    @Test
    void everyPairMatchesTheTable() {
        List<String> mismatches = new ArrayList<>();
        for (String row : TABLE) {
            String[] cells = row.trim().split("\\s+");
            TaskState from = TaskState.valueOf(cells[0]);
            for (TaskState to : TaskState.values()) {
                String expected = cells[to.ordinal() + 1];
                Transition transition = TaskStateMachine.transition(from, to, SERVICE);
                Transition.Outcome wanted = switch (expected) {
                    case "x" -> Transition.Outcome.APPLIED;
                    case "=" -> Transition.Outcome.NOOP;
                    default -> Transition.Outcome.ILLEGAL;
                };
                if (transition.outcome() != wanted) {
                    mismatches.add(from + " -> " + to + ": expected " + wanted + " but was " + transition.outcome());
                }
                if (transition.outcome() != Transition.Outcome.APPLIED
                        && !transition.effects().isEmpty()) {
                    mismatches.add(from + " -> " + to + ": side effects on a " + transition.outcome());
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(TABLE).hasSize(TaskState.values().length);
    }

    @ParameterizedTest
    @EnumSource(
            value = TaskState.class,
            names = {"ASSIGNED", "STARTING", "RUNNING", "PARTITIONED"})
    void killingOrRestartingATaskOnAnAgentSendsAKill(TaskState from) {
        assertThat(TaskStateMachine.transition(from, KILLING, SERVICE).effects())
                .containsExactly(SideEffect.KILL);
        assertThat(TaskStateMachine.transition(from, RESTARTING, SERVICE).effects())
                .containsExactly(SideEffect.KILL);
    }

    @Test
    void killingATaskThatNeverLaunchedNeedsNoKillAndNoReplacement() {
        assertThat(TaskStateMachine.transition(PENDING, KILLED, SERVICE).effects())
                .isEmpty();
        assertThat(TaskStateMachine.transition(THROTTLED, KILLED, SERVICE).effects())
                .isEmpty();
    }

    @Test
    void aKillDuringARestartKillsAgainAndCancelsTheReplacement() {
        assertThat(TaskStateMachine.transition(RESTARTING, KILLING, SERVICE).effects())
                .containsExactly(SideEffect.KILL);
        assertThat(TaskStateMachine.transition(KILLING, KILLED, SERVICE).effects())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = TaskState.class,
            names = {"FINISHED", "FAILED", "KILLED", "LOST"})
    void whateverEndsAKillIsNeverReplacedNorCounted(TaskState end) {
        assertThat(TaskStateMachine.transition(KILLING, end, SERVICE).effects()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = TaskState.class,
            names = {"FINISHED", "FAILED", "KILLED", "LOST"})
    void whateverEndsARestartIsReplacedAndNotCounted(TaskState end) {
        assertThat(TaskStateMachine.transition(RESTARTING, end, adhoc(0, 1)).effects())
                .containsExactly(SideEffect.RESCHEDULE);
    }

    @ParameterizedTest
    @EnumSource(
            value = TaskState.class,
            names = {"ASSIGNED", "STARTING", "RUNNING", "PARTITIONED"})
    void aServiceTaskIsReplacedWhateverEndsIt(TaskState from) {
        assertThat(TaskStateMachine.transition(from, FINISHED, SERVICE).effects())
                .containsExactly(SideEffect.RESCHEDULE);
        assertThat(TaskStateMachine.transition(from, FAILED, SERVICE).effects())
                .containsExactlyInAnyOrder(SideEffect.RESCHEDULE, SideEffect.INCREMENT_FAILURES);
        assertThat(TaskStateMachine.transition(from, KILLED, SERVICE).effects()).containsExactly(SideEffect.RESCHEDULE);
        assertThat(TaskStateMachine.transition(from, LOST, SERVICE).effects()).containsExactly(SideEffect.RESCHEDULE);
    }

    @Test
    void aFinishedAdhocTaskIsDone() {
        assertThat(TaskStateMachine.transition(RUNNING, FINISHED, adhoc(0, 3)).effects())
                .isEmpty();
    }

    @Test
    void aFailedAdhocTaskIsRetriedUntilItsFailuresAreUsedUp() {
        // max 3 failures: the first and second are retried, the third is final
        assertThat(TaskStateMachine.transition(RUNNING, FAILED, adhoc(0, 3)).effects())
                .containsExactlyInAnyOrder(SideEffect.INCREMENT_FAILURES, SideEffect.RESCHEDULE);
        assertThat(TaskStateMachine.transition(RUNNING, FAILED, adhoc(1, 3)).effects())
                .containsExactlyInAnyOrder(SideEffect.INCREMENT_FAILURES, SideEffect.RESCHEDULE);
        assertThat(TaskStateMachine.transition(RUNNING, FAILED, adhoc(2, 3)).effects())
                .containsExactly(SideEffect.INCREMENT_FAILURES);
        // the default of one failure: never retried
        assertThat(TaskStateMachine.transition(STARTING, FAILED, adhoc(0, 1)).effects())
                .containsExactly(SideEffect.INCREMENT_FAILURES);
        // zero: never retried either
        assertThat(TaskStateMachine.transition(STARTING, FAILED, adhoc(0, 0)).effects())
                .containsExactly(SideEffect.INCREMENT_FAILURES);
    }

    @Test
    void unlimitedRetriesAreMinusOne() {
        assertThat(TaskStateMachine.transition(RUNNING, FAILED, adhoc(500, -1)).effects())
                .contains(SideEffect.RESCHEDULE);
    }

    @Test
    void anAdhocTaskKilledOrLostByTheClusterIsReplaced() {
        assertThat(TaskStateMachine.transition(RUNNING, KILLED, adhoc(0, 1)).effects())
                .containsExactly(SideEffect.RESCHEDULE);
        assertThat(TaskStateMachine.transition(ASSIGNED, LOST, adhoc(0, 1)).effects())
                .containsExactly(SideEffect.RESCHEDULE);
    }

    @Test
    void theStateGroupsAreConsistent() {
        Set<TaskState> all = EnumSet.allOf(TaskState.class);
        for (TaskState state : all) {
            assertThat(state.isActive()).as(state.name()).isNotEqualTo(state.isTerminal());
            if (state.isOnAgent()) {
                assertThat(state.isActive()).isTrue();
            }
        }
        assertThat(TaskState.TRANSIENT).allMatch(TaskState::isOnAgent);
    }

    private static TaskStateMachine.Context adhoc(int failuresSoFar, int maxFailures) {
        return new TaskStateMachine.Context(false, failuresSoFar, maxFailures);
    }
}
