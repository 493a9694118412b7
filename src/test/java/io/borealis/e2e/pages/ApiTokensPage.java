package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The API tokens page: create a token (its text is shown once in a dialog), list and revoke. */
public final class ApiTokensPage {

    private final Browser browser;

    public ApiTokensPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("tokens-grid")));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#token-name input")));
    }

    /** Opens the page (signed in already). */
    public static ApiTokensPage open(Browser browser, String url) {
        browser.driver().get(url);
        return new ApiTokensPage(browser);
    }

    /**
     * Creates a token with the default lifetime and returns its text, read from the one-time dialog
     * (which is then closed).
     */
    public String create(String name) {
        WebElement field = browser.driver().findElement(By.cssSelector("#token-name input"));
        field.clear();
        field.sendKeys(name);
        browser.driver().findElement(By.id("create-token")).click();
        browser.waiting().until(d -> {
            Object value = browser.script("const f = document.getElementById('new-token'); return f ? f.value : null;");
            return value != null && value.toString().startsWith("brl_");
        });
        String token = (String) browser.script("return document.getElementById('new-token').value;");
        browser.screenshot("api-token-created");
        browser.driver().findElement(By.id("new-token-done")).click();
        browser.waiting()
                .until(d ->
                        Boolean.TRUE.equals(browser.script("return document.getElementById('new-token') === null;")));
        return token;
    }

    /** The "Last used" cell of the token with this name. */
    public String lastUsed(String name) {
        return cell(name, 3);
    }

    /** The "Status" cell of the token with this name. */
    public String status(String name) {
        return cell(name, 5);
    }

    /** A cell of the row whose name cell is {@code name}: columns are Name, Token, Created, Last used, Expires, Status. */
    private String cell(String name, int column) {
        By cells = By.cssSelector("#tokens-grid vaadin-grid-cell-content");
        browser.waiting()
                .until(d -> d.findElements(cells).stream()
                        .anyMatch(cell -> cell.getText().strip().equals(name)));
        List<String> texts = browser.driver().findElements(cells).stream()
                .map(WebElement::getText)
                .map(String::strip)
                .toList();
        return texts.get(texts.indexOf(name) + column);
    }
}
