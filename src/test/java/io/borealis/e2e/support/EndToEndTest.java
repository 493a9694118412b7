package io.borealis.e2e.support;

import io.borealis.Application;
import io.borealis.job.JobKey;
import io.borealis.rollout.RolloutService;
import io.borealis.scheduler.JobFilter;
import io.borealis.scheduler.JobService;
import io.borealis.scheduler.JobSort;
import io.borealis.scheduler.JobSummary;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
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

    @Autowired
    private JobService jobService;

    @Autowired
    private RolloutService rolloutService;

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

    /**
     * Leaves no task running: every active job's rollout is aborted (a rollout refuses kills), the
     * job killed, and its tasks waited for. Journeys call it after each test.
     */
    protected void killEveryJob() {
        List<JobKey> killed = as("admin", () -> {
            List<JobKey> keys = jobService.findJobs(JobFilter.ANY, JobSort.BY_KEY, 0, 1000).stream()
                    .map(JobSummary::key)
                    .filter(key -> jobService.job(key).job().isActive())
                    .toList();
            for (JobKey key : keys) {
                rolloutService
                        .active(key)
                        .ifPresent(r -> rolloutService.abort(r.rollout().id(), "end-to-end test over"));
                jobService.killJob(key, "end-to-end test over");
            }
            return keys;
        });
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> as(
                        "admin",
                        () -> killed.stream()
                                .allMatch(key -> jobService.job(key).instances().stream()
                                        .allMatch(i -> i.current() == null
                                                || i.current().state().isTerminal()))));
    }

    /** Runs service calls as this person (admin: platform ADMIN), as the test's own set-up steps. */
    protected static <T> T as(String username, Supplier<T> work) {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username,
                        null,
                        AuthorityUtils.createAuthorityList(username.equals("admin") ? "ROLE_ADMIN" : "ROLE_USER")));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    protected static <T> T asAdmin(Supplier<T> work) {
        return as("admin", work);
    }
}
