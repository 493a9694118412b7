package io.borealis.ui.support;

import io.borealis.auth.access.Action;
import io.borealis.auth.access.Decision;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamService;
import java.util.List;

/** Access questions the portal asks before it shows a button, answered by the services' rules. */
public final class Permissions {

    private Permissions() {}

    /** The open teams in which the signed-in person may create jobs. */
    public static List<Team> launchableTeams(TeamService teams, TeamAccess access) {
        return teams.visibleTeams().stream()
                .filter(team -> !team.archived())
                .filter(team -> access.check(Action.MANAGE_JOBS, team.slug()).allowed())
                .toList();
    }

    /** Whether the signed-in person may launch a job in some team, and if not, why. */
    public static Decision launch(TeamService teams, TeamAccess access) {
        if (access.isAdmin()) {
            return Decision.ALLOWED;
        }
        List<Team> visible =
                teams.visibleTeams().stream().filter(team -> !team.archived()).toList();
        if (visible.isEmpty()) {
            return Decision.refused("You need the DEVELOPER level in a team to launch jobs (you are not a member "
                    + "of any team). A lead of the team or a platform admin can add you.");
        }
        Decision first = null;
        for (Team team : visible) {
            Decision decision = access.check(Action.MANAGE_JOBS, team.slug());
            if (decision.allowed()) {
                return decision;
            }
            first = first == null ? decision : first;
        }
        return first;
    }
}
