package io.borealis;

import io.borealis.cluster.simulated.SimulatedCluster;
import io.borealis.db.testing.SpringTestDatabase;
import io.borealis.db.testing.TestDatabase;
import io.borealis.job.Resources;
import io.borealis.testing.MutableClock;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The backend on its own for integration tests: every backend and auth bean, a movable clock, and
 * the in-memory {@link SimulatedCluster} instead of a real cluster (tests of the real adapters
 * build those themselves). The scheduling loop does not run by itself: tests drive rounds.
 *
 * <p>It is a {@code @TestComponent}: the end-to-end module has the backend's test-jar on its
 * classpath (for the Mesos master emulator), and Spring Boot's test filter keeps this configuration
 * out of the app's component scan there.
 */
@TestComponent
@SpringBootApplication
public class BackendTestApplication {

    /** A movable clock, unless a test wants real time ({@code borealis.test.clock=system}). */
    @Bean
    @ConditionalOnProperty(name = "borealis.test.clock", havingValue = "mutable", matchIfMissing = true)
    MutableClock clock() {
        return new MutableClock();
    }

    @Bean
    @ConditionalOnProperty(name = "borealis.test.clock", havingValue = "system")
    java.time.Clock systemClock() {
        return java.time.Clock.systemUTC();
    }

    /**
     * The simulated cluster, unless a test asks for a real driver: {@code borealis.test.cluster=local}
     * (real processes) or {@code mesos} (with {@code borealis.cluster.driver=mesos} and
     * {@code borealis.mesos.masters} pointing at a master emulator).
     */
    @Bean
    @Primary
    @ConditionalOnProperty(name = "borealis.test.cluster", havingValue = "simulated", matchIfMissing = true)
    SimulatedCluster simulatedCluster(java.time.Clock clock) {
        return SimulatedCluster.withAgents(clock, 3, new Resources(4, 4096, 20_000));
    }

    /**
     * The backend on the real local cluster over this (durable) database, in real time, with the
     * scheduling loop running every 200 ms and short flapping penalties: the local-cluster tests
     * start it, close it and start it again to play a Borealis restart.
     */
    public static ConfigurableApplicationContext bootOnLocalCluster(TestDatabase database, Path workDir) {
        return new SpringApplicationBuilder(BackendTestApplication.class)
                .properties(
                        "spring.datasource.url=" + database.url(),
                        "spring.datasource.username=" + database.username(),
                        "spring.datasource.password=" + database.password(),
                        "borealis.test.cluster=local",
                        "spring.flyway.locations=classpath:db/migration,classpath:db/vendor/{vendor}",
                        "spring.flyway.placeholders.app_role=",
                        "borealis.audit.key=" + SpringTestDatabase.TEST_AUDIT_KEY,
                        "borealis.audit.head-file=" + workDir.resolve("audit-head"),
                        "borealis.test.clock=system",
                        "borealis.demo.enabled=false",
                        "borealis.cluster.local.work-dir=" + workDir,
                        "borealis.scheduler.interval=200ms",
                        "borealis.scheduler.flapping-threshold=10s",
                        "borealis.scheduler.initial-flapping-penalty=1s",
                        "borealis.scheduler.max-flapping-penalty=2s")
                .run();
    }

    /** Base of the scheduler's integration tests: a fresh database per context, no loop thread. */
    public abstract static class SchedulerTest {
        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) {
            SpringTestDatabase.register(registry);
            registry.add("borealis.scheduler.enabled", () -> "false");
            registry.add("borealis.demo.enabled", () -> "false");
        }
    }
}
