package io.borealis.rollout;

/**
 * Instance counts of a rollout, for lists and banners ("4 / 6 updated").
 *
 * @param total instances the rollout touches
 * @param pending not started
 * @param inFlight being moved (either way)
 * @param updated reached the new configuration
 * @param failed failed (either way)
 * @param rolledBack back on their original configuration
 */
public record RolloutProgress(int total, int pending, int inFlight, int updated, int failed, int rolledBack) {

    public static final RolloutProgress NONE = new RolloutProgress(0, 0, 0, 0, 0, 0);

    /** Updated instances as a whole percentage of all (0 for none). */
    public int percentUpdated() {
        return total == 0 ? 0 : (int) (updated * 100L / total);
    }
}
