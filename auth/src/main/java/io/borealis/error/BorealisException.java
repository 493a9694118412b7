package io.borealis.error;

/** Base of the exceptions whose message is shown to the user as it is. */
public abstract class BorealisException extends RuntimeException {

    protected BorealisException(String message) {
        super(message);
    }

    protected BorealisException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable, machine-readable code for API clients, e.g. {@code validation_failed}. */
    public abstract String code();
}
