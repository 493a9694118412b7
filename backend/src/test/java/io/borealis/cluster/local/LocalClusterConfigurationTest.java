package io.borealis.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.cluster.ClusterDriver;
import io.borealis.cluster.PortRange;
import io.borealis.job.Resources;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Spring side: binding of the properties, start-up failure messages, and when the bean exists. */
class LocalClusterConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(LocalClusterConfiguration.class);

    @Test
    void theLocalDriverIsTheDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ClusterDriver.class);
            assertThat(context.getBean(ClusterDriver.class).name()).isEqualTo("local");
            assertThat(context.getBean(ClusterDriver.class).agents()).hasSize(3);
        });
    }

    @Test
    void theLocalDriverIsThereWhenAskedFor() {
        runner.withPropertyValues("borealis.cluster.driver=local")
                .run(context -> assertThat(context).hasSingleBean(LocalClusterDriver.class));
    }

    @Test
    void anotherDriverSwitchesItOff() {
        runner.withPropertyValues("borealis.cluster.driver=mesos")
                .run(context -> assertThat(context).doesNotHaveBean(ClusterDriver.class));
    }

    @Test
    void creatingTheBeanStartsNoThreadAndTouchesNoFile(@TempDir Path temp) {
        Path workDir = temp.resolve("sandboxes");
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        runner.withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("borealis.cluster.local.work-dir=" + workDir)
                .run(context -> {
                    LocalClusterDriver driver = context.getBean(LocalClusterDriver.class);
                    assertThat(driver.health().connected()).isFalse();
                    assertThat(driver.health().state()).isEqualTo("not started");
                    assertThat(driver.offers()).isEmpty();
                    assertThat(Thread.getAllStackTraces().keySet())
                            .filteredOn(thread -> !before.contains(thread))
                            .noneMatch(thread -> thread.getName().startsWith("local-cluster-"));
                    assertThat(workDir).doesNotExist();
                });
    }

    @Test
    void bindsAgentsFromKebabCaseProperties() {
        runner.withPropertyValues(
                        "borealis.cluster.local.work-dir=/tmp/borealis-binding-test",
                        "borealis.cluster.local.health-check-threads=3",
                        "borealis.cluster.local.agents[0].name=big",
                        "borealis.cluster.local.agents[0].cpus=8.5",
                        "borealis.cluster.local.agents[0].ram-mb=16384",
                        "borealis.cluster.local.agents[0].disk-mb=100000",
                        "borealis.cluster.local.agents[0].ports=40000-40009",
                        "borealis.cluster.local.agents[0].attributes.rack=z",
                        "borealis.cluster.local.agents[0].attributes.zone=eu-1")
                .run(context -> {
                    LocalClusterProperties properties = context.getBean(LocalClusterProperties.class);
                    assertThat(properties.healthCheckThreads()).isEqualTo(3);
                    LocalClusterDriver driver = context.getBean(LocalClusterDriver.class);
                    assertThat(driver.workDir()).hasToString("/tmp/borealis-binding-test");
                    assertThat(driver.agents()).singleElement().satisfies(agent -> {
                        assertThat(agent.id()).isEqualTo("big");
                        assertThat(agent.total()).isEqualTo(new Resources(8.5, 16384, 100000));
                        assertThat(agent.ports()).containsExactly(new PortRange(40000, 40009));
                        assertThat(agent.attributes())
                                .containsEntry("rack", "z")
                                .containsEntry("zone", "eu-1");
                    });
                });
    }

    @Test
    void badSettingsStopStartUpWithTheirPropertyNames() {
        runner.withPropertyValues(
                        "borealis.cluster.local.agents[0].name=a",
                        "borealis.cluster.local.agents[0].cpus=0",
                        "borealis.cluster.local.agents[0].ram-mb=1",
                        "borealis.cluster.local.agents[0].disk-mb=1",
                        "borealis.cluster.local.agents[0].ports=100-200",
                        "borealis.cluster.local.agents[1].name=a",
                        "borealis.cluster.local.agents[1].cpus=1",
                        "borealis.cluster.local.agents[1].ram-mb=1",
                        "borealis.cluster.local.agents[1].disk-mb=1",
                        "borealis.cluster.local.agents[1].ports=150-250")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = context.getStartupFailure();
                    while (cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause)
                            .hasMessageContaining("borealis.cluster.local.agents[0].cpus must be a positive number")
                            .hasMessageContaining("borealis.cluster.local.agents[1].name 'a' is used by another agent")
                            .hasMessageContaining("borealis.cluster.local.agents[1].ports 150-250 overlap");
                });
    }
}
