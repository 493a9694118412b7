package io.borealis.auth.signin;

import io.borealis.auth.user.UserAccountRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per account and locks the account when {@link SignInThrottle} says so;
 * a successful sign-in clears the count. Driven by Spring Security's authentication events.
 */
@Component
public class SignInAttemptRecorder {

    private static final Logger log = LoggerFactory.getLogger(SignInAttemptRecorder.class);

    private final UserAccountRepository accounts;
    private final SignInThrottle throttle;
    private final Clock clock;

    public SignInAttemptRecorder(UserAccountRepository accounts, SignInProperties properties, Clock clock) {
        this.accounts = accounts;
        this.throttle = properties.throttle();
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void onBadCredentials(AuthenticationFailureBadCredentialsEvent event) {
        String username = event.getAuthentication().getName();
        var state = accounts.lockSignInState(username);
        if (state.isEmpty()) {
            return; // unknown user: nothing to count
        }
        SignInThrottle.AfterFailure after =
                throttle.onFailure(state.get().failures(), state.get().lockedUntil(), clock.instant());
        accounts.recordFailedSignIn(username, after.failures(), after.lockedUntil());
        if (after.locked()) {
            log.warn(
                    "Account '{}' locked until {} after {} failed sign-ins",
                    username,
                    after.lockedUntil(),
                    after.failures());
        }
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        accounts.recordSuccessfulSignIn(event.getAuthentication().getName(), clock.instant());
    }
}
