package io.borealis.rollout;

/**
 * Where one instance is in a rollout (Aurora's per-instance actions as states). Every state an
 * instance enters is recorded as an instance event, with the time and the task concerned.
 */
public enum InstanceState {
    /** Not touched yet (its batch has not started), or never touched (a rollback came first). */
    PENDING,
    /** Being moved to the new configuration: old task killed, new one on its way. */
    UPDATING,
    /** Its new task runs (healthy); it must keep running for the minimum wait before it counts. */
    WAITING_HEALTHY,
    /** Reached the new configuration (ran long enough, or was removed). */
    UPDATED,
    /** Its new tasks ended more often than the per-instance failure limit allows. */
    UPDATE_FAILED,
    /** Being moved back to its original configuration (or removed again, or re-added). */
    ROLLING_BACK,
    /** Back on its original configuration. */
    ROLLED_BACK,
    /** Its original configuration failed too while rolling back. */
    ROLLBACK_FAILED;

    /** How far an instance is, seen from one direction of the rollout. */
    public enum Phase {
        /** Not started in this direction. */
        NOT_STARTED,
        /** Started, not finished. */
        IN_FLIGHT,
        /** Finished in this direction (succeeded or failed). */
        FINISHED
    }

    /** This state's phase going forward ({@code backward} false) or rolling back. */
    public Phase phase(boolean backward) {
        if (!backward) {
            return switch (this) {
                case PENDING -> Phase.NOT_STARTED;
                case UPDATING, WAITING_HEALTHY -> Phase.IN_FLIGHT;
                default -> Phase.FINISHED;
            };
        }
        return switch (this) {
            case UPDATING, WAITING_HEALTHY, UPDATED, UPDATE_FAILED -> Phase.NOT_STARTED;
            case ROLLING_BACK -> Phase.IN_FLIGHT;
            // PENDING instances were never touched: nothing to roll back
            default -> Phase.FINISHED;
        };
    }

    /** Whether the instance failed (either way). */
    public boolean isFailed() {
        return this == UPDATE_FAILED || this == ROLLBACK_FAILED;
    }
}
