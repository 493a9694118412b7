package io.borealis.auth.token;

/**
 * A token just created, with the only copy of its full text. Show {@code text} to its owner once;
 * it cannot be read again.
 */
public record CreatedToken(ApiToken token, String text) {

    @Override
    public String toString() {
        // never print the secret
        return "CreatedToken[" + token.id() + "]";
    }
}
