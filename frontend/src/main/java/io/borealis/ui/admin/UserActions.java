package io.borealis.ui.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountService;
import io.borealis.ui.support.FormDialog;
import io.borealis.ui.support.GuardedButton;
import io.borealis.ui.support.Notices;

/**
 * What an admin does with an account: reset its password, disable or enable it, change its
 * platform role. The same buttons on the users list and on a user's page; destructive ones ask
 * first. The page is admin-only and the service checks again.
 */
class UserActions extends Div {

    final GuardedButton resetPassword;
    final GuardedButton toggleEnabled;
    final GuardedButton changeRole;
    FormDialog dialog;

    UserActions(UserAccount account, String me, UserAccountService accounts, Runnable refresh, boolean compact) {
        addClassName("borealis-user-actions");
        String prefix = compact ? "user-" + account.username() + "-" : "user-";
        Button reset = button("Reset password", VaadinIcon.KEY, prefix + "reset-password", compact);
        reset.addClickListener(e -> open(new UserDialogs.ResetPassword(account, accounts, refresh)));
        resetPassword = new GuardedButton(reset);

        Button toggle = button(
                account.enabled() ? "Disable" : "Enable",
                account.enabled() ? VaadinIcon.BAN : VaadinIcon.CHECK_CIRCLE,
                prefix + "toggle-enabled",
                compact);
        if (account.enabled()) {
            toggle.addThemeVariants(ButtonVariant.LUMO_ERROR);
            toggle.addClickListener(e -> open(UserDialogs.disable(account, accounts, refresh)));
        } else {
            toggle.addClickListener(e -> {
                accounts.setEnabled(account.username(), true);
                Notices.success(account.username() + " is enabled again.");
                refresh.run();
            });
        }
        toggleEnabled = new GuardedButton(toggle);
        if (account.enabled() && account.username().equals(me)) {
            toggleEnabled.refuse("You cannot disable your own account; another platform admin can.");
        }

        Button role = button("Change role", VaadinIcon.USER_STAR, prefix + "change-role", compact);
        role.addClickListener(e -> open(new UserDialogs.ChangeRole(account, accounts, refresh)));
        changeRole = new GuardedButton(role);
        add(resetPassword, toggleEnabled, changeRole);
    }

    private void open(FormDialog next) {
        dialog = next;
        next.open();
    }

    private static Button button(String text, VaadinIcon icon, String id, boolean compact) {
        Button button = new Button(text, icon.create());
        button.setId(id);
        if (compact) {
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        return button;
    }
}
