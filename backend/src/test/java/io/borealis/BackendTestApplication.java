package io.borealis;

import io.borealis.cluster.simulated.SimulatedCluster;
import io.borealis.db.testing.SpringTestDatabase;
import io.borealis.job.Resources;
import io.borealis.testing.MutableClock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The backend on its own for integration tests: every backend and auth bean, a movable clock, and
 * the in-memory {@link SimulatedCluster} instead of a real cluster (tests of the real adapters
 * build those themselves). The scheduling loop does not run by itself: tests drive rounds.
 *
 * <p>This class lives in the backend's test sources only; no other module may put them on its
 * classpath, or the app's component scan would pick this configuration up.
 */
@SpringBootApplication
public class BackendTestApplication {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    @Bean
    @Primary
    SimulatedCluster simulatedCluster(MutableClock clock) {
        return SimulatedCluster.withAgents(clock, 3, new Resources(4, 4096, 20_000));
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
