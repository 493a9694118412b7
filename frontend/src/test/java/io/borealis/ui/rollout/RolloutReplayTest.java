package io.borealis.ui.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.rollout.InstanceEvent;
import io.borealis.rollout.InstanceState;
import io.borealis.rollout.RolloutEvent;
import io.borealis.rollout.RolloutStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replay function: each instance's state and the rollout's status at any moment. */
class RolloutReplayTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static final List<InstanceEvent> EVENTS = List.of(
            new InstanceEvent(1, 0, at(0), InstanceState.UPDATING, "t0", "killing the old task"),
            new InstanceEvent(2, 1, at(0), InstanceState.UPDATING, "t1", null),
            new InstanceEvent(3, 0, at(5), InstanceState.WAITING_HEALTHY, "t0", "running"),
            new InstanceEvent(5, 0, at(10), InstanceState.UPDATED, "t0", null),
            // recorded later with the same timestamp: the later record wins
            new InstanceEvent(7, 1, at(10), InstanceState.WAITING_HEALTHY, "t1", null),
            new InstanceEvent(8, 1, at(10), InstanceState.UPDATE_FAILED, "t1", "ended"),
            new InstanceEvent(9, 1, at(20), InstanceState.ROLLING_BACK, "t1", null),
            new InstanceEvent(10, 0, at(20), InstanceState.ROLLING_BACK, "t0", null),
            new InstanceEvent(11, 1, at(30), InstanceState.ROLLED_BACK, "t1", null),
            new InstanceEvent(12, 0, at(31), InstanceState.ROLLED_BACK, "t0", null));

    @Test
    void everyInstanceIsPendingBeforeItsFirstEvent() {
        assertThat(RolloutReplay.statesAt(List.of(0, 1, 2), EVENTS, at(-1)))
                .containsExactly(
                        Map.entry(0, InstanceState.PENDING),
                        Map.entry(1, InstanceState.PENDING),
                        Map.entry(2, InstanceState.PENDING));
    }

    @Test
    void anEventCountsFromItsOwnInstantOn() {
        assertThat(RolloutReplay.statesAt(List.of(0, 1, 2), EVENTS, at(0)))
                .containsEntry(0, InstanceState.UPDATING)
                .containsEntry(1, InstanceState.UPDATING)
                .containsEntry(2, InstanceState.PENDING);
        assertThat(RolloutReplay.statesAt(List.of(0, 1, 2), EVENTS, at(5).minusMillis(1)))
                .containsEntry(0, InstanceState.UPDATING);
        assertThat(RolloutReplay.statesAt(List.of(0, 1, 2), EVENTS, at(5)))
                .containsEntry(0, InstanceState.WAITING_HEALTHY);
    }

    @Test
    void eventsAtTheSameInstantApplyInTheOrderTheyWereRecordedWhateverTheListOrder() {
        List<InstanceEvent> shuffled = new java.util.ArrayList<>(EVENTS);
        java.util.Collections.reverse(shuffled);

        Map<Integer, InstanceState> states = RolloutReplay.statesAt(List.of(0, 1), shuffled, at(15));

        assertThat(states).containsEntry(0, InstanceState.UPDATED).containsEntry(1, InstanceState.UPDATE_FAILED);
    }

    @Test
    void theEndShowsEveryInstancesLastState() {
        assertThat(RolloutReplay.statesAt(List.of(0, 1), EVENTS, at(30)))
                .containsEntry(0, InstanceState.ROLLING_BACK)
                .containsEntry(1, InstanceState.ROLLED_BACK);
        assertThat(RolloutReplay.statesAt(List.of(0, 1), EVENTS, at(3600)))
                .containsEntry(0, InstanceState.ROLLED_BACK)
                .containsEntry(1, InstanceState.ROLLED_BACK);
    }

    @Test
    void theStatusIsTheLatestOneEnteredByThen() {
        List<RolloutEvent> events = List.of(
                new RolloutEvent(1, at(0), RolloutStatus.ROLLING_FORWARD, "lead", null),
                new RolloutEvent(2, at(12), RolloutStatus.ROLL_FORWARD_PAUSED, "system", "checkpoint"),
                new RolloutEvent(3, at(15), RolloutStatus.ROLLING_FORWARD, "lead", "go on"),
                new RolloutEvent(4, at(40), RolloutStatus.ROLLED_FORWARD, "system", null));

        assertThat(RolloutReplay.statusAt(events, at(-1))).isNull();
        assertThat(RolloutReplay.statusAt(events, at(0))).isEqualTo(RolloutStatus.ROLLING_FORWARD);
        assertThat(RolloutReplay.statusAt(events, at(13))).isEqualTo(RolloutStatus.ROLL_FORWARD_PAUSED);
        assertThat(RolloutReplay.statusAt(events, at(39))).isEqualTo(RolloutStatus.ROLLING_FORWARD);
        assertThat(RolloutReplay.statusAt(events, at(40))).isEqualTo(RolloutStatus.ROLLED_FORWARD);
    }
}
