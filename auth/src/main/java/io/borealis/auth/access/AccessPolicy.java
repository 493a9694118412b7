package io.borealis.auth.access;

import io.borealis.auth.team.TeamLevel;
import java.util.Map;

/**
 * Who may do what (pure): platform admins may do everything; everybody else according to their
 * level in the team concerned ({@link Action#level()}). Members manage only levels below their
 * own, so a lead adds viewers and developers, and only an admin makes someone a lead. Reading is
 * open to all signed-in people when the platform is configured so ({@code everyoneReads}).
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    /**
     * @param admin whether the person is a platform admin
     * @param memberships the person's level per team slug
     * @param everyoneReads whether every signed-in person may read every team
     * @param action what they want to do
     * @param team the team it concerns (null for platform-wide actions)
     */
    public static Decision decide(
            boolean admin, Map<String, TeamLevel> memberships, boolean everyoneReads, Action action, String team) {
        if (admin) {
            return Decision.ALLOWED;
        }
        if (action.level() == null) {
            return Decision.refused("Only platform admins may " + action.description()
                    + ". Ask a platform admin to do it, or to give you the ADMIN role.");
        }
        if (team == null) {
            return Decision.refused("Choose a team first: " + action.description() + " is granted per team.");
        }
        if (everyoneReads && (action == Action.READ_JOBS || action == Action.READ_QUOTA)) {
            return Decision.ALLOWED;
        }
        TeamLevel level = memberships.get(team);
        if (level != null && level.atLeast(action.level())) {
            return Decision.ALLOWED;
        }
        String grantors = action.level() == TeamLevel.LEAD
                ? "A platform admin"
                : "A lead of team " + team + " or a platform admin";
        return Decision.refused("You need the " + action.level() + " level in team " + team + " to "
                + action.description() + (level == null ? " (you are not a member)" : " (you are " + level + ")")
                + ". " + grantors + " can grant it.");
    }

    /** Whether someone at {@code granter} may give or take away {@code level} in a team (admins aside). */
    public static Decision decideMembershipChange(boolean admin, TeamLevel granter, TeamLevel level, String team) {
        if (admin) {
            return Decision.ALLOWED;
        }
        if (granter == TeamLevel.LEAD && level != TeamLevel.LEAD) {
            return Decision.ALLOWED;
        }
        if (granter == TeamLevel.LEAD) {
            return Decision.refused("Only a platform admin may make someone a lead of team " + team
                    + " or remove a lead. Ask a platform admin.");
        }
        return Decision.refused("You need the LEAD level in team " + team + " to manage its members. "
                + "A platform admin can grant it.");
    }
}
