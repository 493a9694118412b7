package io.borealis.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.error.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserAccountValidationTest {

    private static NewUserAccount valid() {
        return new NewUserAccount(
                "dana", "Dana Developer", "dana@example.com", "long enough phrase", PlatformRole.USER);
    }

    @Test
    void aCompleteAccountHasNoProblems() {
        assertThat(UserAccountService.validate(valid())).isEmpty();
    }

    @Test
    void everyBadFieldIsReportedWithWhatIsAllowed() {
        List<FieldProblem> problems =
                UserAccountService.validate(new NewUserAccount("9 bad", " ", "not-an-address", "short", null));

        assertThat(problems)
                .extracting(FieldProblem::field)
                .containsExactly("username", "displayName", "email", "password", "platformRole");
        assertThat(problems.getFirst().message()).contains("a lower-case letter first");
        assertThat(problems.get(4).message()).isEqualTo("is required: ADMIN or USER");
    }

    @Test
    void usernamesAreCheckedAtTheirLimits() {
        assertThat(UserAccountService.validate(withUsername("ab"))).isEmpty();
        assertThat(UserAccountService.validate(withUsername("a")))
                .extracting(FieldProblem::field)
                .containsExactly("username");
        assertThat(UserAccountService.validate(withUsername("a" + "b".repeat(63))))
                .isEmpty();
        assertThat(UserAccountService.validate(withUsername("a" + "b".repeat(64))))
                .extracting(FieldProblem::field)
                .containsExactly("username");
        // stored in lower case, so capitals and surrounding spaces are fine
        assertThat(UserAccountService.validate(withUsername(" Dana "))).isEmpty();
        assertThat(UserAccountService.validate(withUsername("da na")))
                .extracting(FieldProblem::field)
                .containsExactly("username");
    }

    @Test
    void emailIsOptional() {
        NewUserAccount noEmail = new NewUserAccount("dana", "Dana", "", "long enough phrase", PlatformRole.USER);
        assertThat(UserAccountService.validate(noEmail)).isEmpty();
    }

    private static NewUserAccount withUsername(String username) {
        return new NewUserAccount(username, "Name", null, "long enough phrase", PlatformRole.USER);
    }
}
