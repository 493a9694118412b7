package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The sign-in page (Vaadin's login form). */
public final class LoginPage {

    private final Browser browser;

    public LoginPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.urlContains("/login"));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#vaadinLoginUsername input")));
    }

    public static LoginPage open(Browser browser, String url) {
        browser.driver().get(url);
        return new LoginPage(browser);
    }

    /** Signs in and waits for the main layout. */
    public MainPage signIn(String username, String password) {
        submit(username, password);
        return new MainPage(browser);
    }

    /** Submits credentials that are expected to be refused; stays on this page. */
    public LoginPage signInExpectingError(String username, String password) {
        submit(username, password);
        browser.waiting().until(d -> d.getCurrentUrl().contains("?error") && errorShown());
        return this;
    }

    public boolean errorShown() {
        return Boolean.TRUE.equals(
                browser.script("const f = document.querySelector('vaadin-login-form'); return !!(f && f.error);"));
    }

    /** The error title the form shows. */
    public String errorTitle() {
        return (String) browser.script("return document.querySelector('vaadin-login-form').i18n.errorMessage.title;");
    }

    private void submit(String username, String password) {
        WebElement user = browser.driver().findElement(By.cssSelector("#vaadinLoginUsername input"));
        user.clear();
        user.sendKeys(username);
        WebElement secret = browser.driver().findElement(By.cssSelector("#vaadinLoginPassword input"));
        secret.clear();
        secret.sendKeys(password + Keys.ENTER);
    }
}
