package io.borealis.auth.access;

/**
 * An access decision: allowed, or refused with a sentence that names the missing permission and
 * who can grant it (the same sentence serves a disabled button's tooltip and a 403 body).
 */
public record Decision(boolean allowed, String reason) {

    public static final Decision ALLOWED = new Decision(true, null);

    public static Decision refused(String reason) {
        return new Decision(false, reason);
    }
}
