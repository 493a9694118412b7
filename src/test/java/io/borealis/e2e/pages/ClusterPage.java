package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The cluster page: the driver's health and the agents. */
public final class ClusterPage {

    private final Browser browser;

    public ClusterPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("cluster-view")));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("agents-grid")));
    }

    public static ClusterPage open(Browser browser, String url) {
        browser.driver().get(url);
        return new ClusterPage(browser);
    }

    /** The health card's text (driver, state, leader, framework id, counters). */
    public String health() {
        return browser.driver().findElement(By.id("cluster-health")).getText();
    }

    /** Waits until the agents grid shows the text (an agent's host name, say). */
    public ClusterPage waitForAgent(String text) {
        browser.waiting().until(d -> agentsText().contains(text));
        return this;
    }

    public String agentsText() {
        Object text = browser.script(
                "const g = document.getElementById('agents-grid');"
                        + "return Array.from(g.querySelectorAll('vaadin-grid-cell-content')).map(c => c.textContent).join('\\n');");
        return text == null ? "" : text.toString();
    }
}
