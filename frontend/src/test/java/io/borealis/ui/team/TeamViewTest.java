package io.borealis.ui.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.borealis.auth.team.Membership;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.quota.Quota;
import io.borealis.quota.QuotaService;
import io.borealis.scheduler.JobService;
import io.borealis.ui.Specs;
import io.borealis.ui.ViewTest;
import io.borealis.ui.error.ForbiddenView;
import io.borealis.ui.support.FormDialog;
import io.borealis.ui.support.GuardedButton;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/** The team page: who may do what (disabled with the reason), members, and the quota with its over-commit. */
class TeamViewTest extends ViewTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @Autowired
    TeamService teams;

    @Autowired
    QuotaService quotas;

    @Autowired
    JobService jobs;

    private final java.util.List<String> created = new java.util.ArrayList<>();

    /** Takes the demo people out of the teams made here again (other tests expect them in payments only). */
    @org.junit.jupiter.api.AfterEach
    void leaveTheTeams() {
        asAdmin(() -> {
            for (String slug : created) {
                for (Membership member : teams.members(slug)) {
                    teams.removeMember(slug, member.username());
                }
                teams.setArchived(slug, true);
            }
            return null;
        });
    }

    /** A fresh team with lead as LEAD, dev as DEVELOPER and a quota of 4 cpus, 4096 MB, 8192 MB. */
    private String team() {
        String slug = "team" + NEXT.incrementAndGet() + "x";
        created.add(slug);
        asAdmin(() -> {
            teams.createTeam(slug, "Team " + slug);
            teams.putMember(slug, "lead", TeamLevel.LEAD);
            teams.putMember(slug, "dev", TeamLevel.DEVELOPER);
            quotas.setQuota(slug, new Quota(new Resources(4, 4096, 8192), null), false);
            return null;
        });
        return slug;
    }

    @Test
    @WithUserDetails("dev")
    void aDeveloperReadsTheTeamButEveryChangeIsDisabledWithTheReason() {
        String slug = team();
        TeamView view = open(slug);

        assertThat(view.name.getText()).isEqualTo("Team " + slug);
        assertThat(view.rename.isAllowed()).isFalse();
        assertThat(view.rename.tooltipText()).startsWith("Only platform admins may create, rename and archive teams.");
        assertThat(view.editQuota.isAllowed()).isFalse();
        assertThat(view.editQuota.tooltipText()).startsWith("Only platform admins may change quotas.");
        assertThat(view.addMember.isAllowed()).isFalse();
        assertThat(view.addMember.tooltipText())
                .isEqualTo("You need the LEAD level in team " + slug + " to manage the team's members (you are "
                        + "DEVELOPER). A platform admin can grant it.");
        GuardedButton[] leadRow = view.memberActions.get("lead");
        assertThat(leadRow[0].isAllowed()).isFalse();
        assertThat(leadRow[1].tooltipText()).contains("You need the LEAD level in team " + slug);
        assertThat(view.jobsLink.getHref()).isEqualTo("?team=" + slug);
    }

    @Test
    @WithUserDetails("lead")
    void aLeadManagesMembersBelowLeadOnly() {
        String slug = team();
        TeamView view = open(slug);

        assertThat(view.addMember.isAllowed()).isTrue();
        assertThat(view.grantableLevels()).containsExactly(TeamLevel.VIEWER, TeamLevel.DEVELOPER);
        GuardedButton[] own = view.memberActions.get("lead");
        assertThat(own[1].isAllowed()).as("leads cannot remove a lead").isFalse();
        assertThat(own[1].tooltipText())
                .isEqualTo("Only a platform admin may make someone a lead of team " + slug
                        + " or remove a lead. Ask a platform admin.");
        GuardedButton[] dev = view.memberActions.get("dev");
        assertThat(dev[0].isAllowed()).isTrue();

        // add admin as VIEWER, with a typo first
        click(view.addMember.button());
        FormDialog add = view.dialog;
        com.vaadin.flow.component.textfield.TextField username = $(com.vaadin.flow.component.textfield.TextField.class)
                .withId("member-username")
                .single();
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.radiobutton.RadioButtonGroup<TeamLevel> level =
                $(com.vaadin.flow.component.radiobutton.RadioButtonGroup.class)
                        .withId("member-level")
                        .single();
        username.setValue("nobody-here");
        click(add.confirm);
        assertThat(username.getErrorMessage()).isEqualTo("there is no user 'nobody-here'");
        username.setValue("admin");
        level.setValue(TeamLevel.VIEWER);
        click(add.confirm);
        assertThat(add.isOpened()).isFalse();
        assertThat(teams.members(slug))
                .extracting(Membership::username, Membership::level)
                .contains(org.assertj.core.groups.Tuple.tuple("admin", TeamLevel.VIEWER));

        // remove dev after confirming
        click(view.memberActions.get("dev")[1].button());
        assertThat(teams.members(slug)).extracting(Membership::username).contains("dev");
        click(view.dialog.confirm);
        assertThat(teams.members(slug)).extracting(Membership::username).doesNotContain("dev");
        assertThat(view.memberActions).doesNotContainKey("dev");
    }

    @Test
    @WithUserDetails("admin")
    void theQuotaShowsUseAndABelowUseQuotaNeedsAnExplicitOvercommit() {
        String slug = team();
        JobSpec spec = Specs.adhoc(slug, Specs.unique("quota"), 2); // production tier
        jobs.create(spec);
        Resources each = spec.task().resources();
        TeamView view = open(slug);

        String cpus = view.quota.numbers("cpus");
        assertThat(cpus).contains("production " + io.borealis.ui.support.Formats.cpus(each.cpus() * 2) + " of 4 cpus");
        assertThat(view.quota.numbers("tasks")).contains("production 2 (no task limit)");
        assertThat(view.editQuota.isAllowed()).isTrue();

        click(view.editQuota.button());
        QuotaDialog dialog = (QuotaDialog) view.dialog;
        assertThat(dialog.cpus.getValue()).isEqualTo(4.0);
        dialog.cpus.setValue(null);
        click(dialog.confirm);
        assertThat(dialog.cpus.getErrorMessage()).startsWith("is required");
        dialog.cpus.setValue(0.0);
        click(dialog.confirm);

        assertThat(dialog.isOpened()).as("refused: below use").isTrue();
        assertThat(dialog.error.getText()).startsWith("The new quota for team " + slug + " is below what it uses now");
        assertThat(dialog.overcommit.isVisible()).isTrue();
        assertThat(dialog.below.getElement().getTextRecursively()).contains("cpus: 0 cpus is below the");
        assertThat(quotas.quota(slug).quota().resources().cpus())
                .as("unchanged")
                .isEqualTo(4.0);

        // changing a field withdraws the offer (it was for other numbers)
        dialog.ramMb.setValue(2048);
        assertThat(dialog.overcommit.isVisible()).isFalse();
        click(dialog.confirm);
        assertThat(dialog.overcommit.isVisible()).isTrue();

        click(dialog.overcommitButton);
        assertThat(dialog.isOpened()).isFalse();
        assertThat(quotas.quota(slug).quota().resources()).isEqualTo(new Resources(0, 2048, 8192));
        assertThat(view.quota.numbers("cpus")).contains("over by");
    }

    @Test
    @WithUserDetails("dev")
    void aTeamTheUserIsNotInIsForbidden() {
        String slug = "closed" + NEXT.incrementAndGet() + "x";
        asAdmin(() -> teams.createTeam(slug, "Closed"));
        UI.getCurrent().navigate("teams/" + slug);
        assertThat(getCurrentView()).isInstanceOf(ForbiddenView.class);
        assertThat(((ForbiddenView) getCurrentView()).reasonText())
                .startsWith("You need the VIEWER level in team " + slug);
    }

    @Test
    @WithUserDetails("admin")
    void anAdminRenamesAndArchivesTheTeam() {
        String slug = team();
        TeamView view = open(slug);

        click(view.rename.button());
        FormDialog rename = view.dialog;
        com.vaadin.flow.component.textfield.TextField displayName =
                $(com.vaadin.flow.component.textfield.TextField.class)
                        .withId("team-rename-name")
                        .single();
        displayName.setValue("  ");
        click(rename.confirm);
        assertThat(displayName.getErrorMessage()).isEqualTo("is required");
        assertThat(teams.team(slug).displayName()).isEqualTo("Team " + slug);
        displayName.setValue("Renamed");
        click(rename.confirm);
        assertThat(view.name.getText()).isEqualTo("Renamed");

        assertThat(view.archivedTag.isVisible()).isFalse();
        click(view.archive.button());
        assertThat(teams.team(slug).archived()).as("not before confirming").isFalse();
        click(view.dialog.confirm);
        assertThat(teams.team(slug).archived()).isTrue();
        assertThat(view.archivedTag.isVisible()).isTrue();
        assertThat(view.archive.button().getText()).isEqualTo("Unarchive");
        click(view.archive.button());
        assertThat(teams.team(slug).archived()).isFalse();
    }

    @Test
    @WithUserDetails("admin")
    void theQuotaFollowsTheTeamsJobsLive() {
        String slug = team();
        TeamView view = open(slug);
        assertThat(view.quota.numbers("tasks")).contains("production 0 (no task limit)");

        jobs.create(Specs.adhoc(slug, Specs.unique("live"), 3));

        eventually(() -> view.quota.numbers("tasks").contains("production 3 (no task limit)"));
        assertThat(view.quota.numbers("cpus")).contains("production 0.3 cpus of 4 cpus");
    }

    private TeamView open(String slug) {
        return navigate("teams/" + slug, TeamView.class);
    }

    /** Clicks like a person and lets the UI attach what opened (dialogs attach on the round trip). */
    private void click(com.vaadin.flow.component.button.Button button) {
        com.vaadin.browserless.internal.MockVaadin.clientRoundtrip(); // grids render their cells
        test(button).click();
        com.vaadin.browserless.internal.MockVaadin.clientRoundtrip();
    }
}
