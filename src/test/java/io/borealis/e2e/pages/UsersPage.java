package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The users admin page (platform admins): the accounts and the create-user dialog. */
public final class UsersPage {

    private final Browser browser;

    public UsersPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("users-grid")));
    }

    public static UsersPage open(Browser browser, String url) {
        browser.driver().get(url);
        return new UsersPage(browser);
    }

    /** Creates an account through the dialog and waits for it in the grid. */
    public UsersPage createUser(String username, String displayName, String email, String password, String role) {
        Fields.clickEnabled(browser, "create-user");
        browser.waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#new-user-username input")));
        Fields.type(browser, "#new-user-username input", username);
        Fields.type(browser, "#new-user-display-name input", displayName);
        Fields.type(browser, "#new-user-email input", email);
        Fields.type(browser, "#new-user-password input", password);
        AdminFields.choose(browser, "new-user-role", role);
        AdminFields.confirmAndWaitClosed(browser, "create-user-dialog", "new-user-username");
        browser.waiting().until(d -> usersText().contains(username));
        return this;
    }

    public String usersText() {
        return AdminFields.gridText(browser, "users-grid");
    }
}
