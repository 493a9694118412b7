package io.borealis.rollout;

import java.time.Instant;

/**
 * A status a rollout entered.
 *
 * @param at when
 * @param status the status entered
 * @param actor who: a username, or {@code system} for the scheduler's own decisions
 * @param message why (a person's message, or the scheduler's reason)
 */
public record RolloutEvent(long id, Instant at, RolloutStatus status, String actor, String message) {}
