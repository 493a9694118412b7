package io.borealis.e2e.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Saves what the browser showed when a journey failed: target/screenshots/failed-<test>.png. */
public final class ScreenshotOnFailure implements TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (EndToEndTest.browser != null) {
            try {
                EndToEndTest.browser.screenshot(
                        "failed-" + context.getRequiredTestMethod().getName());
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
