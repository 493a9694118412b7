package io.borealis.auth.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.auth.AuthTestApplication;
import io.borealis.auth.user.NewUserAccount;
import io.borealis.auth.user.PlatformRole;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountRepository;
import io.borealis.auth.user.UserAccountService;
import io.borealis.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Repeated failed sign-ins lock one account for a while; the real authentication path. */
@SpringBootTest(
        classes = AuthTestApplication.class,
        properties = {
            "borealis.demo.enabled=false",
            "borealis.security.sign-in.max-failures=3",
            "borealis.security.sign-in.lock-duration=10m"
        })
class SignInThrottlingIT extends AuthTestApplication.DatabaseTest {

    private static final String PASSWORD = "the right passphrase";

    @Autowired
    AuthenticationManager authentication;

    @Autowired
    UserAccountService service;

    @Autowired
    UserAccountRepository repository;

    @Autowired
    MutableClock clock;

    private String username;

    @BeforeEach
    void createAccount() {
        username = "user" + System.nanoTime() % 1_000_000_000L;
        service.createAccount(new NewUserAccount(username, "Someone", null, PASSWORD, PlatformRole.USER));
    }

    @Test
    void theRightPasswordSignsInAndClearsEarlierFailures() {
        fail();
        fail();

        Authentication result = signIn(PASSWORD);

        assertThat(result.isAuthenticated()).isTrue();
        assertThat(result.getAuthorities()).extracting(a -> a.getAuthority()).contains("ROLE_USER");
        UserAccount account = repository.findByUsername(username).orElseThrow();
        assertThat(account.failedSignIns()).isZero();
        assertThat(account.lastSignInAt()).isEqualTo(clock.instant());
    }

    @Test
    void theThirdFailureLocksTheAccountEvenForTheRightPassword() {
        fail();
        fail();
        assertThat(repository.findByUsername(username).orElseThrow().lockedAt(clock.instant()))
                .isFalse();
        fail();

        UserAccount locked = repository.findByUsername(username).orElseThrow();
        assertThat(locked.lockedUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThatThrownBy(() -> signIn(PASSWORD)).isInstanceOf(LockedException.class);

        clock.advance(Duration.ofMinutes(9));
        assertThatThrownBy(() -> signIn(PASSWORD)).isInstanceOf(LockedException.class);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(signIn(PASSWORD).isAuthenticated()).isTrue();
        assertThat(repository.findByUsername(username).orElseThrow().lockedUntil())
                .isNull();
    }

    @Test
    void anUnknownUserIsRefusedLikeAWrongPassword() {
        assertThatThrownBy(() -> authentication.authenticate(
                        UsernamePasswordAuthenticationToken.unauthenticated("nobody-here", PASSWORD)))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aDisabledAccountCannotSignIn() {
        repository.setEnabled(username, false);

        assertThatThrownBy(() -> signIn(PASSWORD)).isInstanceOf(DisabledException.class);
    }

    private void fail() {
        assertThatThrownBy(() -> signIn("a wrong passphrase")).isInstanceOf(BadCredentialsException.class);
    }

    private Authentication signIn(String password) {
        return authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
    }
}
