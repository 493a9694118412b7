package io.borealis.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsAPassphrase() {
        assertThat(PasswordPolicy.problems("correct horse battery staple", "dana"))
                .isEmpty();
    }

    @Test
    void acceptsExactlyTheMinimumLength() {
        assertThat(PasswordPolicy.problems("a1b2c3d4", "dana")).isEmpty();
        assertThat(PasswordPolicy.problems("a1b2c3d", "dana"))
                .containsExactly("must be at least 8 characters (a passphrase is best)");
    }

    @Test
    void refusesMissingTooLongCommonAndUsernamePasswords() {
        assertThat(PasswordPolicy.problems("", "dana")).containsExactly("is required");
        assertThat(PasswordPolicy.problems(null, "dana")).containsExactly("is required");
        assertThat(PasswordPolicy.problems("x".repeat(129), "dana")).containsExactly("must be at most 128 characters");
        assertThat(PasswordPolicy.problems("x".repeat(128), "dana")).isEmpty();
        assertThat(PasswordPolicy.problems("Password123", "dana"))
                .containsExactly("is one of the most common passwords; choose another");
        assertThat(PasswordPolicy.problems("dana.developer", "Dana.Developer"))
                .containsExactly("must not be the username");
    }

    @Test
    void countsCharactersNotBytes() {
        // eight characters, some outside the basic plane
        assertThat(PasswordPolicy.problems("\uD83D\uDE80\uD83D\uDE80aurora", "dana"))
                .isEmpty();
    }
}
