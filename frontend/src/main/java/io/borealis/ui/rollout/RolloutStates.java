package io.borealis.ui.rollout;

import io.borealis.rollout.InstanceState;
import io.borealis.rollout.RolloutStatus;
import java.util.Locale;

/** How rollout instance states and rollout statuses look: CSS classes and plain-language labels. */
public final class RolloutStates {

    private RolloutStates() {}

    /** The CSS class that colours an instance state, e.g. {@code ro-waiting-healthy}. */
    public static String cssClass(InstanceState state) {
        return "ro-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String label(InstanceState state) {
        return switch (state) {
            case PENDING -> "pending";
            case UPDATING -> "updating";
            case WAITING_HEALTHY -> "waiting for healthy time";
            case UPDATED -> "succeeded";
            case UPDATE_FAILED -> "failed";
            case ROLLING_BACK -> "rolling back";
            case ROLLED_BACK -> "rolled back";
            case ROLLBACK_FAILED -> "rollback failed";
        };
    }

    /** An instance's label once the rollout has ended: one it never reached was not updated. */
    public static String label(InstanceState state, boolean rolloutEnded) {
        return rolloutEnded && state == InstanceState.PENDING ? "not updated" : label(state);
    }

    public static String label(RolloutStatus status) {
        return switch (status) {
            case ROLLING_FORWARD -> "Rolling forward";
            case ROLLING_BACK -> "Rolling back";
            case ROLL_FORWARD_PAUSED -> "Paused";
            case ROLL_BACK_PAUSED -> "Paused rolling back";
            case ROLLED_FORWARD -> "Rolled forward";
            case ROLLED_BACK -> "Rolled back";
            case ABORTED -> "Aborted";
            case ERROR -> "Error";
            case FAILED -> "Failed";
        };
    }
}
