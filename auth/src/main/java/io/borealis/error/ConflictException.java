package io.borealis.error;

/**
 * The request is valid but clashes with the current state: a duplicate name, a job that is being
 * updated, a change made by somebody else in the meantime. Nothing was changed.
 */
public class ConflictException extends BorealisException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "conflict";
    }
}
