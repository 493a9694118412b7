package io.borealis.ui.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.textfield.TextField;
import io.borealis.auth.token.ApiToken;
import io.borealis.auth.token.ApiTokenService;
import io.borealis.auth.token.TokenCheck;
import io.borealis.auth.token.TokenExpiry;
import io.borealis.ui.ViewTest;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

class ApiTokensViewTest extends ViewTest {

    private static final int STATUS = 5;
    private static final int ACTIONS = 6;

    @Autowired
    ApiTokenService tokens;

    @Test
    @WithUserDetails("dev")
    void aNewTokenIsShownOnceWithACopyButtonAndAWarning() {
        ApiTokensView view = navigate(ApiTokensView.class);
        String name = "laptop " + System.nanoTime();

        test(view.name).setValue(name);
        test(view.expiry).selectItem("30 days");
        test(view.create).click();

        assertThat(view.newToken).isNotNull();
        assertThat(view.newToken.isOpened()).isTrue();
        String secret = $(TextField.class).id("new-token").getValue();
        assertThat(secret).startsWith("brl_");
        TokenCheck check = tokens.authenticate(secret);
        assertThat(check.accepted()).isTrue();
        assertThat(check.username()).isEqualTo("dev");
        assertThat($(Component.class).id("new-token-warning").getElement().getTextRecursively())
                .contains("only time it is shown");
        assertThat($(Button.class).id("copy-token").isVisible()).isTrue();
        assertThat(view.name.getValue()).isEmpty();

        int row = rowOf(view, name);
        assertThat(test(view.grid).getCellText(row, 1)).endsWith("_…").isEqualTo(secret.substring(0, 21) + "…");
        assertThat(test(view.grid).getCellText(row, 4)).isNotEqualTo("Never");
        for (int column = 0; column < 5; column++) {
            assertThat(test(view.grid).getCellText(row, column)).doesNotContain(secret.substring(21));
        }

        test($(Button.class).id("new-token-done")).click();

        assertThat(view.newToken).isNull();
        assertThat($(TextField.class).withId("new-token").all()).isEmpty();
        ApiTokensView again = navigate(ApiTokensView.class);
        assertThat(again.newToken).isNull();
        assertThat(again.getElement().getTextRecursively()).doesNotContain(secret.substring(21));
    }

    @Test
    @WithUserDetails("dev")
    void revokingAsksForConfirmationFirst() {
        String name = "ci " + System.nanoTime();
        String id = tokens.create(name, TokenExpiry.NEVER).token().id();
        ApiTokensView view = navigate(ApiTokensView.class);
        int row = rowOf(view, name);
        assertThat(test(view.grid).getCellText(row, 4)).isEqualTo("Never");
        Button revoke = (Button) test(view.grid).getCellComponent(row, ACTIONS);

        test(revoke).click();

        ConfirmDialog confirm = $(ConfirmDialog.class).single();
        assertThat(test(confirm).getHeader()).isEqualTo("Revoke '" + name + "'?");
        assertThat(status(id)).isEqualTo(ApiToken.Status.ACTIVE);
        test(confirm).cancel();
        assertThat(status(id)).isEqualTo(ApiToken.Status.ACTIVE);

        test((Button) test(view.grid).getCellComponent(rowOf(view, name), ACTIONS))
                .click();
        test($(ConfirmDialog.class).last()).confirm();

        assertThat(status(id)).isEqualTo(ApiToken.Status.REVOKED);
        row = rowOf(view, name);
        assertThat(test(view.grid).getCellComponent(row, STATUS).getElement().getText())
                .isEqualTo("Revoked");
        assertThat(test(view.grid).getCellComponent(row, ACTIONS).isVisible()).isFalse();
    }

    @Test
    @WithUserDetails("lead")
    void aMissingOrTakenNameIsShownAtTheField() {
        ApiTokensView view = navigate(ApiTokensView.class);

        test(view.create).click();

        assertThat(view.name.isInvalid()).isTrue();
        assertThat(view.name.getErrorMessage()).startsWith("is required");
        assertThat(view.newToken).isNull();

        String name = "taken " + System.nanoTime();
        tokens.create(name, TokenExpiry.NEVER);
        test(view.name).setValue(name);
        test(view.create).click();
        assertThat(view.name.isInvalid()).isTrue();
        assertThat(view.name.getErrorMessage()).contains("already have a working API token");
    }

    private int rowOf(ApiTokensView view, String name) {
        return IntStream.range(0, test(view.grid).size())
                .filter(i -> test(view.grid).getRow(i).name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private ApiToken.Status status(String id) {
        return tokens.myTokens().stream()
                .filter(t -> t.id().equals(id))
                .findFirst()
                .orElseThrow()
                .statusAt(Instant.now());
    }
}
