package io.borealis.ui.login;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.borealis.auth.signin.SignInProperties;
import io.borealis.ui.layout.ThemeSwitch;
import io.borealis.web.security.SecurityConfiguration;
import java.util.List;
import java.util.Map;

/**
 * The sign-in page. The form posts to Spring Security's {@code /login}; a failed attempt comes back
 * here with a query parameter that says why, which this view turns into a clear message.
 */
@Route(value = LoginView.ROUTE, autoLayout = false)
@PageTitle("Sign in | Borealis")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    public static final String ROUTE = "login";

    final LoginForm form = new LoginForm();
    private final SignInProperties signIn;
    private String errorTitle;

    public LoginView(SignInProperties signIn) {
        this.signIn = signIn;
        addClassName("borealis-login");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        H1 title = new H1("Borealis");
        title.addClassName("borealis-login-title");
        Paragraph tagline = new Paragraph("Run, scale and roll out jobs on your cluster.");
        tagline.addClassName("borealis-muted");

        form.setAction(ROUTE);
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n(null, null));
        add(new Div(title, tagline), form);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // the login page has no account yet: use the scheme this browser chose last time
        ThemeSwitch.applyRememberedInBrowser(event.getUI());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters =
                event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey(SecurityConfiguration.LOCKED)) {
            showError(
                    "Account locked for now",
                    "Too many failed sign-ins for this account: it is locked for up to "
                            + signIn.lockDuration().toMinutes()
                            + " minutes. Try again later, or ask a platform admin.");
        } else if (parameters.containsKey(SecurityConfiguration.DISABLED)) {
            showError("Account disabled", "This account has been disabled. Ask a platform admin to enable it.");
        } else if (parameters.containsKey(SecurityConfiguration.FAILED)) {
            showError("Incorrect username or password", "Check your username and password and try again.");
        } else {
            errorTitle = null;
            form.setError(false);
        }
    }

    private void showError(String title, String message) {
        errorTitle = title;
        form.setI18n(i18n(title, message));
        form.setError(true);
    }

    private static LoginI18n i18n(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setSubmit("Sign in");
        if (errorTitle != null) {
            i18n.getErrorMessage().setTitle(errorTitle);
            i18n.getErrorMessage().setMessage(errorMessage);
        }
        return i18n;
    }

    /** The error title shown now (for tests). */
    String errorTitle() {
        return form.isError() ? errorTitle : null;
    }
}
