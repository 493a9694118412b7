package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A team's page: members, the quota with its bars, and the dialogs that change them. */
public final class TeamPage {

    private final Browser browser;

    public TeamPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("team-view")));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("team-members")));
    }

    public static TeamPage open(Browser browser, String url) {
        browser.driver().get(url);
        return new TeamPage(browser);
    }

    public String name() {
        return browser.driver().findElement(By.id("team-name")).getText();
    }

    /** Sets the quota through the dialog (no over-commit needed) and waits for the bars to show it. */
    public TeamPage setQuota(String cpus, int ramMb, int diskMb) {
        Fields.clickEnabled(browser, "team-edit-quota");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#quota-cpus input")));
        Fields.type(browser, "#quota-cpus input", cpus);
        Fields.type(browser, "#quota-ram input", Integer.toString(ramMb));
        Fields.type(browser, "#quota-disk input", Integer.toString(diskMb));
        AdminFields.confirmAndWaitClosed(browser, "quota-dialog", "quota-cpus");
        return this;
    }

    /** The quota section's text: the numbers of every bar and the summary. */
    public String quotaText() {
        return browser.driver().findElement(By.id("team-quota")).getText();
    }

    public TeamPage waitForQuota(String contained) {
        browser.waiting().until(d -> quotaText().contains(contained));
        return this;
    }

    /** Adds someone at a level ("VIEWER", "DEVELOPER", "LEAD") and waits for them in the members grid. */
    public TeamPage addMember(String username, String level) {
        Fields.clickEnabled(browser, "team-add-member");
        browser.waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#member-username input")));
        Fields.type(browser, "#member-username input", username);
        AdminFields.choose(browser, "member-level", level);
        AdminFields.confirmAndWaitClosed(browser, "add-member-dialog", "member-username");
        browser.waiting().until(d -> membersText().contains(username));
        return this;
    }

    public String membersText() {
        return AdminFields.gridText(browser, "team-members");
    }
}
