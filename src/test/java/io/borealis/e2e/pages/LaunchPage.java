package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The launch form. */
public final class LaunchPage {

    private final Browser browser;

    public LaunchPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("launch-view")));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#spec-name input")));
    }

    public LaunchPage name(String name) {
        Fields.type(browser, "#spec-name input", name);
        return this;
    }

    public LaunchPage environment(String environment) {
        Fields.type(browser, "#spec-environment input", environment);
        return this;
    }

    public LaunchPage instances(int instances) {
        Fields.type(browser, "#spec-instances input", Integer.toString(instances));
        return this;
    }

    public LaunchPage command(String command) {
        Fields.type(browser, ".spec-process-command textarea", command);
        return this;
    }

    public LaunchPage resources(String cpus, int ramMb, int diskMb) {
        Fields.type(browser, "#spec-cpus input", cpus);
        Fields.type(browser, "#spec-ram input", Integer.toString(ramMb));
        Fields.type(browser, "#spec-disk input", Integer.toString(diskMb));
        return this;
    }

    public LaunchPage port(String name) {
        Fields.click(browser, "#spec-add-port");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".spec-port-name input")));
        List<WebElement> ports = browser.driver().findElements(By.cssSelector(".spec-port-name input"));
        WebElement last = ports.getLast();
        Fields.centre(browser, last);
        last.click();
        last.sendKeys(name, Keys.TAB);
        return this;
    }

    /** An HTTP health check on a named port, probed every {@code interval} seconds. */
    public LaunchPage httpHealthCheck(String port, String path, int interval) {
        WebElement http =
                browser.driver().findElements(By.cssSelector("#spec-health-kind vaadin-radio-button")).stream()
                        .filter(radio -> radio.getText().strip().equals("HTTP"))
                        .findFirst()
                        .orElseThrow();
        WebElement label = http.findElement(By.cssSelector("label"));
        Fields.centre(browser, label);
        label.click();
        browser.waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#spec-health-port input")));
        Fields.type(browser, "#spec-health-port input", port);
        Fields.type(browser, "#spec-health-path input", path);
        Fields.type(browser, "#spec-health-interval input", Integer.toString(interval));
        return this;
    }

    /** What the raw spec shows now. */
    public String rawSpec() {
        return (String) browser.script("return document.querySelector('#raw-text').value;");
    }

    /** Waits until the raw spec shows the text (the form and the text are in step). */
    public LaunchPage waitForRawSpec(String contained) {
        browser.waiting().until(d -> rawSpec() != null && rawSpec().contains(contained));
        return this;
    }

    public String quotaVerdict() {
        return browser.driver().findElement(By.id("quota-verdict")).getText();
    }

    /** Waits until the quota verdict contains the text. */
    public LaunchPage waitForQuotaVerdict(String contained) {
        browser.waiting().until(d -> quotaVerdict().contains(contained));
        return this;
    }

    /** Whether "Review plan" is disabled (the form cannot be submitted). */
    public boolean reviewBlocked() {
        return browser.driver().findElement(By.id("review-plan")).getAttribute("disabled") != null;
    }

    public PlanDialog reviewPlan() {
        Fields.clickEnabled(browser, "review-plan");
        return new PlanDialog(browser);
    }

    /** The plan, shown before anything is created. */
    public static final class PlanDialog {
        private final Browser browser;

        PlanDialog(Browser browser) {
            this.browser = browser;
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-placements")));
        }

        public String placements() {
            return browser.driver().findElement(By.id("plan-placements")).getText();
        }

        public String quota() {
            return browser.driver().findElement(By.id("plan-quota")).getText();
        }

        public JobPage launch() {
            Fields.clickEnabled(browser, "confirm-launch");
            return new JobPage(browser);
        }
    }
}
