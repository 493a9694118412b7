package io.borealis.auth.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.team.TeamLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every (who) x (action) x (own team, other team) case against a table written out by hand. */
class AccessPolicyTest {

    /**
     * Rows: who; columns: actions in enum order (READ_JOBS MANAGE_JOBS START_ROLLOUTS CONTROL_ROLLOUTS
     * MANAGE_MEMBERS READ_AUDIT READ_QUOTA MANAGE_QUOTA MANAGE_TEAMS MANAGE_USERS READ_ALL_AUDIT),
     * for their own team. y = allowed, n = refused. On another team everyone but the admin is refused.
     */
    private static final String[] OWN_TEAM = {
        //          RJ MJ SR CR MM RA RQ MQ MT MU AA
        "ADMIN      y  y  y  y  y  y  y  y  y  y  y",
        "LEAD       y  y  y  y  y  y  y  n  n  n  n",
        "DEVELOPER  y  y  y  n  n  n  y  n  n  n  n",
        "VIEWER     y  n  n  n  n  n  y  n  n  n  n",
        "NONE       n  n  n  n  n  n  n  n  n  n  n",
    };

    @Test
    void everyCaseMatchesTheTable() {
        List<String> mismatches = new ArrayList<>();
        for (String row : OWN_TEAM) {
            String[] cells = row.trim().split("\\s+");
            String who = cells[0];
            boolean admin = who.equals("ADMIN");
            Map<String, TeamLevel> memberships = admin || who.equals("NONE")
                    ? Map.of("elsewhere", TeamLevel.LEAD)
                    : Map.of("payments", TeamLevel.valueOf(who), "elsewhere", TeamLevel.VIEWER);
            for (Action action : Action.values()) {
                boolean expected = cells[action.ordinal() + 1].equals("y");
                Decision own = AccessPolicy.decide(admin, memberships, false, action, "payments");
                if (own.allowed() != expected) {
                    mismatches.add(who + " " + action + " on own team: expected " + expected);
                }
                if (!own.allowed() && (own.reason() == null || own.reason().isBlank())) {
                    mismatches.add(who + " " + action + ": refusal without a reason");
                }
                Decision other = AccessPolicy.decide(admin, memberships, false, action, "search");
                if (other.allowed() != admin) {
                    mismatches.add(who + " " + action + " on another team: expected " + admin);
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(OWN_TEAM).hasSize(5);
    }

    @Test
    void aRefusalNamesTheMissingLevelAndWhoGrantsIt() {
        Decision refused =
                AccessPolicy.decide(false, Map.of("payments", TeamLevel.VIEWER), false, Action.MANAGE_JOBS, "payments");

        assertThat(refused.reason())
                .isEqualTo("You need the DEVELOPER level in team payments to create, scale, restart "
                        + "and kill jobs (you are VIEWER). A lead of team payments or a platform admin can grant it.");
        assertThat(AccessPolicy.decide(false, Map.of(), false, Action.CONTROL_ROLLOUTS, "payments")
                        .reason())
                .isEqualTo("You need the LEAD level in team payments to pause, resume, abort and roll back rollouts "
                        + "(you are not a member). A platform admin can grant it.");
        assertThat(AccessPolicy.decide(false, Map.of(), false, Action.MANAGE_QUOTA, "payments")
                        .reason())
                .startsWith("Only platform admins may change quotas.");
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void whenEveryoneReadsOnlyReadingOpensUp(Action action) {
        Decision decision = AccessPolicy.decide(false, Map.of(), true, action, "payments");
        assertThat(decision.allowed()).isEqualTo(action == Action.READ_JOBS || action == Action.READ_QUOTA);
    }

    @Test
    void leadsManageMembersBelowLeadOnly() {
        assertThat(AccessPolicy.decideMembershipChange(false, TeamLevel.LEAD, TeamLevel.DEVELOPER, "p")
                        .allowed())
                .isTrue();
        assertThat(AccessPolicy.decideMembershipChange(false, TeamLevel.LEAD, TeamLevel.VIEWER, "p")
                        .allowed())
                .isTrue();
        assertThat(AccessPolicy.decideMembershipChange(false, TeamLevel.LEAD, TeamLevel.LEAD, "p")
                        .reason())
                .contains("Only a platform admin may make someone a lead");
        assertThat(AccessPolicy.decideMembershipChange(false, TeamLevel.DEVELOPER, TeamLevel.VIEWER, "p")
                        .allowed())
                .isFalse();
        assertThat(AccessPolicy.decideMembershipChange(true, null, TeamLevel.LEAD, "p")
                        .allowed())
                .isTrue();
    }

    @Test
    void teamActionsNeedATeam() {
        assertThat(AccessPolicy.decide(false, Map.of("p", TeamLevel.LEAD), false, Action.READ_JOBS, null)
                        .allowed())
                .isFalse();
    }
}
