package io.borealis.rollout;

/**
 * A rollout for lists: the stored row, its instance counts and its latest status message.
 *
 * @param rollout the rollout
 * @param progress how many instances are where
 * @param latestMessage the message of its latest status change
 */
public record RolloutSummary(Rollout rollout, RolloutProgress progress, String latestMessage) {}
