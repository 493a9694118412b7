package io.borealis.auth.signin;

import io.borealis.audit.AuditOutcome;
import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.auth.user.UserAccountRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
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
    private final AuditTrail audit;
    private final Clock clock;

    public SignInAttemptRecorder(
            UserAccountRepository accounts, SignInProperties properties, AuditTrail audit, Clock clock) {
        this.accounts = accounts;
        this.throttle = properties.throttle();
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void onBadCredentials(AuthenticationFailureBadCredentialsEvent event) {
        String username = event.getAuthentication().getName();
        var state = accounts.lockSignInState(username);
        if (state.isEmpty()) {
            audit.recordApart(failedSignIn(username, "Unknown username"));
            return; // unknown user: nothing to count
        }
        SignInThrottle.AfterFailure after =
                throttle.onFailure(state.get().failures(), state.get().lockedUntil(), clock.instant());
        accounts.recordFailedSignIn(username, after.failures(), after.lockedUntil());
        audit.recordApart(failedSignIn(
                username,
                after.locked()
                        ? "Wrong password; account locked until " + after.lockedUntil()
                        : "Wrong password (" + after.failures() + " in a row)"));
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
    public void onLocked(AuthenticationFailureLockedEvent event) {
        audit.recordApart(failedSignIn(event.getAuthentication().getName(), "Account locked"));
    }

    @EventListener
    @Transactional
    public void onDisabled(AuthenticationFailureDisabledEvent event) {
        audit.recordApart(failedSignIn(event.getAuthentication().getName(), "Account disabled"));
    }

    /** Sign-ins with a password (form login); API token authentication is not a sign-in. */
    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)) {
            return;
        }
        accounts.recordSuccessfulSignIn(event.getAuthentication().getName(), clock.instant());
        org.springframework.security.core.context.SecurityContext context =
                org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(event.getAuthentication());
        var previous = org.springframework.security.core.context.SecurityContextHolder.getContext();
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
        try {
            audit.record(AuditRecord.of("auth.sign-in")
                    .target(event.getAuthentication().getName()));
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.setContext(previous);
        }
    }

    /** A failed sign-in: nobody is signed in, so the attempted username is the target, not the actor. */
    private static AuditRecord failedSignIn(String username, String why) {
        return AuditRecord.of("auth.sign-in")
                .target(username == null ? null : username.strip().toLowerCase(java.util.Locale.ROOT))
                .outcome(AuditOutcome.FAILED)
                .message(why);
    }
}
