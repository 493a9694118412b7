package io.borealis.web.api;

import io.borealis.auth.token.ApiToken;
import io.borealis.auth.token.CreatedToken;
import io.borealis.auth.user.PlatformRole;
import io.borealis.auth.user.UserAccount;
import java.time.Instant;

/** What the users and tokens endpoints send and receive. */
final class UserModels {

    private UserModels() {}

    /**
     * An account, without anything secret.
     *
     * @param lockedUntil set while sign-in is locked after repeated failures
     */
    record UserView(
            String username,
            String displayName,
            String email,
            PlatformRole platformRole,
            boolean enabled,
            Instant lastSignInAt,
            Instant lockedUntil,
            Instant createdAt) {
        static UserView of(UserAccount account) {
            return new UserView(
                    account.username(),
                    account.displayName(),
                    account.email(),
                    account.platformRole(),
                    account.enabled(),
                    account.lastSignInAt(),
                    account.lockedUntil(),
                    account.createdAt());
        }
    }

    /** Body of an account creation. */
    record NewUserRequest(String username, String displayName, String email, String password, PlatformRole platformRole)
            implements ApiRequestBody {
        @Override
        public String toString() {
            return "NewUserRequest[" + username + "]"; // never print the password
        }
    }

    /** Body of an account change: enabled, platformRole, or both. */
    record UserChangeRequest(Boolean enabled, PlatformRole platformRole) implements ApiRequestBody {}

    /** Body of a password reset. */
    record PasswordRequest(String password) implements ApiRequestBody {
        @Override
        public String toString() {
            return "PasswordRequest[]";
        }
    }

    /**
     * A personal API token, never with its secret.
     *
     * @param id the token's id, also visible in the token itself ({@code brl_<id>_...})
     * @param hint how the token starts, to recognise it
     * @param status ACTIVE, EXPIRED or REVOKED
     * @param expiresAt null for a token that never expires
     */
    record TokenView(
            String id,
            String name,
            String username,
            String hint,
            ApiToken.Status status,
            Instant createdAt,
            Instant lastUsedAt,
            Instant expiresAt,
            Instant revokedAt) {
        static TokenView of(ApiToken token, Instant now) {
            return new TokenView(
                    token.id(),
                    token.name(),
                    token.username(),
                    token.hint(),
                    token.statusAt(now),
                    token.createdAt(),
                    token.lastUsedAt(),
                    token.expiresAt(),
                    token.revokedAt());
        }
    }

    /**
     * A token just created: {@code token} is the only copy of its text; keep it now, it cannot be
     * read again.
     */
    record CreatedTokenView(String token, TokenView details) {
        static CreatedTokenView of(CreatedToken created, Instant now) {
            return new CreatedTokenView(created.text(), TokenView.of(created.token(), now));
        }
    }

    /** Body of a token creation; expiresInDays is 30, 90 or null (never expires). */
    record NewTokenRequest(String name, Integer expiresInDays) implements ApiRequestBody {}
}
