package io.borealis.auth.token;

import io.borealis.auth.user.PlatformRole;

/**
 * The outcome of checking a presented token: who it acts for, or why it was refused. A refusal's
 * reason says more than "invalid" only once the secret matched (so it tells nothing to someone who
 * does not hold the token).
 *
 * @param tokenId the token's public id, when its text was well-formed
 * @param username whose token it is, when accepted
 * @param role that person's platform role now, when accepted
 * @param refusal why it was refused, for the 401 answer; null when accepted
 */
public record TokenCheck(String tokenId, String username, PlatformRole role, String refusal) {

    static TokenCheck accepted(String tokenId, String username, PlatformRole role) {
        return new TokenCheck(tokenId, username, role, null);
    }

    static TokenCheck refused(String tokenId, String reason) {
        return new TokenCheck(tokenId, null, null, reason);
    }

    public boolean accepted() {
        return refusal == null;
    }
}
