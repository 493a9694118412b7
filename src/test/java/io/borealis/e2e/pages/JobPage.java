package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import java.util.Arrays;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A job's page: the instance squares, an instance's panel and logs, and the actions. */
public final class JobPage {

    private final Browser browser;

    public JobPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("job-view")));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#instance-squares .cell")));
    }

    public String name() {
        return browser.driver().findElement(By.id("job-name")).getText();
    }

    /** Each square's state, by instance: "running", "pending"... */
    public List<String> states() {
        @SuppressWarnings("unchecked")
        List<String> classes = (List<String>) browser.script(
                "return Array.from(document.querySelectorAll('#instance-squares .cell')).map(c => c.className);");
        return classes.stream()
                .map(c -> Arrays.stream(c.split(" "))
                        .filter(part -> part.startsWith("state-"))
                        .findFirst()
                        .orElse("state-?")
                        .substring("state-".length()))
                .toList();
    }

    /** Waits until exactly {@code count} squares show and all are in the state. */
    public JobPage waitUntilAll(String state, int count) {
        browser.waiting().until(d -> {
            List<String> states = states();
            return states.size() == count && states.stream().allMatch(state::equals);
        });
        return this;
    }

    /** Records every state an instance's square shows from now on (to see what it went through). */
    public void watchStates(int instance) {
        browser.script("""
                window.__borealisSeen = [];
                const cell = document.querySelector('#instance-squares .cell[data-i="' + arguments[0] + '"]');
                new MutationObserver(() => window.__borealisSeen.push(cell.className))
                    .observe(cell, {attributes: true, attributeFilter: ['class']});
                """, instance);
    }

    @SuppressWarnings("unchecked")
    public List<String> seenStates() {
        return (List<String>) browser.script("return window.__borealisSeen || [];");
    }

    public JobPage openInstance(int instance) {
        Fields.click(browser, "#instance-squares .cell[data-i='" + instance + "']");
        browser.waiting().until(ExpectedConditions.textToBe(By.id("instance-title"), "Instance " + instance));
        return this;
    }

    public String panelTaskId() {
        return browser.driver().findElement(By.id("panel-task-id")).getText().strip();
    }

    /** Waits until the open instance's task id differs from {@code old}, and returns it. */
    public String waitForNewTask(String old) {
        browser.waiting().until(d -> {
            String now = panelTaskId();
            return !now.isEmpty() && !now.equals(old);
        });
        return panelTaskId();
    }

    public String logText() {
        return browser.driver().findElement(By.id("log-text")).getText();
    }

    public JobPage followLog() {
        Fields.click(browser, "#log-follow");
        return this;
    }

    public JobPage waitForLog(String contained) {
        browser.waiting().until(d -> logText().contains(contained));
        return this;
    }

    /** Follows the "Audit trail" link to the job's history. */
    public AuditPage openAuditTrail() {
        Fields.click(browser, "#job-audit-link");
        return new AuditPage(browser);
    }

    public JobPage scaleTo(int instances) {
        Fields.clickEnabled(browser, "action-scale");
        browser.waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#scale-instances input")));
        Fields.type(browser, "#scale-instances input", Integer.toString(instances));
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("quota-verdict"), "Fits"));
        Fields.clickEnabled(browser, "scale-dialog-confirm");
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("scale-instances")));
        return this;
    }

    public JobPage killInstance(int instance) {
        Fields.clickEnabled(browser, "action-kill-instances");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#kill-instances input")));
        Fields.type(browser, "#kill-instances input", Integer.toString(instance));
        Fields.type(browser, "#kill-reason input", "replace a tired instance");
        Fields.clickEnabled(browser, "kill-instances-dialog-confirm");
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("kill-instances")));
        return this;
    }

    public JobPage killJob() {
        Fields.clickEnabled(browser, "action-kill-job");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#kill-job-name input")));
        Fields.type(browser, "#kill-job-name input", name());
        Fields.clickEnabled(browser, "kill-job-dialog-confirm");
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("kill-job-name")));
        return this;
    }

    /** Whether an action button ("action-scale", "action-kill-job"...) is disabled. */
    public boolean actionDisabled(String id) {
        return browser.driver().findElement(By.id(id)).getAttribute("disabled") != null;
    }

    /** The tooltip-bearing reason a disabled action gives (its aria-description). */
    public String actionRefusal(String id) {
        return browser.driver().findElement(By.id(id)).getAttribute("aria-description");
    }

    /** Opens the rollout form ("Start rollout"). */
    public RolloutStartPage startRollout() {
        Fields.clickEnabled(browser, "action-rollout");
        return new RolloutStartPage(browser);
    }

    public List<String> tags() {
        return browser.driver().findElements(By.cssSelector(".borealis-tags .borealis-tag")).stream()
                .map(WebElement::getText)
                .toList();
    }
}
