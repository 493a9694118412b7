package io.borealis.rollout;

import java.time.Instant;

/**
 * Something that happened to one instance during a rollout: a state it entered, or one of its new
 * tasks that ended.
 *
 * @param instanceId the instance
 * @param at when
 * @param state the instance's state from then on
 * @param taskId the task concerned (null when none)
 * @param message what happened, in plain words
 */
public record InstanceEvent(long id, int instanceId, Instant at, InstanceState state, String taskId, String message) {}
