package io.borealis.ui.admin;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.borealis.auth.password.PasswordPolicy;
import io.borealis.auth.user.NewUserAccount;
import io.borealis.auth.user.PlatformRole;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountService;
import io.borealis.error.FieldProblem;
import io.borealis.ui.support.FormDialog;
import io.borealis.ui.support.Notices;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The dialogs of the user admin pages: create an account, reset a password, change a role, disable. */
final class UserDialogs {

    private UserDialogs() {}

    /** Creating an account: every field checked as it is typed, with the service's own messages. */
    static final class CreateUser extends FormDialog {
        final TextField username = new TextField("Username");
        final TextField displayName = new TextField("Display name");
        final EmailField email = new EmailField("Email (optional)");
        final PasswordField password = new PasswordField("Initial password");
        final RadioButtonGroup<PlatformRole> role = new RadioButtonGroup<>("Platform role");
        private final Set<String> touched = new HashSet<>();
        private final Map<String, HasValidation> byName;

        CreateUser(UserAccountService accounts, Runnable done) {
            super("create-user-dialog", "Create a user", "Create user", false);
            explain("The person signs in with this username and initial password; give them the password "
                    + "through a safe channel. Team levels are given on the team pages.");
            username.setId("new-user-username");
            username.setHelperText("Lower-case letters, digits, '.', '-', '_'; 2-64 characters.");
            displayName.setId("new-user-display-name");
            email.setId("new-user-email");
            password.setId("new-user-password");
            password.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters, not a common one.");
            role.setId("new-user-role");
            role.setItems(PlatformRole.USER, PlatformRole.ADMIN);
            role.setItemLabelGenerator(UserDialogs::roleLabel);
            role.setValue(PlatformRole.USER);
            for (TextField field : List.of(username, displayName)) {
                field.setWidthFull();
            }
            email.setWidthFull();
            password.setWidthFull();
            content(username, displayName, email, password, role);
            byName = Map.of(
                    "username", username,
                    "displayName", displayName,
                    "email", email,
                    "password", password,
                    "platformRole", role);
            byName.forEach(this::field);
            watch("username", username);
            watch("displayName", displayName);
            watch("email", email);
            watch("password", password);
            onConfirm(() -> {
                UserAccount created = accounts.createAccountAsAdmin(account());
                Notices.success("User " + created.username() + " created.");
            });
            onDone(done);
        }

        private <F extends com.vaadin.flow.data.value.HasValueChangeMode & com.vaadin.flow.component.HasValue<?, ?>>
                void watch(String name, F field) {
            field.setValueChangeMode(ValueChangeMode.ON_CHANGE);
            field.addValueChangeListener(e -> {
                touched.add(name);
                validateTouched();
            });
        }

        NewUserAccount account() {
            return new NewUserAccount(
                    username.getValue().strip(),
                    displayName.getValue(),
                    email.getValue().isBlank() ? null : email.getValue().strip(),
                    password.getValue(),
                    role.getValue());
        }

        /** The service's checks for the fields typed so far (the rest are checked on submit). */
        void validateTouched() {
            Map<String, String> problems = UserAccountService.validate(account()).stream()
                    .collect(Collectors.groupingBy(
                            FieldProblem::field,
                            java.util.LinkedHashMap::new,
                            Collectors.mapping(FieldProblem::message, Collectors.joining("; "))));
            for (String name : touched) {
                HasValidation field = byName.get(name);
                String message = problems.get(name);
                field.setErrorMessage(message);
                field.setInvalid(message != null);
            }
        }
    }

    /** Setting a new password for someone (typed twice). */
    static final class ResetPassword extends FormDialog {
        final PasswordField password = new PasswordField("New password");
        final PasswordField repeat = new PasswordField("Repeat the new password");

        ResetPassword(UserAccount account, UserAccountService accounts, Runnable done) {
            super("reset-password-dialog", "Reset the password of " + account.username() + "?", "Reset password", true);
            explain("Their old password stops working at once. Sessions already open stay open until they sign "
                    + "out. Give them the new password through a safe channel.");
            password.setId("reset-password");
            password.setWidthFull();
            repeat.setId("reset-password-repeat");
            repeat.setWidthFull();
            content(password, repeat);
            field("password", password);
            onConfirm(() -> {
                if (!password.getValue().equals(repeat.getValue())) {
                    throw new io.borealis.error.InvalidInputException("repeat", "does not match the new password");
                }
                accounts.resetPassword(account.username(), password.getValue());
                Notices.success("Password of " + account.username() + " reset.");
            });
            field("repeat", repeat);
            onDone(done);
        }
    }

    /** Changing someone's platform role. */
    static final class ChangeRole extends FormDialog {
        final RadioButtonGroup<PlatformRole> role = new RadioButtonGroup<>("Platform role");

        ChangeRole(UserAccount account, UserAccountService accounts, Runnable done) {
            super("change-role-dialog", "Change the platform role of " + account.username() + "?", "Change role", true);
            explain("Admins may do everything on the platform: users, teams, quotas, every job. Users may do what "
                    + "their team levels allow.");
            role.setId("change-role");
            role.setItems(PlatformRole.USER, PlatformRole.ADMIN);
            role.setItemLabelGenerator(UserDialogs::roleLabel);
            role.setValue(account.platformRole());
            confirm.setEnabled(false);
            role.addValueChangeListener(e -> confirm.setEnabled(e.getValue() != account.platformRole()));
            content(role);
            field("platformRole", role);
            onConfirm(() -> {
                accounts.setPlatformRole(account.username(), role.getValue());
                Notices.success(account.username() + " is now " + roleLabel(role.getValue()) + ".");
            });
            onDone(done);
        }
    }

    /** Disabling sign-in for someone. */
    static FormDialog disable(UserAccount account, UserAccountService accounts, Runnable done) {
        FormDialog dialog =
                new FormDialog("disable-user-dialog", "Disable " + account.username() + "?", "Disable", true);
        dialog.explain(account.username() + " can no longer sign in, and their API tokens stop working. Their "
                + "team levels and history stay; enable the account again to undo this.");
        dialog.onConfirm(() -> {
            accounts.setEnabled(account.username(), false);
            Notices.success(account.username() + " is disabled.");
        });
        dialog.onDone(done);
        return dialog;
    }

    static String roleLabel(PlatformRole role) {
        return role == PlatformRole.ADMIN ? "Admin" : "User";
    }
}
