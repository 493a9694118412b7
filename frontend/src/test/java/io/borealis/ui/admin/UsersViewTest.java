package io.borealis.ui.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.user.NewUserAccount;
import io.borealis.auth.user.PlatformRole;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountRepository;
import io.borealis.auth.user.UserAccountService;
import io.borealis.ui.ViewTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithUserDetails;

@WithUserDetails("admin")
class UsersViewTest extends ViewTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @Autowired
    UserAccountRepository repository;

    @Autowired
    UserAccountService accounts;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    io.borealis.auth.team.TeamService teams;

    @Test
    void listsEveryAccountWithItsRole() {
        UsersView view = navigate(UsersView.class);

        List<UserAccount> rows = test(view.grid).size() > 0 ? rows(view) : List.of();
        assertThat(rows).extracting(UserAccount::username).contains("admin", "dev", "lead");
        int admin = index(view, "admin");
        int dev = index(view, "dev");
        assertThat(test(view.grid).getCellText(admin, 3)).isEqualTo("Admin");
        assertThat(test(view.grid).getCellText(dev, 3)).isEqualTo("User");
        assertThat(view.total.getText()).isEqualTo(rows.size() + " users");
    }

    @Test
    void createsAUserAfterShowingTheServicesMessagesInline() {
        UsersView view = navigate(UsersView.class);
        click(view.create);
        UserDialogs.CreateUser dialog = view.createDialog;
        assertThat(dialog.isOpened()).isTrue();

        dialog.username.setValue("Bad Name");
        assertThat(dialog.username.isInvalid()).isTrue();
        assertThat(dialog.username.getErrorMessage()).startsWith("must be 2-64 characters: a lower-case letter first");
        assertThat(dialog.displayName.isInvalid()).as("untouched fields wait").isFalse();
        dialog.password.setValue("short");
        assertThat(dialog.password.getErrorMessage()).contains("at least 8 characters");

        click(dialog.confirm);
        assertThat(dialog.isOpened()).as("refused: nothing created").isTrue();
        assertThat(dialog.displayName.getErrorMessage()).isEqualTo("is required");
        assertThat(repository.findByUsername("bad name")).isEmpty();

        String username = "carol" + NEXT.incrementAndGet();
        dialog.username.setValue(username);
        dialog.displayName.setValue("Carol Creator");
        dialog.email.setValue("carol@example.com");
        dialog.password.setValue("a-long-enough-secret");
        assertThat(dialog.username.isInvalid()).isFalse();
        assertThat(dialog.password.isInvalid()).isFalse();
        click(dialog.confirm);

        assertThat(dialog.isOpened()).isFalse();
        UserAccount created = repository.findByUsername(username).orElseThrow();
        assertThat(created.displayName()).isEqualTo("Carol Creator");
        assertThat(created.platformRole()).isEqualTo(PlatformRole.USER);
        assertThat(index(view, username)).isNotNegative();

        // a taken username is refused by the service, in the dialog
        click(view.create);
        UserDialogs.CreateUser again = view.createDialog;
        again.username.setValue(username);
        again.displayName.setValue("Someone Else");
        again.password.setValue("another-long-secret");
        click(again.confirm);
        assertThat(again.isOpened()).isTrue();
        assertThat(again.error.getText()).isEqualTo("A user named '" + username + "' already exists.");
    }

    @Test
    void anAdminCannotDisableThemselvesButDisablesOthersAfterConfirming() {
        String username = user();
        UsersView view = navigate(UsersView.class);

        UserActions own = view.actions.get("admin");
        assertThat(own.toggleEnabled.isAllowed()).isFalse();
        assertThat(own.toggleEnabled.tooltipText())
                .isEqualTo("You cannot disable your own account; another platform admin can.");

        UserActions other = (UserActions) test(view.grid).getCellComponent(index(view, username), "actions");
        assertThat(other.toggleEnabled.isAllowed()).isTrue();
        click(other.toggleEnabled.button());
        assertThat(repository.findByUsername(username).orElseThrow().enabled())
                .as("not before confirming")
                .isTrue();
        click(other.dialog.confirm);
        assertThat(repository.findByUsername(username).orElseThrow().enabled()).isFalse();

        UserActions disabled = (UserActions) test(view.grid).getCellComponent(index(view, username), "actions");
        assertThat(disabled.toggleEnabled.button().getText()).isEqualTo("Enable");
        click(disabled.toggleEnabled.button());
        assertThat(repository.findByUsername(username).orElseThrow().enabled()).isTrue();
    }

    @Test
    void resetsAPasswordAndChangesARole() {
        String username = user();
        UserView view = navigate("admin/users/" + username, UserView.class);
        assertThat(view.name.getText()).isEqualTo("Test User (" + username + ")");
        assertThat(test(view.teams).size()).isZero();

        click(view.actions.resetPassword.button());
        UserDialogs.ResetPassword reset = (UserDialogs.ResetPassword) view.actions.dialog;
        reset.password.setValue("password");
        reset.repeat.setValue("password");
        click(reset.confirm);
        assertThat(reset.password.isInvalid()).isTrue();
        assertThat(reset.password.getErrorMessage()).containsIgnoringCase("common");
        reset.password.setValue("a-brand-new-secret");
        reset.repeat.setValue("a-brand-new-secret-typo");
        click(reset.confirm);
        assertThat(reset.repeat.getErrorMessage()).isEqualTo("does not match the new password");
        reset.repeat.setValue("a-brand-new-secret");
        click(reset.confirm);
        assertThat(reset.isOpened()).isFalse();
        assertThat(passwords.matches(
                        "a-brand-new-secret",
                        repository.findCredentials(username).orElseThrow().passwordHash()))
                .isTrue();

        click(view.actions.changeRole.button());
        UserDialogs.ChangeRole change = (UserDialogs.ChangeRole) view.actions.dialog;
        assertThat(change.confirm.isEnabled()).as("nothing changed yet").isFalse();
        change.role.setValue(PlatformRole.ADMIN);
        click(change.confirm);
        assertThat(repository.findByUsername(username).orElseThrow().platformRole())
                .isEqualTo(PlatformRole.ADMIN);
        assertThat(view.details.getElement().getTextRecursively()).contains("Admin");
    }

    @Test
    void theUserPageListsTheirTeamsWithLinks() {
        String username = user();
        teams.putMember("payments", username, io.borealis.auth.team.TeamLevel.VIEWER);
        try {
            UserView view = navigate("admin/users/" + username, UserView.class);

            assertThat(test(view.teams).size()).isEqualTo(1);
            assertThat(test(view.teams).getCellText(0, 1)).isEqualTo("VIEWER");
            com.vaadin.flow.router.RouterLink link =
                    (com.vaadin.flow.router.RouterLink) test(view.teams).getCellComponent(0, "team");
            assertThat(link.getHref()).isEqualTo("teams/payments");
        } finally {
            teams.removeMember("payments", username);
        }
    }

    @Test
    void anUnknownUserIsNotFound() {
        com.vaadin.flow.component.UI.getCurrent().navigate("admin/users/nobody-at-all");
        assertThat(getCurrentView()).isInstanceOf(io.borealis.ui.error.NotFoundView.class);
    }

    private String user() {
        String username = "user" + NEXT.incrementAndGet() + "x";
        accounts.createAccountAsAdmin(
                new NewUserAccount(username, "Test User", null, "a-long-enough-secret", PlatformRole.USER));
        return username;
    }

    private List<UserAccount> rows(UsersView view) {
        return java.util.stream.IntStream.range(0, test(view.grid).size())
                .mapToObj(i -> test(view.grid).getRow(i))
                .toList();
    }

    private int index(UsersView view, String username) {
        List<UserAccount> rows = rows(view);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).username().equals(username)) {
                return i;
            }
        }
        return -1;
    }

    /** Clicks like a person and lets the UI attach what opened (dialogs attach on the round trip). */
    private void click(com.vaadin.flow.component.button.Button button) {
        com.vaadin.browserless.internal.MockVaadin.clientRoundtrip(); // grids render their cells
        test(button).click();
        com.vaadin.browserless.internal.MockVaadin.clientRoundtrip();
    }
}
