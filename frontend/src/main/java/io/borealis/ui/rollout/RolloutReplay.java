package io.borealis.ui.rollout;

import io.borealis.rollout.InstanceEvent;
import io.borealis.rollout.InstanceState;
import io.borealis.rollout.RolloutDetails;
import io.borealis.rollout.RolloutEvent;
import io.borealis.rollout.RolloutStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rollout as it was at a moment (pure): each instance's state from the instance events up to
 * that moment, the status it was in, and the events seen so far. The replay slider of a finished
 * rollout redraws the page from this.
 */
public final class RolloutReplay {

    private RolloutReplay() {}

    /**
     * The rollout at one moment.
     *
     * @param at the moment
     * @param status the status it was in (null before it started)
     * @param states each instance's state (PENDING before its first event)
     * @param events the status changes up to then, oldest first
     * @param instanceEvents the instance events up to then, oldest first
     */
    public record Moment(
            Instant at,
            RolloutStatus status,
            Map<Integer, InstanceState> states,
            List<RolloutEvent> events,
            List<InstanceEvent> instanceEvents) {}

    private static final Comparator<InstanceEvent> INSTANCE_ORDER =
            Comparator.comparing(InstanceEvent::at).thenComparingLong(InstanceEvent::id);
    private static final Comparator<RolloutEvent> STATUS_ORDER =
            Comparator.comparing(RolloutEvent::at).thenComparingLong(RolloutEvent::id);

    /**
     * Each instance's state at {@code at}: the state of its latest event at or before then
     * (events at the same instant in the order they were recorded), PENDING if it had none yet.
     */
    public static Map<Integer, InstanceState> statesAt(
            Collection<Integer> instances, List<InstanceEvent> events, Instant at) {
        Map<Integer, InstanceState> states = new TreeMap<>();
        instances.forEach(i -> states.put(i, InstanceState.PENDING));
        events.stream()
                .filter(e -> !e.at().isAfter(at))
                .sorted(INSTANCE_ORDER)
                .forEach(e -> states.put(e.instanceId(), e.state()));
        return states;
    }

    /** The status the rollout was in at {@code at} (null before its first status). */
    public static RolloutStatus statusAt(List<RolloutEvent> events, Instant at) {
        return events.stream()
                .filter(e -> !e.at().isAfter(at))
                .max(STATUS_ORDER)
                .map(RolloutEvent::status)
                .orElse(null);
    }

    /** The whole rollout at {@code at}. */
    public static Moment at(RolloutDetails details, Instant at) {
        List<Integer> instances =
                details.instances().stream().map(i -> i.instanceId()).toList();
        return new Moment(
                at,
                statusAt(details.events(), at),
                statesAt(instances, details.instanceEvents(), at),
                details.events().stream()
                        .filter(e -> !e.at().isAfter(at))
                        .sorted(STATUS_ORDER)
                        .toList(),
                details.instanceEvents().stream()
                        .filter(e -> !e.at().isAfter(at))
                        .sorted(INSTANCE_ORDER)
                        .toList());
    }

    /** When the replay starts: the rollout's start. */
    public static Instant start(RolloutDetails details) {
        return details.rollout().startedAt();
    }

    /** When the replay ends: the rollout's end, or its latest event if later (or it is still active). */
    public static Instant end(RolloutDetails details) {
        Instant end = details.rollout().finishedAt() == null
                ? details.rollout().updatedAt()
                : details.rollout().finishedAt();
        for (InstanceEvent e : details.instanceEvents()) {
            end = e.at().isAfter(end) ? e.at() : end;
        }
        for (RolloutEvent e : details.events()) {
            end = e.at().isAfter(end) ? e.at() : end;
        }
        return end;
    }
}
