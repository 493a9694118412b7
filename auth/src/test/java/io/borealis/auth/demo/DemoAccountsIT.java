package io.borealis.auth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.AuthTestApplication;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountRepository;
import io.borealis.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Demo accounts exist only on the embedded H2 database: run on H2 they are seeded once, run on
 * PostgreSQL (a real datasource) nothing is seeded.
 */
@SpringBootTest(classes = AuthTestApplication.class)
class DemoAccountsIT extends AuthTestApplication.DatabaseTest {

    @Autowired
    DemoAccounts demo;

    @Autowired
    UserAccountRepository repository;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void seedsOnlyTheEmbeddedDatabaseAndOnlyOnce() {
        if (TestDatabase.Kind.selected() == TestDatabase.Kind.H2) {
            // the runner seeded at start-up; the README's passwords work
            assertThat(repository.findAll())
                    .extracting(UserAccount::username)
                    .containsExactlyInAnyOrder("admin", "lead", "dev");
            assertThat(repository.findByUsername("admin").orElseThrow().isAdmin())
                    .isTrue();
            assertThat(encoder.matches(
                            "borealis-admin",
                            repository.findCredentials("admin").orElseThrow().passwordHash()))
                    .isTrue();
        } else {
            assertThat(repository.count()).isZero();
        }
        assertThat(demo.seedIfAllowed()).isFalse();
    }
}
