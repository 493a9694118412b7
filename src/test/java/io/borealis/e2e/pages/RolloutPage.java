package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import java.util.Arrays;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A rollout's page: instance squares by rollout state, status, steps, controls, replay slider. */
public final class RolloutPage {

    private final Browser browser;

    public RolloutPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("rollout-view")));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rollout-squares .cell")));
    }

    /** Each square's rollout state, by instance: "pending", "updating", "updated", "rolled-back"... */
    public List<String> states() {
        @SuppressWarnings("unchecked")
        List<String> classes = (List<String>) browser.script(
                "return Array.from(document.querySelectorAll('#rollout-squares .cell')).map(c => c.className);");
        return classes.stream()
                .map(c -> Arrays.stream(c.split(" "))
                        .filter(part -> part.startsWith("ro-"))
                        .findFirst()
                        .orElse("ro-?")
                        .substring("ro-".length()))
                .toList();
    }

    /** The status, as the API names it (ROLLING_FORWARD, ROLL_FORWARD_PAUSED, ROLLED_FORWARD...). */
    public String status() {
        return browser.driver().findElement(By.id("rollout-status")).getAttribute("data-status");
    }

    public RolloutPage waitForStatus(String status) {
        browser.waiting().until(d -> status.equals(status()));
        return this;
    }

    /** Waits (up to the browser's patience) until the squares show exactly these states. */
    public RolloutPage waitForStates(List<String> states) {
        browser.waiting().until(d -> states().equals(states));
        return this;
    }

    /** Records every state list the grid shows from now on. */
    public void watchGrid() {
        browser.script("""
                window.__borealisGrids = [];
                const squares = document.getElementById('rollout-squares');
                const record = () => window.__borealisGrids.push(
                    Array.from(squares.querySelectorAll('.cell')).map(c => c.className).join(','));
                new MutationObserver(record).observe(squares, {attributes: true, subtree: true, attributeFilter: ['class']});
                """);
    }

    @SuppressWarnings("unchecked")
    public List<String> seenGrids() {
        return (List<String>) browser.script("return window.__borealisGrids || [];");
    }

    public String currentStep() {
        return browser.driver()
                .findElement(By.cssSelector("#rollout-steps .step.current"))
                .getText();
    }

    public String steps() {
        return browser.driver().findElement(By.id("rollout-steps")).getText();
    }

    public String timeline() {
        return browser.driver().findElement(By.id("rollout-timeline")).getText();
    }

    public RolloutPage resume() {
        Fields.clickEnabled(browser, "rollout-resume");
        return this;
    }

    public boolean isEnabled(String buttonId) {
        return browser.driver().findElement(By.id(buttonId)).getAttribute("disabled") == null;
    }

    /** Moves the replay slider to {@code fraction} (0 to 1) of the way, as dragging it does. */
    public RolloutPage replayAt(double fraction) {
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("rollout-replay-slider")));
        browser.script("""
                const slider = document.getElementById('rollout-replay-slider');
                slider.value = Math.round(Number(slider.max) * arguments[0]);
                slider.dispatchEvent(new Event('input', {bubbles: true}));
                """, fraction);
        return this;
    }

    public String replayTime() {
        return browser.driver().findElement(By.id("rollout-replay-time")).getText();
    }

    public RolloutsPage history() {
        Fields.click(browser, "#rollout-history-link");
        return new RolloutsPage(browser);
    }

    public String auditHref() {
        return browser.driver().findElement(By.id("rollout-audit")).getAttribute("href");
    }
}
