package io.borealis.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import io.borealis.db.testing.SpringTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the browserless UI tests: the whole app (services, security, a fresh embedded database
 * with the demo accounts), views driven in the JVM without a browser.
 */
@SpringBootTest
@ViewPackages(packages = "io.borealis.ui")
public abstract class ViewTest extends SpringBrowserlessTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SpringTestDatabase.register(registry);
        registry.add("borealis.cluster.local.work-dir", () -> "target/sandboxes");
    }
}
