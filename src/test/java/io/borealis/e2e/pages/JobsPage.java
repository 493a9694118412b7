package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The jobs list (the landing page). */
public final class JobsPage {

    private final Browser browser;

    public JobsPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("jobs-grid")));
    }

    /** The job keys the grid shows, as "team / env / name". */
    public List<String> jobs() {
        return browser.driver().findElements(By.cssSelector("#jobs-grid .borealis-key-link")).stream()
                .map(WebElement::getText)
                .map(String::strip)
                .toList();
    }

    public void waitForJob(String name) {
        browser.waiting()
                .until(d -> jobs().stream().anyMatch(key -> key.endsWith("/ " + name) || key.endsWith("/" + name)));
    }

    public LaunchPage launch() {
        browser.driver().findElement(By.id("launch-job")).click();
        return new LaunchPage(browser);
    }
}
