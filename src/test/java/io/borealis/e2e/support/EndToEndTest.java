package io.borealis.e2e.support;

import io.borealis.Application;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the browser journeys: the packaged app started in this JVM on a random port (profile
 * {@code e2e}: in-memory H2 with the demo accounts), and one headless Chromium per test class.
 * Each test starts signed out. The local cluster's three agents get port ranges that are free on
 * this machine right now, so that tasks do not collide with other builds running alongside.
 */
@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("e2e")
@ExtendWith(ScreenshotOnFailure.class)
public abstract class EndToEndTest {

    protected static Browser browser;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void freePorts(DynamicPropertyRegistry registry) {
        int base = freePortBlock(3 * 50);
        for (int index = 0; index < 3; index++) {
            int agent = index;
            int first = base + agent * 50;
            String prefix = "borealis.cluster.local.agents[" + agent + "].";
            registry.add(prefix + "name", () -> "local-" + (agent + 1));
            registry.add(prefix + "cpus", () -> "4");
            registry.add(prefix + "ram-mb", () -> "4096");
            registry.add(prefix + "disk-mb", () -> "20480");
            registry.add(prefix + "ports", () -> first + "-" + (first + 49));
            registry.add(prefix + "attributes.host", () -> "local-" + (agent + 1));
            registry.add(prefix + "attributes.rack", () -> agent < 2 ? "a" : "b");
        }
    }

    /** The first of {@code size} consecutive ports that can all be bound now. */
    static int freePortBlock(int size) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(0, 40_000 / size) * size;
            if (allFree(base, size)) {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + size + " free ports found between 20000 and 60000");
    }

    private static boolean allFree(int base, int size) {
        for (int port = base; port < base + size; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.driver().manage().deleteAllCookies();
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }
}
