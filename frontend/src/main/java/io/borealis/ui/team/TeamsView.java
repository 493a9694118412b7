package io.borealis.ui.team;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.borealis.auth.access.Action;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamService;
import io.borealis.ui.support.FormDialog;
import io.borealis.ui.support.GuardedButton;
import io.borealis.ui.support.Notices;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * The teams the signed-in person may see (all of them for platform admins), each linking to its
 * page with members and quota; platform admins create teams here.
 */
@Route("teams")
@PageTitle("Teams")
@Menu(title = "Teams", order = 86, icon = "vaadin:group")
@PermitAll
public class TeamsView extends Div {

    final Grid<Team> grid = new Grid<>();
    final GuardedButton create;
    final Span total = new Span();
    FormDialog createDialog;

    private final TeamService teams;
    private final TeamAccess access;

    public TeamsView(TeamService teams, TeamAccess access) {
        this.teams = teams;
        this.access = access;
        setId("teams-view");
        addClassNames("borealis-page", "borealis-teams");
        Button createButton = new Button("Create team", VaadinIcon.PLUS.create());
        createButton.setId("create-team");
        createButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        createButton.addClickListener(e -> openCreate());
        create = new GuardedButton(createButton).guard(access.check(Action.MANAGE_TEAMS, null));
        total.setId("teams-total");
        total.addClassName("borealis-muted");
        Div actions = new Div(total, create);
        actions.addClassName("borealis-toolbar-actions");
        Div toolbar = new Div(new Div(), actions);
        toolbar.addClassName("borealis-toolbar");

        grid.setId("teams-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(TeamsView::teamLink)
                .setHeader("Team")
                .setKey("team")
                .setComparator(Team::slug)
                .setSortable(true);
        grid.addColumn(Team::displayName).setHeader("Name").setKey("name").setSortable(true);
        grid.addColumn(t -> t.archived() ? "Archived" : "Active")
                .setHeader("Status")
                .setKey("status");
        grid.addColumn(this::myLevel).setHeader("Your level").setKey("level");
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("You are not a member of any team yet. A team lead or a platform admin can add you.");
        add(toolbar, grid);
        refresh();
    }

    void refresh() {
        List<Team> visible = teams.visibleTeams();
        total.setText(visible.size() == 1 ? "1 team" : visible.size() + " teams");
        grid.setItems(visible);
    }

    private String myLevel(Team team) {
        return access.levelIn(team.slug()).map(Enum::name).orElse(access.isAdmin() ? "platform admin" : "-");
    }

    private void openCreate() {
        TextField slug = new TextField("Team id");
        slug.setId("new-team-slug");
        slug.setHelperText("The first part of the team's job keys: lower-case letters, digits, '-'; 2-32 characters.");
        slug.setWidthFull();
        TextField name = new TextField("Display name");
        name.setId("new-team-name");
        name.setWidthFull();
        FormDialog dialog = new FormDialog("create-team-dialog", "Create a team", "Create team", false);
        dialog.explain("A new team has no members and no production quota: add members and set a quota on "
                + "its page next.");
        dialog.content(slug, name).field("slug", slug).field("displayName", name);
        dialog.onConfirm(() -> {
            Team team = teams.createTeam(slug.getValue().strip(), name.getValue());
            Notices.success("Team " + team.slug() + " created.");
            getUI().ifPresent(ui -> ui.navigate(TeamView.class, TeamView.parameters(team.slug())));
        });
        dialog.onDone(this::refresh);
        createDialog = dialog;
        dialog.open();
    }

    static Component teamLink(Team team) {
        RouterLink link = new RouterLink(team.slug(), TeamView.class, TeamView.parameters(team.slug()));
        link.addClassName("borealis-team-link");
        return link;
    }
}
