package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The rollout form: the spec as text, the settings, the diff and the plan, and "Start rollout". */
public final class RolloutStartPage {

    private final Browser browser;

    RolloutStartPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("rollout-start-view")));
        browser.waiting().until(d -> !specText().isEmpty());
    }

    public String specText() {
        Object value = browser.script("return document.getElementById('raw-text').value || '';");
        return value == null ? "" : value.toString();
    }

    /** Replaces text in the spec as if typed (the text area's input and change events fire). */
    public RolloutStartPage replaceInSpec(String old, String replacement) {
        String text = specText();
        if (!text.contains(old)) {
            throw new IllegalStateException("the spec does not contain " + old + ":\n" + text);
        }
        WebElement area = browser.driver().findElement(By.cssSelector("#raw-text textarea"));
        browser.script("""
                const area = arguments[0];
                area.value = arguments[1];
                area.dispatchEvent(new Event('input', {bubbles: true}));
                area.dispatchEvent(new Event('change', {bubbles: true}));
                """, area, text.replace(old, replacement));
        return this;
    }

    public RolloutStartPage batchSize(int size) {
        type("#rollout-batch-sizes input", Integer.toString(size));
        return this;
    }

    public RolloutStartPage minWaitSeconds(int seconds) {
        type("#rollout-min-wait input", Integer.toString(seconds));
        return this;
    }

    public RolloutStartPage pauseAfterBatches(String batches) {
        type("#rollout-pause-after input", batches);
        return this;
    }

    public RolloutStartPage message(String text) {
        type("#rollout-start-message input", text);
        return this;
    }

    /** Waits until the plan says this (e.g. "2 batches"). */
    public RolloutStartPage waitForPlan(String contained) {
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("rollout-plan"), contained));
        return this;
    }

    public String plan() {
        return browser.driver().findElement(By.id("rollout-plan")).getText();
    }

    public String diff() {
        return browser.driver().findElement(By.id("rollout-start-diff")).getText();
    }

    /** Types into a field the way a person does, after scrolling it clear of the sticky header. */
    private void type(String cssSelector, String text) {
        WebElement input =
                browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(cssSelector)));
        Fields.centre(browser, input);
        browser.script("arguments[0].focus();", input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text, Keys.TAB);
    }

    public RolloutPage start() {
        Fields.clickEnabled(browser, "rollout-start");
        return new RolloutPage(browser);
    }
}
