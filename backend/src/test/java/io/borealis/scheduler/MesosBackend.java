package io.borealis.scheduler;

import io.borealis.BackendTestApplication;
import io.borealis.cluster.mesos.emulator.MesosMasterEmulator;
import io.borealis.db.testing.SpringTestDatabase;
import io.borealis.db.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the whole backend ({@link BackendTestApplication}) on the Mesos driver, subscribed to a
 * master emulator, with the scheduling loop running on short intervals: for the scheduler-level
 * Mesos tests and the status update benchmark.
 */
final class MesosBackend {

    static final String FRAMEWORK = "borealis-it";

    private MesosBackend() {}

    /**
     * A new application context over {@code database} whose driver knows only the emulator's first
     * master (so that after a failover its redirect must be followed); {@code extra} properties
     * ({@code name=value}) are added last and win.
     */
    static ConfigurableApplicationContext boot(
            TestDatabase database, Path workDir, MesosMasterEmulator master, String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.datasource.url=" + database.url(),
                "spring.datasource.username=" + database.username(),
                "spring.datasource.password=" + database.password(),
                "spring.flyway.locations=classpath:db/migration,classpath:db/vendor/{vendor}",
                "spring.flyway.placeholders.app_role=",
                "borealis.audit.key=" + SpringTestDatabase.TEST_AUDIT_KEY,
                "borealis.audit.head-file=" + workDir.resolve("audit-head"),
                "borealis.test.clock=system",
                "borealis.test.cluster=mesos",
                "borealis.demo.enabled=false",
                "borealis.cluster.driver=mesos",
                "borealis.mesos.masters=" + master.masterUrl(0),
                "borealis.mesos.framework-name=" + FRAMEWORK,
                "borealis.mesos.user=tester",
                "borealis.mesos.hostname=borealis-it.local",
                "borealis.mesos.heartbeat-watchdog-factor=25",
                "borealis.mesos.reconnect-backoff-min=50ms",
                "borealis.mesos.reconnect-backoff-max=500ms",
                "borealis.mesos.refuse-seconds=0.5",
                "borealis.mesos.connect-timeout=2s",
                "borealis.mesos.request-timeout=10s",
                "borealis.scheduler.interval=200ms"));
        properties.addAll(List.of(extra));
        return new SpringApplicationBuilder(BackendTestApplication.class)
                .properties(properties.toArray(String[]::new))
                .run();
    }
}
