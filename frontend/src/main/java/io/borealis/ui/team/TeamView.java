package io.borealis.ui.team;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.borealis.auth.access.AccessPolicy;
import io.borealis.auth.access.Action;
import io.borealis.auth.access.Decision;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.team.Membership;
import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.quota.QuotaService;
import io.borealis.ui.admin.UserView;
import io.borealis.ui.jobs.JobsView;
import io.borealis.ui.live.LiveUpdates;
import io.borealis.ui.support.FormDialog;
import io.borealis.ui.support.Formats;
import io.borealis.ui.support.GuardedButton;
import io.borealis.ui.support.Notices;
import jakarta.annotation.security.PermitAll;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A team: its name (renamed and archived by platform admins), its members with their levels
 * (managed by platform admins, and by the team's leads below LEAD), its production quota against
 * its use (set by platform admins, with an explicit over-commit below current use), and a link to
 * its jobs. What the person may not do is disabled with the reason; the services check again.
 */
@Route("teams/:team")
@PermitAll
public class TeamView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    final H2 name = new H2();
    final Span slugTag = new Span();
    final Span archivedTag = new Span("Archived");
    final RouterLink jobsLink = new RouterLink();
    final GuardedButton rename;
    final GuardedButton archive;
    final GuardedButton addMember;
    final GuardedButton editQuota;
    final Grid<Membership> members = new Grid<>();
    final Map<String, GuardedButton[]> memberActions = new HashMap<>();
    final QuotaSection quota = new QuotaSection();
    FormDialog dialog;

    private final TeamService teams;
    private final QuotaService quotas;
    private final TeamAccess access;
    private final LiveUpdates live;
    private String slug;
    private Team team;
    private boolean admin;
    private TeamLevel myLevel;
    private QuotaService.TeamQuota teamQuota;

    public TeamView(TeamService teams, QuotaService quotas, TeamAccess access, LiveUpdates live) {
        this.teams = teams;
        this.quotas = quotas;
        this.access = access;
        this.live = live;
        setId("team-view");
        addClassNames("borealis-page", "borealis-team");

        name.setId("team-name");
        slugTag.setId("team-slug");
        slugTag.addClassName("borealis-muted");
        archivedTag.setId("team-archived");
        archivedTag.addClassNames("borealis-tag", "borealis-tag-killed");
        jobsLink.setId("team-jobs");
        jobsLink.setText("Jobs of this team");
        Div header = new Div(name, slugTag, archivedTag);
        header.addClassName("borealis-team-header");

        rename = guarded("Rename", VaadinIcon.EDIT, "team-rename", e -> openRename());
        archive = guarded("Archive", VaadinIcon.ARCHIVE, "team-archive", e -> toggleArchived());
        Div toolbar = new Div(jobsLink, rename, archive);
        toolbar.addClassName("borealis-team-toolbar");

        addMember = guarded("Add member", VaadinIcon.PLUS, "team-add-member", e -> openAddMember());
        members.setId("team-members");
        members.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        members.addComponentColumn(this::userCell)
                .setHeader("Username")
                .setKey("username")
                .setComparator(Membership::username)
                .setSortable(true);
        members.addColumn(Membership::displayName).setHeader("Name").setKey("name");
        members.addColumn(m -> m.level().name()).setHeader("Level").setKey("level");
        members.addColumn(m -> Formats.instant(m.addedAt())).setHeader("Since").setKey("since");
        members.addColumn(m -> m.addedBy() == null ? "-" : m.addedBy())
                .setHeader("Added by")
                .setKey("addedBy");
        members.addComponentColumn(this::memberActionsCell)
                .setHeader("Actions")
                .setKey("actions")
                .setFlexGrow(2);
        members.setAllRowsVisible(true);
        members.setEmptyStateText("No members yet.");
        Div membersHead = new Div(new H3("Members"), addMember);
        membersHead.addClassName("borealis-card-header");
        Div membersCard = new Div(membersHead, members);
        membersCard.setId("team-members-card");
        membersCard.addClassName("borealis-card");

        editQuota = guarded("Edit quota", VaadinIcon.SLIDERS, "team-edit-quota", e -> openQuota());
        Div quotaHead = new Div(new H3("Production quota"), editQuota);
        quotaHead.addClassName("borealis-card-header");
        Div quotaCard = new Div(quotaHead, quota);
        quotaCard.setId("team-quota");
        quotaCard.addClassName("borealis-card");

        add(header, toolbar, membersCard, quotaCard);
    }

    public static RouteParameters parameters(String team) {
        return new RouteParameters(Map.of("team", team));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        slug = event.getRouteParameters().get("team").orElse("");
        refresh();
        live.onJobChange(this, key -> key.team().equals(slug), this::refreshQuota);
    }

    @Override
    public String getPageTitle() {
        return team == null ? "Team" : "Team " + team.displayName();
    }

    /** Reads the team, its members and quota again. */
    void refresh() {
        team = teams.team(slug);
        admin = access.isAdmin();
        myLevel = admin ? null : access.levelIn(slug).orElse(null);
        name.setText(team.displayName());
        slugTag.setText(team.slug());
        archivedTag.setVisible(team.archived());
        jobsLink.setRoute(JobsView.class);
        jobsLink.setQueryParameters(QueryParameters.of("team", slug));

        Decision manageTeams = access.check(Action.MANAGE_TEAMS, slug);
        rename.guard(manageTeams);
        archive.button().setText(team.archived() ? "Unarchive" : "Archive");
        archive.guard(manageTeams);
        addMember.guard(addDecision());
        editQuota.guard(access.check(Action.MANAGE_QUOTA, slug));

        memberActions.clear();
        List<Membership> list = teams.members(slug);
        list.forEach(this::createMemberActions);
        members.setItems(list);
        refreshQuota();
    }

    void refreshQuota() {
        teamQuota = quotas.quota(slug);
        quota.show(teamQuota);
    }

    /** Admins add anyone; leads add below LEAD; others may not. */
    private Decision addDecision() {
        if (admin || myLevel == TeamLevel.LEAD) {
            return Decision.ALLOWED;
        }
        return access.check(Action.MANAGE_MEMBERS, slug);
    }

    /** The levels the signed-in person may give. */
    List<TeamLevel> grantableLevels() {
        return admin
                ? List.of(TeamLevel.VIEWER, TeamLevel.DEVELOPER, TeamLevel.LEAD)
                : List.of(TeamLevel.VIEWER, TeamLevel.DEVELOPER);
    }

    private Component userCell(Membership member) {
        if (!admin) {
            return new Span(member.username());
        }
        return new RouterLink(member.username(), UserView.class, UserView.parameters(member.username()));
    }

    private Component memberActionsCell(Membership member) {
        GuardedButton[] buttons = memberActions.get(member.username());
        Div cell = new Div(buttons[0], buttons[1]);
        cell.addClassName("borealis-member-actions");
        return cell;
    }

    private void createMemberActions(Membership member) {
        Decision decision = AccessPolicy.decideMembershipChange(admin, myLevel, member.level(), slug);
        GuardedButton change = guarded(
                "Change level",
                VaadinIcon.EDIT,
                "member-" + member.username() + "-level",
                e -> openChangeLevel(member));
        GuardedButton remove = guarded(
                "Remove", VaadinIcon.CLOSE_SMALL, "member-" + member.username() + "-remove", e -> openRemove(member));
        change.button().addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        remove.button()
                .addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        change.guard(decision);
        remove.guard(decision);
        memberActions.put(member.username(), new GuardedButton[] {change, remove});
    }

    private void openRename() {
        TextField displayName = new TextField("Display name");
        displayName.setId("team-rename-name");
        displayName.setValue(team.displayName());
        displayName.setWidthFull();
        FormDialog rename = new FormDialog("rename-team-dialog", "Rename team " + slug, "Rename", false);
        rename.explain("The team id " + slug + " (the first part of its job keys) stays the same.");
        rename.content(displayName).field("displayName", displayName);
        rename.onConfirm(() -> {
            teams.renameTeam(slug, displayName.getValue());
            Notices.success("Team " + slug + " renamed.");
        });
        open(rename);
    }

    private void toggleArchived() {
        if (team.archived()) {
            teams.setArchived(slug, false);
            Notices.success("Team " + slug + " is active again.");
            refresh();
            return;
        }
        FormDialog confirm = new FormDialog("archive-team-dialog", "Archive team " + slug + "?", "Archive", true);
        confirm.explain("Nobody can launch new jobs in an archived team. Its running jobs, members and quota stay; "
                + "unarchive it to undo this.");
        confirm.onConfirm(() -> {
            teams.setArchived(slug, true);
            Notices.success("Team " + slug + " archived.");
        });
        open(confirm);
    }

    private void openAddMember() {
        TextField username = new TextField("Username");
        username.setId("member-username");
        username.setWidthFull();
        RadioButtonGroup<TeamLevel> level = levelChoice("member-level", TeamLevel.DEVELOPER);
        FormDialog add = new FormDialog("add-member-dialog", "Add a member to team " + slug, "Add member", false);
        add.explain(levelsExplained());
        add.content(username, level).field("username", username).field("level", level);
        add.onConfirm(() -> {
            Membership added = teams.putMember(slug, username.getValue().strip(), level.getValue());
            Notices.success(added.username() + " is now " + added.level() + " in team " + slug + ".");
        });
        open(add);
    }

    private void openChangeLevel(Membership member) {
        RadioButtonGroup<TeamLevel> level = levelChoice("member-new-level", member.level());
        FormDialog change = new FormDialog(
                "change-level-dialog",
                "Change the level of " + member.username() + " in team " + slug,
                "Change",
                false);
        change.explain(levelsExplained());
        change.content(level).field("level", level);
        change.confirm.setEnabled(false);
        level.addValueChangeListener(e -> change.confirm.setEnabled(e.getValue() != member.level()));
        change.onConfirm(() -> {
            teams.putMember(slug, member.username(), level.getValue());
            Notices.success(member.username() + " is now " + level.getValue() + " in team " + slug + ".");
        });
        open(change);
    }

    private void openRemove(Membership member) {
        FormDialog remove = new FormDialog(
                "remove-member-dialog", "Remove " + member.username() + " from team " + slug + "?", "Remove", true);
        remove.explain(member.username() + " (" + member.level() + ") loses access to the team's jobs at once. "
                + "Jobs they created keep running.");
        remove.onConfirm(() -> {
            teams.removeMember(slug, member.username());
            Notices.success(member.username() + " removed from team " + slug + ".");
        });
        open(remove);
    }

    private void openQuota() {
        open(new QuotaDialog(quotas.quota(slug), quotas, this::refresh));
    }

    private void open(FormDialog next) {
        if (next.getClass() == FormDialog.class) {
            next.onDone(this::refresh);
        }
        dialog = next;
        next.open();
    }

    private RadioButtonGroup<TeamLevel> levelChoice(String id, TeamLevel initial) {
        RadioButtonGroup<TeamLevel> level = new RadioButtonGroup<>("Level");
        level.setId(id);
        level.setItems(grantableLevels());
        level.setValue(grantableLevels().contains(initial) ? initial : null);
        return level;
    }

    private String levelsExplained() {
        return "VIEWER reads the team's jobs, logs and quota; DEVELOPER also launches, scales, restarts and kills "
                + "them; LEAD also steers rollouts and manages members below LEAD"
                + (admin ? "." : ". Only a platform admin may make someone LEAD.");
    }

    private static GuardedButton guarded(
            String text,
            VaadinIcon icon,
            String id,
            com.vaadin.flow.component.ComponentEventListener<com.vaadin.flow.component.ClickEvent<Button>> click) {
        Button button = new Button(text, icon.create(), click);
        button.setId(id);
        return new GuardedButton(button);
    }
}
