package io.borealis.auth.token;

import java.time.Instant;

/**
 * A personal API token as people see it: never with its secret or the secret's hash.
 *
 * @param id the public id (also the part after {@code brl_} in the token text)
 * @param username whose token it is; requests made with it act as this person
 * @param name what the owner called it ("deploy script", "laptop")
 * @param createdAt when it was created
 * @param lastUsedAt when it last authenticated a request (to the minute), or null
 * @param expiresAt when it stops working, or null for never
 * @param revokedAt when it was revoked, or null
 * @param revokedBy who revoked it, or null
 */
public record ApiToken(
        String id,
        String username,
        String name,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant revokedAt,
        String revokedBy) {

    /** Whether a token works. */
    public enum Status {
        ACTIVE,
        EXPIRED,
        REVOKED
    }

    public Status statusAt(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return Status.EXPIRED;
        }
        return Status.ACTIVE;
    }

    /** The start of the token text, to recognise a token without its secret: {@code brl_<id>_…}. */
    public String hint() {
        return TokenCodec.PREFIX + id + "_…";
    }
}
