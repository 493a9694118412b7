package io.borealis.ui.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import io.borealis.ui.ViewTest;
import org.junit.jupiter.api.Test;

class LoginViewTest extends ViewTest {

    /** Opens the login page as Spring Security's failure redirect does: with a query parameter. */
    private LoginView navigateWith(String parameter) {
        UI.getCurrent().navigate(LoginView.ROUTE, QueryParameters.of(parameter, ""));
        return (LoginView) getCurrentView();
    }

    @Test
    void aFreshLoginPageShowsNoError() {
        LoginView view = navigate(LoginView.class);

        assertThat(view.form.isError()).isFalse();
        assertThat(view.errorTitle()).isNull();
        assertThat(view.form.getAction()).isEqualTo("login");
    }

    @Test
    void aWrongPasswordComesBackAsAnError() {
        LoginView view = navigateWith("error");

        assertThat(view.form.isError()).isTrue();
        assertThat(view.errorTitle()).isEqualTo("Incorrect username or password");
    }

    @Test
    void aLockedAccountIsExplainedWithTheLockDuration() {
        LoginView view = navigateWith("locked");

        assertThat(view.form.isError()).isTrue();
        assertThat(view.errorTitle()).isEqualTo("Account locked for now");
    }

    @Test
    void aDisabledAccountIsExplained() {
        LoginView view = navigateWith("disabled");

        assertThat(view.errorTitle()).isEqualTo("Account disabled");
    }
}
