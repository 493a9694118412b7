package io.borealis.error;

/**
 * The caller may not do this. The message names the missing permission and who can grant it, so
 * the same sentence serves a disabled button's tooltip and a 403 response.
 */
public class PermissionDeniedException extends BorealisException {

    public PermissionDeniedException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "forbidden";
    }
}
