package io.borealis.ui.admin;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.borealis.auth.access.CurrentUser;
import io.borealis.auth.team.Membership;
import io.borealis.auth.team.TeamService;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountService;
import io.borealis.ui.support.Formats;
import io.borealis.ui.team.TeamView;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.Map;

/** One account, for platform admins: its details, its teams and levels, and the same actions as the list. */
@Route("admin/users/:username")
@RolesAllowed("ADMIN")
public class UserView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    final H2 name = new H2();
    final Span status = new Span();
    final Div details = new Div();
    final Div actionsHolder = new Div();
    final Grid<Membership> teams = new Grid<>();
    UserActions actions;

    private final UserAccountService accounts;
    private final TeamService teamService;
    private String username;

    public UserView(UserAccountService accounts, TeamService teamService) {
        this.accounts = accounts;
        this.teamService = teamService;
        setId("user-view");
        addClassNames("borealis-page", "borealis-user");
        name.setId("user-name");
        status.setId("user-status");
        details.setId("user-details");
        details.addClassName("borealis-card");
        Div header = new Div(name, status);
        header.addClassName("borealis-user-header");
        actionsHolder.addClassName("borealis-toolbar");

        teams.setId("user-teams");
        teams.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        teams.addComponentColumn(m -> new RouterLink(m.team(), TeamView.class, TeamView.parameters(m.team())))
                .setHeader("Team")
                .setKey("team");
        teams.addColumn(m -> m.level().name()).setHeader("Level").setKey("level");
        teams.addColumn(m -> Formats.instant(m.addedAt())).setHeader("Since");
        teams.addColumn(m -> m.addedBy() == null ? "-" : m.addedBy()).setHeader("Added by");
        teams.setAllRowsVisible(true);
        teams.setEmptyStateText("Not a member of any team. Add them on a team's page.");
        Div teamsCard = new Div(new H3("Teams"), teams);
        teamsCard.addClassName("borealis-card");
        add(header, actionsHolder, details, teamsCard);
    }

    public static RouteParameters parameters(String username) {
        return new RouteParameters(Map.of("username", username));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        username = event.getRouteParameters().get("username").orElse("");
        refresh();
    }

    @Override
    public String getPageTitle() {
        return username == null ? "User" : "User " + username;
    }

    void refresh() {
        UserAccount account = accounts.account(username);
        name.setText(account.displayName() + " (" + account.username() + ")");
        status.setText(account.enabled() ? "Enabled" : "Disabled");
        status.setClassName("borealis-tag " + (account.enabled() ? "borealis-tag-active" : "borealis-tag-killed"));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Username", account.username());
        facts.put("Name", account.displayName());
        facts.put("Email", account.email() == null ? "-" : account.email());
        facts.put("Platform role", UserDialogs.roleLabel(account.platformRole()));
        facts.put("Status", account.enabled() ? "Enabled" : "Disabled");
        facts.put("Last sign-in", Formats.instant(account.lastSignInAt()));
        facts.put("Locked until", Formats.instant(account.lockedUntil()));
        facts.put("Failed sign-ins in a row", Integer.toString(account.failedSignIns()));
        facts.put("Created", Formats.instant(account.createdAt()));
        DescriptionList list = new DescriptionList();
        list.addClassName("borealis-facts");
        facts.forEach(
                (term, value) -> list.add(new DescriptionList.Term(term), new DescriptionList.Description(value)));
        details.removeAll();
        details.add(new H3("Account"), list);
        actionsHolder.removeAll();
        actions = new UserActions(account, CurrentUser.username().orElse(""), accounts, this::refresh, false);
        actionsHolder.add(actions);
        teams.setItems(teamService.membershipsOf(account.username()));
    }
}
