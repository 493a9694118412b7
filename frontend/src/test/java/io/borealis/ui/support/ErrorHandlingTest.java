package io.borealis.ui.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.error.ConflictException;
import io.borealis.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class ErrorHandlingTest {

    @Test
    void ourOwnExceptionsAreShownAsTheyAreEvenWhenWrapped() {
        assertThat(ErrorHandling.messageFor(new ConflictException("A job payments/prod/web already exists.")))
                .isEqualTo("A job payments/prod/web already exists.");
        assertThat(ErrorHandling.messageFor(new IllegalStateException(
                        "wrapper", new InvalidInputException("instances", "must be at least 1"))))
                .isEqualTo("instances: must be at least 1");
    }

    @Test
    void anythingElseBecomesAGenericMessageWithAnErrorIdAndNoDetails() {
        String message = ErrorHandling.messageFor(new IllegalStateException("connection to 10.0.0.7 refused"));

        assertThat(message)
                .startsWith("Something went wrong on our side (error id ")
                .doesNotContain("10.0.0.7")
                .doesNotContain("IllegalStateException");
    }
}
