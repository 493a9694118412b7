package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Typing into Vaadin fields the way a person does: select what is there, type, leave the field. */
final class Fields {

    private Fields() {}

    static void type(Browser browser, String cssSelector, String text) {
        WebElement input =
                browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(cssSelector)));
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text, Keys.TAB);
    }

    static void click(Browser browser, String cssSelector) {
        WebElement element =
                browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(cssSelector)));
        centre(browser, element);
        element.click();
    }

    /** Scrolls an element to the middle of the window, clear of sticky headers. */
    static void centre(Browser browser, WebElement element) {
        browser.script(
                "arguments[0].scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});", element);
    }

    /** Clicks a Vaadin button once the server has enabled it. */
    static void clickEnabled(Browser browser, String id) {
        WebElement button = browser.waiting().until(d -> {
            WebElement candidate = d.findElement(By.id(id));
            return candidate.isDisplayed() && candidate.getAttribute("disabled") == null ? candidate : null;
        });
        centre(browser, button);
        // the app layout's fixed header can cover a button the page scrolled under it; a click
        // event on the button itself is what a person's click produces
        browser.script("arguments[0].click();", button);
    }
}
