package io.borealis.rollout;

/** What a rollout does to an instance going forward; rolling back does the opposite. */
public enum InstanceChange {
    /** A new instance: created with the new configuration (removed again on rollback). */
    ADD,
    /** An instance on another configuration: replaced by one on the new configuration (and back). */
    CHANGE,
    /** An instance beyond the new instance count: killed (re-created on rollback). */
    REMOVE
}
