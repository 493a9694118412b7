package io.borealis.e2e.pages;

import io.borealis.e2e.support.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The audit page: its entries grid, an entry's dialog, the exports and the chain check. */
public final class AuditPage {

    private final Browser browser;

    public AuditPage(Browser browser) {
        this.browser = browser;
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("audit-view")));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("audit-shown")));
    }

    public static AuditPage open(Browser browser, String url) {
        browser.driver().get(url);
        return new AuditPage(browser);
    }

    /** The value of a text filter, e.g. "audit-target". */
    public String filter(String id) {
        return (String) browser.script("return document.getElementById(arguments[0]).value;", id);
    }

    /** What the page says it shows, e.g. "2 entries shown". */
    public String shown() {
        return browser.driver().findElement(By.id("audit-shown")).getText().strip();
    }

    /** Waits until the page shows this many entries. */
    public AuditPage waitForEntries(int count) {
        String expected = count == 1 ? "1 entry shown" : count + " entries shown";
        browser.waiting().until(d -> shown().equals(expected));
        return this;
    }

    /** The texts of the grid's cells (every row's, in no particular order). */
    @SuppressWarnings("unchecked")
    public List<String> cells() {
        return (List<String>)
                browser.script("return Array.from(document.querySelectorAll('#audit-grid vaadin-grid-cell-content'))"
                        + ".map(c => c.textContent.trim());");
    }

    /** Opens the first entry whose row contains this text (e.g. an action), and answers its dialog. */
    public EntryDialog openEntry(String text) {
        WebElement cell = browser.waiting()
                .until(d -> d.findElements(By.cssSelector("#audit-grid vaadin-grid-cell-content")).stream()
                        .filter(c -> c.getText().strip().equals(text))
                        .findFirst()
                        .orElse(null));
        Fields.centre(browser, cell);
        cell.click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-entry-fields")));
        return new EntryDialog();
    }

    /** Clicks an export link and answers the file it downloaded into the folder. */
    public Path export(String linkId, Path folder, String extension) {
        Fields.click(browser, "#" + linkId);
        return browser.waiting().until(d -> {
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(f -> f.getFileName().toString().endsWith(extension))
                        .findFirst()
                        .orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** An entry's dialog. */
    public final class EntryDialog {

        /** The term/description pairs, as "Term: value" lines. */
        public String fields() {
            return browser.driver().findElement(By.id("audit-entry-fields")).getText();
        }

        /** The rows of the before/after table: field, before, after. */
        public List<List<String>> diff() {
            return browser.driver().findElements(By.cssSelector("#audit-diff tbody tr")).stream()
                    .map(tr -> tr.findElements(By.tagName("td")).stream()
                            .map(td -> td.getText().strip())
                            .toList())
                    .toList();
        }

        /** The fields the table marks as changed. */
        public List<String> changedFields() {
            return browser.driver().findElements(By.cssSelector("#audit-diff tr.borealis-diff-changed")).stream()
                    .map(tr -> tr.getAttribute("data-field"))
                    .toList();
        }

        public AuditPage close() {
            Fields.clickEnabled(browser, "audit-entry-close");
            browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("audit-entry-fields")));
            return AuditPage.this;
        }
    }
}
