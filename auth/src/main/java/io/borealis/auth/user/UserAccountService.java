package io.borealis.auth.user;

import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.auth.access.Action;
import io.borealis.auth.access.CurrentUser;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.password.PasswordPolicy;
import io.borealis.error.ConflictException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creating them (validated), listing them for admins, and each person's preferences. */
@Service
public class UserAccountService {

    /** Lower-case letter first, then letters, digits, dot, dash or underscore; 2 to 64 characters. */
    public static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final TeamAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    public UserAccountService(
            UserAccountRepository accounts,
            PasswordEncoder passwordEncoder,
            TeamAccess access,
            AuditTrail audit,
            Clock clock) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates an account after checking every field; refuses a username that is taken. Callers
     * that act for a person (the admin pages) check that person's rights first.
     */
    @Transactional
    public UserAccount createAccount(NewUserAccount account) {
        List<FieldProblem> problems = validate(account);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (accounts.findByUsername(account.username()).isPresent()) {
            throw new ConflictException(
                    "A user named '" + UserAccountRepository.normalize(account.username()) + "' already exists.");
        }
        try {
            accounts.insert(account, passwordEncoder.encode(account.password()), clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A user named '" + account.username() + "' already exists.", e);
        }
        UserAccount created = accounts.findByUsername(account.username()).orElseThrow();
        audit.record(AuditRecord.of("user.create")
                .target(created.username())
                .change("displayName", null, created.displayName())
                .change("email", null, created.email())
                .change("platformRole", null, created.platformRole()));
        return created;
    }

    /** Every field problem of a new account, in form order. */
    public static List<FieldProblem> validate(NewUserAccount account) {
        List<FieldProblem> problems = new ArrayList<>();
        String username = UserAccountRepository.normalize(account.username());
        if (!USERNAME.matcher(username).matches()) {
            problems.add(
                    new FieldProblem(
                            "username",
                            "must be 2-64 characters: a lower-case letter first, then lower-case letters, digits, '.', '-' or '_'"));
        }
        if (account.displayName() == null || account.displayName().isBlank()) {
            problems.add(new FieldProblem("displayName", "is required"));
        } else if (account.displayName().strip().length() > 128) {
            problems.add(new FieldProblem("displayName", "must be at most 128 characters"));
        }
        if (account.email() != null
                && !account.email().isBlank()
                && (account.email().strip().length() > 254
                        || !EMAIL.matcher(account.email().strip()).matches())) {
            problems.add(new FieldProblem("email", "must be an address like name@example.com"));
        }
        for (String problem : PasswordPolicy.problems(account.password(), username)) {
            problems.add(new FieldProblem("password", problem));
        }
        if (account.platformRole() == null) {
            problems.add(new FieldProblem("platformRole", "is required: ADMIN or USER"));
        }
        return problems;
    }

    /** Creates an account for someone else: platform admins only. */
    @Transactional
    public UserAccount createAccountAsAdmin(NewUserAccount account) {
        access.require(Action.MANAGE_USERS, null, "user.create", account.username());
        return createAccount(account);
    }

    /** Enables or disables sign-in for an account (admins; never their own). */
    @Transactional
    public UserAccount setEnabled(String username, boolean enabled) {
        access.require(Action.MANAGE_USERS, null, enabled ? "user.enable" : "user.disable", username);
        UserAccount account = existing(username);
        if (!enabled && account.username().equals(CurrentUser.requireUsername())) {
            throw new ConflictException("You cannot disable your own account.");
        }
        accounts.setEnabled(account.username(), enabled);
        audit.record(AuditRecord.of(enabled ? "user.enable" : "user.disable")
                .target(account.username())
                .change("enabled", account.enabled(), enabled));
        return existing(username);
    }

    /** Sets a new password for an account (admins), after checking it against the policy. */
    @Transactional
    public void resetPassword(String username, String newPassword) {
        access.require(Action.MANAGE_USERS, null, "user.reset-password", username);
        UserAccount account = existing(username);
        List<FieldProblem> problems = PasswordPolicy.problems(newPassword, account.username()).stream()
                .map(problem -> new FieldProblem("password", problem))
                .toList();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        accounts.updatePassword(account.username(), passwordEncoder.encode(newPassword));
        // the password itself is never recorded
        audit.record(
                AuditRecord.of("user.reset-password").target(account.username()).message("Password reset"));
    }

    /** Changes an account's platform role (admins); the last admin cannot lose the role. */
    @Transactional
    public UserAccount setPlatformRole(String username, PlatformRole role) {
        access.require(Action.MANAGE_USERS, null, "user.role", username);
        if (role == null) {
            throw new InvalidInputException("platformRole", "is required: ADMIN or USER");
        }
        UserAccount account = existing(username);
        if (account.isAdmin() && role != PlatformRole.ADMIN && accounts.countAdmins() <= 1) {
            throw new ConflictException(
                    "'" + account.username() + "' is the last platform admin; make someone else admin first.");
        }
        accounts.setPlatformRole(account.username(), role);
        audit.record(AuditRecord.of("user.role")
                .target(account.username())
                .change("platformRole", account.platformRole(), role));
        return existing(username);
    }

    /** One account (admins, or the person themself). */
    @Transactional(readOnly = true)
    public UserAccount account(String username) {
        String me = CurrentUser.requireUsername();
        if (!me.equals(UserAccountRepository.normalize(username))) {
            access.require(Action.MANAGE_USERS, null, "user.read", username);
        }
        return existing(username);
    }

    private UserAccount existing(String username) {
        return accounts.findByUsername(username)
                .orElseThrow(() -> new NotFoundException("There is no user '" + username + "'."));
    }

    /** All accounts, for platform admins. */
    @Transactional(readOnly = true)
    public List<UserAccount> listAccounts() {
        access.require(Action.MANAGE_USERS, null, "user.list", null);
        return accounts.findAll();
    }

    /** The signed-in person's own account. */
    @Transactional(readOnly = true)
    public Optional<UserAccount> currentAccount() {
        return CurrentUser.username().flatMap(accounts::findByUsername);
    }

    /** Remembers the colour scheme the signed-in person chose. */
    @Transactional
    public void changeOwnTheme(Theme theme) {
        accounts.updateTheme(CurrentUser.requireUsername(), theme);
    }
}
