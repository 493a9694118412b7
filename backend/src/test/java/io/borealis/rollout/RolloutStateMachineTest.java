package io.borealis.rollout;

import static io.borealis.rollout.RolloutStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every (from, to) pair of the rollout state machine, and every control from every status, against tables written by hand. */
class RolloutStateMachineTest {

    /**
     * Rows "from", columns "to" in enum order (ROLLING_FORWARD ROLLING_BACK ROLL_FORWARD_PAUSED
     * ROLL_BACK_PAUSED ROLLED_FORWARD ROLLED_BACK ABORTED ERROR FAILED): x allowed, . not, = same.
     * aurora.md 3.3 without the awaiting-pulse statuses.
     */
    private static final String[] TABLE = {
        //                    RF  RB  FP  BP  DF  DB  AB  ER  FA
        "ROLLING_FORWARD      =   x   x   .   x   .   x   x   x",
        "ROLLING_BACK         .   =   .   x   .   x   x   x   x",
        "ROLL_FORWARD_PAUSED  x   x   =   .   .   .   x   x   .",
        "ROLL_BACK_PAUSED     .   x   .   =   .   .   x   x   .",
        "ROLLED_FORWARD       .   .   .   .   =   .   .   .   .",
        "ROLLED_BACK          .   .   .   .   .   =   .   .   .",
        "ABORTED              .   .   .   .   .   .   =   .   .",
        "ERROR                .   .   .   .   .   .   .   =   .",
        "FAILED               .   .   .   .   .   .   .   .   =",
    };

    /** Rows "from", columns the controls PAUSE RESUME ABORT ROLL_BACK: the status reached, or "-" when refused. */
    private static final String[] CONTROLS = {
        //                    PAUSE                RESUME           ABORT    ROLL_BACK
        "ROLLING_FORWARD      ROLL_FORWARD_PAUSED  -                ABORTED  ROLLING_BACK",
        "ROLLING_BACK         ROLL_BACK_PAUSED     -                ABORTED  -",
        "ROLL_FORWARD_PAUSED  -                    ROLLING_FORWARD  ABORTED  ROLLING_BACK",
        "ROLL_BACK_PAUSED     -                    ROLLING_BACK     ABORTED  ROLLING_BACK",
        "ROLLED_FORWARD       -                    -                -        -",
        "ROLLED_BACK          -                    -                -        -",
        "ABORTED              -                    -                -        -",
        "ERROR                -                    -                -        -",
        "FAILED               -                    -                -        -",
    };

    @Test
    void everyPairMatchesTheTable() {
        List<String> mismatches = new ArrayList<>();
        for (String row : TABLE) {
            String[] cells = row.trim().split("\\s+");
            RolloutStatus from = RolloutStatus.valueOf(cells[0]);
            for (RolloutStatus to : RolloutStatus.values()) {
                RolloutStateMachine.Outcome wanted = switch (cells[to.ordinal() + 1]) {
                    case "x" -> RolloutStateMachine.Outcome.APPLIED;
                    case "=" -> RolloutStateMachine.Outcome.NOOP;
                    default -> RolloutStateMachine.Outcome.ILLEGAL;
                };
                RolloutStateMachine.Change change = RolloutStateMachine.change(from, to);
                if (change.outcome() != wanted) {
                    mismatches.add(from + " -> " + to + ": expected " + wanted + " but was " + change.outcome());
                }
                if (RolloutStateMachine.allows(from, to) != (wanted == RolloutStateMachine.Outcome.APPLIED)) {
                    mismatches.add(from + " -> " + to + ": allows() disagrees");
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(TABLE).hasSize(RolloutStatus.values().length);
    }

    @Test
    void everyControlFromEveryStatusMatchesTheTable() {
        List<String> mismatches = new ArrayList<>();
        for (String row : CONTROLS) {
            String[] cells = row.trim().split("\\s+");
            RolloutStatus from = RolloutStatus.valueOf(cells[0]);
            for (RolloutControl control : RolloutControl.values()) {
                String cell = cells[control.ordinal() + 1];
                Optional<RolloutStatus> wanted = cell.equals("-") ? Optional.empty() : Optional.of(valueOf(cell));
                Optional<RolloutStatus> actual = RolloutStateMachine.target(from, control);
                if (!actual.equals(wanted)) {
                    mismatches.add(from + " " + control + ": expected " + wanted + " but was " + actual);
                }
                actual.ifPresent(to -> {
                    if (!RolloutStateMachine.allows(from, to)) {
                        mismatches.add(from + " " + control + " leads to " + to + ", which the table forbids");
                    }
                });
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(CONTROLS).hasSize(RolloutStatus.values().length);
    }

    @Test
    void theStatusGroupsAreConsistent() {
        assertThat(RolloutStatus.ACTIVE)
                .containsExactlyInAnyOrder(ROLLING_FORWARD, ROLLING_BACK, ROLL_FORWARD_PAUSED, ROLL_BACK_PAUSED);
        assertThat(RolloutStatus.MOVING).containsExactlyInAnyOrder(ROLLING_FORWARD, ROLLING_BACK);
        for (RolloutStatus status : RolloutStatus.values()) {
            assertThat(status.isActive()).as(status.name()).isNotEqualTo(status.isTerminal());
            // a final status goes nowhere; an active one can always be aborted or fail with an error
            if (status.isTerminal()) {
                assertThat(EnumSet.allOf(RolloutStatus.class)).noneMatch(to -> RolloutStateMachine.allows(status, to));
            } else {
                assertThat(RolloutStateMachine.allows(status, ABORTED)).isTrue();
                assertThat(RolloutStateMachine.allows(status, ERROR)).isTrue();
            }
        }
        assertThat(ROLL_FORWARD_PAUSED.isPaused()).isTrue();
        assertThat(ROLL_BACK_PAUSED.isPaused()).isTrue();
        assertThat(ROLLING_FORWARD.isPaused()).isFalse();
        assertThat(EnumSet.allOf(RolloutStatus.class).stream().filter(RolloutStatus::isBackward))
                .containsExactlyInAnyOrder(ROLLING_BACK, ROLL_BACK_PAUSED, ROLLED_BACK);
    }

    @Test
    void aRollbackNeverTurnsForwardAgain() {
        for (RolloutStatus from : EnumSet.of(ROLLING_BACK, ROLL_BACK_PAUSED)) {
            assertThat(RolloutStateMachine.allows(from, ROLLING_FORWARD)).isFalse();
            assertThat(RolloutStateMachine.allows(from, ROLLED_FORWARD)).isFalse();
            assertThat(RolloutStateMachine.allows(from, ROLL_FORWARD_PAUSED)).isFalse();
        }
    }
}
