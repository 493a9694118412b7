package io.borealis.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import io.borealis.db.testing.SpringTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the browserless UI tests: the whole app (services, security, a fresh embedded database
 * with the demo accounts and teams), views driven in the JVM without a browser. The scheduling
 * loop is off (tasks stay where the test puts them; no process is started) and live updates are
 * coalesced over 50 ms instead of a second, so that tests wait less.
 */
@SpringBootTest
@ViewPackages(packages = "io.borealis.ui")
public abstract class ViewTest extends SpringBrowserlessTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SpringTestDatabase.register(registry);
        registry.add("borealis.cluster.local.work-dir", () -> "target/sandboxes");
        registry.add("borealis.scheduler.enabled", () -> "false");
        registry.add("borealis.ui.live-interval", () -> "50ms");
    }
}
