package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Any signed-in page: the main layout with navigation, theme switch and sign-out. */
public final class MainPage {

    private final Browser browser;

    public MainPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("main-navigation")));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
    }

    /** The labels of the navigation entries, in order. */
    public List<String> navigationLabels() {
        browser.waiting()
                .until(d -> !d.findElements(By.cssSelector("#main-navigation vaadin-side-nav-item"))
                        .isEmpty());
        return browser.driver().findElements(By.cssSelector("#main-navigation vaadin-side-nav-item")).stream()
                .map(WebElement::getText)
                .map(String::strip)
                .toList();
    }

    public String signedInUser() {
        return browser.driver().findElement(By.id("signed-in-user")).getText().strip();
    }

    /** The colour scheme the page shows now: "dark" or "light". */
    public String scheme() {
        Object theme = browser.script("return document.documentElement.getAttribute('theme');");
        return theme != null && theme.toString().contains("dark") ? "dark" : "light";
    }

    public String backgroundColour() {
        return (String) browser.script("return getComputedStyle(document.documentElement).backgroundColor;");
    }

    public MainPage switchTheme(String expectedScheme) {
        browser.driver().findElement(By.id("theme-switch")).click();
        browser.waiting().until(d -> scheme().equals(expectedScheme));
        return this;
    }

    public LoginPage signOut() {
        browser.driver().findElement(By.id("sign-out")).click();
        return new LoginPage(browser);
    }

    /** Opens a page from the navigation drawer by its label. */
    public void open(String label) {
        browser.driver().findElements(By.cssSelector("#main-navigation vaadin-side-nav-item")).stream()
                .filter(item -> item.getText().strip().equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no navigation entry " + label))
                .click();
    }
}
