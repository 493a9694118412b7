package io.borealis.auth.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.auth.AuthTestApplication;
import io.borealis.error.ConflictException;
import io.borealis.error.InvalidInputException;
import io.borealis.error.PermissionDeniedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The user store against a real database (H2 or PostgreSQL, see {@code borealis.test.database}). */
@SpringBootTest(classes = AuthTestApplication.class, properties = "borealis.demo.enabled=false")
class UserAccountsIT extends AuthTestApplication.DatabaseTest {

    @Autowired
    UserAccountService service;

    @Autowired
    UserAccountRepository repository;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void createsAnAccountWithAHashedPassword() {
        UserAccount created = service.createAccount(new NewUserAccount(
                "Carla ", "Carla Created", "carla@example.com", "a long passphrase", PlatformRole.USER));

        assertThat(created.username()).isEqualTo("carla");
        assertThat(created.displayName()).isEqualTo("Carla Created");
        assertThat(created.enabled()).isTrue();
        assertThat(created.createdAt()).isNotNull();
        String hash = jdbc.sql("select password_hash from app_user where username = 'carla'")
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("a long passphrase");
        assertThat(encoder.matches("a long passphrase", hash)).isTrue();
        assertThat(repository.findByUsername("CARLA")).contains(created);
    }

    @Test
    void refusesATakenUsernameAndKeepsTheFirstAccount() {
        service.createAccount(new NewUserAccount("dup", "First", null, "a long passphrase", PlatformRole.USER));

        assertThatThrownBy(() -> service.createAccount(
                        new NewUserAccount("dup", "Second", null, "another passphrase", PlatformRole.ADMIN)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("A user named 'dup' already exists.");
        assertThat(repository.findByUsername("dup"))
                .get()
                .extracting(UserAccount::displayName)
                .isEqualTo("First");
    }

    @Test
    void invalidInputStoresNothing() {
        long before = repository.count();

        assertThatThrownBy(() ->
                        service.createAccount(new NewUserAccount("ok-name", "", null, "short", PlatformRole.USER)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("displayName: is required")
                .hasMessageContaining("password: must be at least 8 characters");
        assertThat(repository.count()).isEqualTo(before);
    }

    @Test
    void onlyAdminsListAccounts() {
        service.createAccount(new NewUserAccount("lister", "Lister", null, "a long passphrase", PlatformRole.USER));

        signInAs("lister", PlatformRole.USER);
        assertThatThrownBy(service::listAccounts)
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("Only platform admins may manage users and platform roles");

        signInAs("root", PlatformRole.ADMIN);
        assertThat(service.listAccounts()).extracting(UserAccount::username).contains("lister");
    }

    @Test
    void rememberesEachPersonsTheme() {
        service.createAccount(new NewUserAccount("themer", "Themer", null, "a long passphrase", PlatformRole.USER));
        signInAs("themer", PlatformRole.USER);

        service.changeOwnTheme(Theme.DARK);

        assertThat(service.currentAccount())
                .get()
                .extracting(UserAccount::theme)
                .isEqualTo(Theme.DARK);
        service.changeOwnTheme(Theme.LIGHT);
        assertThat(repository.findByUsername("themer"))
                .get()
                .extracting(UserAccount::theme)
                .isEqualTo(Theme.LIGHT);
    }

    private static void signInAs(String username, PlatformRole role) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username, null, AuthorityUtils.createAuthorityList(role.authority())));
    }
}
