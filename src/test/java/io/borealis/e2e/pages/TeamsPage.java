package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The teams list: the teams one may see, and (platform admins) the create-team dialog. */
public final class TeamsPage {

    private final Browser browser;

    public TeamsPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("teams-grid")));
    }

    public static TeamsPage open(Browser browser, String url) {
        browser.driver().get(url);
        return new TeamsPage(browser);
    }

    /** Creates a team and lands on its page. */
    public TeamPage createTeam(String slug, String displayName) {
        Fields.clickEnabled(browser, "create-team");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#new-team-slug input")));
        Fields.type(browser, "#new-team-slug input", slug);
        Fields.type(browser, "#new-team-name input", displayName);
        AdminFields.confirmAndWaitClosed(browser, "create-team-dialog", "new-team-slug");
        browser.waiting().until(ExpectedConditions.urlContains("/teams/" + slug));
        return new TeamPage(browser);
    }

    public String teamsText() {
        return AdminFields.gridText(browser, "teams-grid");
    }
}
