package io.borealis.auth.user;

import java.time.Instant;

/**
 * A person who may sign in, as the rest of the application sees them: never with the password
 * hash, which only {@link UserAccountRepository} and the sign-in path read.
 */
public record UserAccount(
        long id,
        String username,
        String displayName,
        String email,
        PlatformRole platformRole,
        boolean enabled,
        int failedSignIns,
        Instant lockedUntil,
        Instant lastSignInAt,
        Theme theme,
        Instant createdAt) {

    /** Whether sign-in is blocked at {@code now} because of repeated failures. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean isAdmin() {
        return platformRole == PlatformRole.ADMIN;
    }
}
