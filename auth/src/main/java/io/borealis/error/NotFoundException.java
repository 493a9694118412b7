package io.borealis.error;

/** The thing asked for does not exist (or the caller may not know that it does). */
public class NotFoundException extends BorealisException {

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "not_found";
    }
}
