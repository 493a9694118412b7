package io.borealis.error;

/**
 * One thing wrong with one input field: the field's path as the API names it (for example
 * {@code resources.cpus} or {@code processes[1].command}) and a message that says what is wrong
 * and what is allowed.
 */
public record FieldProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
