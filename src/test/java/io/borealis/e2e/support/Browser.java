package io.borealis.e2e.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, found on the PATH (or given with
 * {@code -Dchromium.path} / {@code -Dchromedriver.path}). Selenium Manager is never used, so no
 * browser is downloaded. A missing browser fails the test with the packages to install.
 */
public final class Browser implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser start() {
        String chromedriver = System.getProperty("chromedriver.path", onPath("chromedriver"));
        String chromium = System.getProperty("chromium.path", onPath("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // the background-networking flags keep Chromium off this machine's closed network
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1400,900");
        return new Browser(new ChromeDriver(service, options));
    }

    private static String onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(folder, program);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        throw new IllegalStateException(
                program + " is not on the PATH: the end-to-end tests need Debian's "
                        + "'chromium' and 'chromium-driver' packages (apt-get install chromium chromium-driver; .ci/run does it)");
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, PATIENCE);
    }

    /** Lets the page download files, saved into this folder (headless Chromium asks nobody). */
    public Path downloadTo(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException("could not create " + folder, e);
        }
        driver.executeCdpCommand(
                "Browser.setDownloadBehavior",
                java.util.Map.of(
                        "behavior",
                        "allow",
                        "downloadPath",
                        folder.toAbsolutePath().toString()));
        return folder;
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves a screenshot under target/screenshots, for people to look at after a run. */
    public Path screenshot(String name) {
        try {
            Path png = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(png.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), png, StandardCopyOption.REPLACE_EXISTING);
            return png;
        } catch (IOException e) {
            throw new IllegalStateException("could not save screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
