package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The rollout history: filters and the list of rollouts. */
public final class RolloutsPage {

    private final Browser browser;

    public RolloutsPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("rollouts-view")));
    }

    /** Waits until the list shows rollout {@code id}, and opens it. */
    public RolloutPage open(long id) {
        WebElement cell = browser.waiting()
                .until(d -> d.findElements(By.cssSelector("#rollouts-grid vaadin-grid-cell-content")).stream()
                        .filter(c -> c.getText().strip().equals(Long.toString(id)))
                        .findFirst()
                        .orElse(null));
        Fields.centre(browser, cell);
        cell.click();
        return new RolloutPage(browser);
    }

    public String listText() {
        return (String)
                browser.script("return Array.from(document.querySelectorAll('#rollouts-grid vaadin-grid-cell-content'))"
                        + ".map(c => c.textContent).join(' | ');");
    }
}
