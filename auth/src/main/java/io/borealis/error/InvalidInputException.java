package io.borealis.error;

import java.util.List;
import java.util.stream.Collectors;

/** The input was refused; nothing was changed. Carries every problem found, not just the first. */
public class InvalidInputException extends BorealisException {

    private final List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    @Override
    public String code() {
        return "validation_failed";
    }

    private static String summary(List<FieldProblem> problems) {
        return problems.size() == 1
                ? problems.getFirst().toString()
                : problems.size() + " problems: "
                        + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; "));
    }
}
