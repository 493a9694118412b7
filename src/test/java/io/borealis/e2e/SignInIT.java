package io.borealis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.e2e.pages.LoginPage;
import io.borealis.e2e.pages.MainPage;
import io.borealis.e2e.support.EndToEndTest;
import org.junit.jupiter.api.Test;

/** Signing in and out in a real browser, against the packaged app in production mode. */
class SignInIT extends EndToEndTest {

    @Test
    void anAdminSignsInSwitchesToTheDarkThemeAndSignsOut() {
        LoginPage login = LoginPage.open(browser, url("/"));
        assertThat(browser.script("return !!(window.Vaadin && window.Vaadin.developmentMode)"))
                .isEqualTo(false);
        browser.screenshot("sign-in");

        MainPage main = login.signIn("admin", "borealis-admin");
        assertThat(main.navigationLabels())
                .containsExactly("Jobs", "Cluster", "Rollouts", "Audit", "API tokens", "About", "Teams", "Users");
        assertThat(main.signedInUser()).isEqualTo("admin");
        assertThat(main.scheme()).isEqualTo("light");
        String light = main.backgroundColour();
        browser.screenshot("landing-light");

        main.switchTheme("dark");
        assertThat(main.backgroundColour()).isNotEqualTo(light);
        browser.screenshot("landing-dark");

        // remembered: a fresh load of the page comes back dark
        browser.driver().navigate().refresh();
        MainPage reloaded = new MainPage(browser);
        browser.waiting().until(d -> reloaded.scheme().equals("dark"));
        reloaded.switchTheme("light");

        LoginPage after = reloaded.signOut();
        assertThat(after.errorShown()).isFalse();
        browser.driver().get(url("/admin/users"));
        new LoginPage(browser);
    }

    @Test
    void aWrongPasswordShowsTheErrorAndDoesNotSignIn() {
        LoginPage login = LoginPage.open(browser, url("/login"));

        login.signInExpectingError("dev", "not-the-password");

        assertThat(login.errorTitle()).isEqualTo("Incorrect username or password");
        browser.screenshot("sign-in-error");
        browser.driver().get(url("/"));
        assertThat(new LoginPage(browser).errorShown()).isFalse();
    }

    @Test
    void anAnonymousVisitToAnInnerPageLandsOnTheLoginPage() {
        browser.driver().get(url("/admin/users"));

        new LoginPage(browser);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
    }

    @Test
    void aDeveloperDoesNotSeeAdminPages() {
        MainPage main = LoginPage.open(browser, url("/")).signIn("dev", "borealis-dev");

        assertThat(main.navigationLabels())
                .containsExactly("Jobs", "Cluster", "Rollouts", "API tokens", "About", "Teams");
    }
}
