package io.borealis.ui.admin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.borealis.auth.access.CurrentUser;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountService;
import io.borealis.ui.support.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.Map;

/**
 * Platform admins: every account, its role and its sign-in state; creating accounts, and per
 * account resetting the password, disabling or enabling it and changing its platform role. Each
 * username links to the user's page.
 */
@Route("admin/users")
@PageTitle("Users")
@Menu(title = "Users", order = 90, icon = "vaadin:users")
@RolesAllowed("ADMIN")
public class UsersView extends Div {

    final Grid<UserAccount> grid = new Grid<>(UserAccount.class, false);
    final Button create = new Button("Create user", VaadinIcon.PLUS.create());
    final Span total = new Span();
    final Map<String, UserActions> actions = new HashMap<>();
    UserDialogs.CreateUser createDialog;

    private final UserAccountService accounts;

    public UsersView(UserAccountService accounts) {
        this.accounts = accounts;
        addClassNames("borealis-page", "borealis-users");
        create.setId("create-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> {
            createDialog = new UserDialogs.CreateUser(accounts, this::refresh);
            createDialog.open();
        });
        total.setId("users-total");
        total.addClassName("borealis-muted");
        Div toolbarActions = new Div(total, create);
        toolbarActions.addClassName("borealis-toolbar-actions");
        Div toolbar = new Div(new Div(), toolbarActions);
        toolbar.addClassName("borealis-toolbar");

        grid.setId("users-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(UsersView::userLink)
                .setHeader("Username")
                .setKey("username")
                .setComparator(UserAccount::username)
                .setSortable(true);
        grid.addColumn(UserAccount::displayName).setHeader("Name").setSortable(true);
        grid.addColumn(a -> a.email() == null ? "" : a.email()).setHeader("Email");
        grid.addColumn(a -> a.isAdmin() ? "Admin" : "User").setHeader("Platform role");
        grid.addColumn(a -> a.enabled() ? "Enabled" : "Disabled").setHeader("Status");
        grid.addColumn(a -> Formats.instant(a.lastSignInAt())).setHeader("Last sign-in");
        grid.addColumn(a -> Formats.instant(a.lockedUntil())).setHeader("Locked until");
        grid.addComponentColumn(this::actionsCell)
                .setHeader("Actions")
                .setKey("actions")
                .setFlexGrow(2);
        grid.setAllRowsVisible(true);
        add(toolbar, grid);
        refresh();
    }

    void refresh() {
        actions.clear();
        var list = accounts.listAccounts();
        String me = CurrentUser.username().orElse("");
        list.forEach(account ->
                actions.put(account.username(), new UserActions(account, me, accounts, this::refresh, true)));
        total.setText(list.size() == 1 ? "1 user" : list.size() + " users");
        grid.setItems(list);
    }

    private Component actionsCell(UserAccount account) {
        UserActions cell = new UserActions(account, CurrentUser.username().orElse(""), accounts, this::refresh, true);
        actions.put(account.username(), cell);
        return cell;
    }

    static Component userLink(UserAccount account) {
        RouterLink link = new RouterLink(account.username(), UserView.class, UserView.parameters(account.username()));
        link.addClassName("borealis-user-link");
        return link;
    }
}
