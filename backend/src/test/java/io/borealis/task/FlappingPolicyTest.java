package io.borealis.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlappingPolicyTest {

    private final FlappingPolicy policy =
            new FlappingPolicy(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(5));

    @Test
    void aShortRunThatEndedOnItsOwnIsFlapping() {
        assertThat(policy.flapped(Duration.ofSeconds(10), TaskState.RUNNING, TaskState.FAILED))
                .isTrue();
        assertThat(policy.flapped(Duration.ZERO, TaskState.STARTING, TaskState.FAILED))
                .isTrue();
        assertThat(policy.flapped(Duration.ofMinutes(5).minusMillis(1), TaskState.RUNNING, TaskState.FINISHED))
                .isTrue();
        assertThat(policy.flapped(Duration.ofSeconds(1), TaskState.RUNNING, TaskState.KILLED))
                .isTrue();
    }

    @Test
    void aLongRunOrAPersonsKillIsNotFlapping() {
        assertThat(policy.flapped(Duration.ofMinutes(5), TaskState.RUNNING, TaskState.FAILED))
                .isFalse();
        assertThat(policy.flapped(Duration.ofSeconds(1), TaskState.RESTARTING, TaskState.KILLED))
                .isFalse();
        assertThat(policy.flapped(Duration.ofSeconds(1), TaskState.KILLING, TaskState.FAILED))
                .isFalse();
    }

    @Test
    void aLostTaskIsTheClustersDoingNotFlapping() {
        assertThat(policy.flapped(Duration.ZERO, TaskState.ASSIGNED, TaskState.LOST))
                .isFalse();
        assertThat(policy.flapped(Duration.ofSeconds(3), TaskState.RUNNING, TaskState.LOST))
                .isFalse();
    }

    @Test
    void thePenaltyDoublesPerFlapUpToTheMaximum() {
        assertThat(policy.penalty(0)).isEqualTo(Duration.ZERO);
        assertThat(policy.penalty(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.penalty(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.penalty(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.penalty(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(policy.penalty(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.penalty(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesAMaximumBelowTheInitialPenalty() {
        assertThatThrownBy(
                        () -> new FlappingPolicy(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
