package io.borealis.ui;

import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.browserless.internal.MockVaadin;
import io.borealis.db.testing.SpringTestDatabase;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
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

    /**
     * Waits (up to 10 s) until the condition holds, running the UI's pending {@code ui.access}
     * work (what push would deliver) between checks, on this thread, which holds the session.
     */
    protected void eventually(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(10))
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    MockVaadin.clientRoundtrip();
                    return condition.getAsBoolean();
                });
    }

    /** Runs work as a platform admin (setting up teams, jobs of other teams), then restores who was signed in. */
    protected static <T> T asAdmin(Callable<T> work) {
        return as(
                UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN", "ROLE_USER")),
                work);
    }

    /** Runs work as someone else, then restores who was signed in. */
    protected static <T> T as(Authentication who, Callable<T> work) {
        Authentication previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(who);
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }
}
