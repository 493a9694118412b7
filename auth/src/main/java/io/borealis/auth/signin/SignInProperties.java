package io.borealis.auth.signin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code borealis.security.sign-in.*}: how many consecutive failed sign-ins lock an account, and
 * for how long.
 */
@Validated
@ConfigurationProperties("borealis.security.sign-in")
public record SignInProperties(
        @Min(value = 1, message = "must be at least 1") @Max(value = 100, message = "must be at most 100")
        Integer maxFailures,

        @NotNull Duration lockDuration) {

    public SignInProperties {
        maxFailures = maxFailures == null ? 5 : maxFailures;
        lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
        if (lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException(
                    "borealis.security.sign-in.lock-duration must be positive, was " + lockDuration);
        }
    }

    public SignInThrottle throttle() {
        return new SignInThrottle(maxFailures, lockDuration);
    }
}
