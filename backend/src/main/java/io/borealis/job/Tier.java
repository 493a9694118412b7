package io.borealis.job;

/**
 * Aurora's tiers. Only production (preferred) tasks consume the team's quota; preemptible ones run
 * on what is left.
 */
public enum Tier {
    /** Production: counted against quota. */
    PREFERRED,
    /** Best effort: not counted against quota. */
    PREEMPTIBLE;

    public boolean isProduction() {
        return this == PREFERRED;
    }
}
