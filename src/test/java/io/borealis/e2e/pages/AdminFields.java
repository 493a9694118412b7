package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Helpers the admin pages share: choosing a radio button, reading a grid's cells. */
final class AdminFields {

    private AdminFields() {}

    /** Chooses the radio button labelled {@code label} in the radio group with this id. */
    static void choose(Browser browser, String groupId, String label) {
        browser.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#" + groupId + " vaadin-radio-button")));
        WebElement radio =
                browser.driver().findElements(By.cssSelector("#" + groupId + " vaadin-radio-button")).stream()
                        .filter(r -> r.getText().strip().equals(label))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no radio button " + label + " in #" + groupId));
        WebElement target = radio.findElement(By.cssSelector("label"));
        Fields.centre(browser, target);
        target.click();
        browser.waiting().until(d -> radio.getAttribute("checked") != null);
    }

    /** The text of every cell of a grid, one per line. */
    static String gridText(Browser browser, String gridId) {
        Object text = browser.script(
                "const g = document.getElementById(arguments[0]);"
                        + "return g ? Array.from(g.querySelectorAll('vaadin-grid-cell-content')).map(c => c.textContent).join('\\n') : '';",
                gridId);
        return text == null ? "" : text.toString();
    }

    /** Clicks a dialog's confirm button and waits until the dialog has closed. */
    static void confirmAndWaitClosed(Browser browser, String dialogId, String fieldInDialog) {
        Fields.clickEnabled(browser, dialogId + "-confirm");
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id(fieldInDialog)));
    }
}
