package io.borealis.ui.admin;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountService;
import io.borealis.ui.support.Formats;
import jakarta.annotation.security.RolesAllowed;

/** Platform admins: every account, its role and its sign-in state. */
@Route("admin/users")
@PageTitle("Users")
@Menu(title = "Users", order = 90, icon = "vaadin:users")
@RolesAllowed("ADMIN")
public class UsersView extends Div {

    final Grid<UserAccount> grid = new Grid<>(UserAccount.class, false);

    public UsersView(UserAccountService accounts) {
        addClassName("borealis-page");
        grid.setId("users-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(UserAccount::username).setHeader("Username").setSortable(true);
        grid.addColumn(UserAccount::displayName).setHeader("Name").setSortable(true);
        grid.addColumn(a -> a.email() == null ? "" : a.email()).setHeader("Email");
        grid.addColumn(a -> a.isAdmin() ? "Admin" : "User").setHeader("Platform role");
        grid.addColumn(a -> a.enabled() ? "Enabled" : "Disabled").setHeader("Status");
        grid.addColumn(a -> Formats.instant(a.lastSignInAt())).setHeader("Last sign-in");
        grid.addColumn(a -> Formats.instant(a.lockedUntil())).setHeader("Locked until");
        grid.setItems(accounts.listAccounts());
        grid.setAllRowsVisible(true);
        add(grid);
    }
}
