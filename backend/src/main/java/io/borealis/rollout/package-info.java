/**
 * Rollouts (Aurora's job updates): moving a service job from the task configuration(s) it runs to
 * a new one, a batch at a time, watching each moved instance, rolling back on failure.
 *
 * <p>Pure parts: {@link io.borealis.rollout.RolloutStatus} with {@link
 * io.borealis.rollout.RolloutStateMachine}, {@link io.borealis.rollout.InstanceState} with {@link
 * io.borealis.rollout.InstanceStateMachine}, {@link io.borealis.rollout.JobDiff} (what to add,
 * change and remove), {@link io.borealis.rollout.BatchPlan} (in which order and groups) and {@link
 * io.borealis.rollout.RolloutSettings}. Stateful parts: {@link
 * io.borealis.rollout.RolloutService} (what people do), {@link
 * io.borealis.rollout.RolloutCoordinator} (what the scheduling loop does each round) and {@link
 * io.borealis.rollout.RolloutRepository} (everything is in the database, so a restarted Borealis
 * carries on where it was).
 */
package io.borealis.rollout;
