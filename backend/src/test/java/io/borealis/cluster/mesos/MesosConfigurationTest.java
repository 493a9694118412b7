package io.borealis.cluster.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The driver exists only with borealis.cluster.driver=mesos, and only with valid properties. */
class MesosConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(MesosConfiguration.class)
            .withBean(JdbcClient.class, () -> JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:unused")));

    @Test
    void withoutTheMesosDriverSelectedNothingIsCreated() {
        context.run(app -> {
            assertThat(app).doesNotHaveBean(MesosClusterDriver.class);
            assertThat(app).doesNotHaveBean(MesosProperties.class);
        });
        context.withPropertyValues("borealis.cluster.driver=local")
                .run(app -> assertThat(app).doesNotHaveBean(MesosClusterDriver.class));
    }

    @Test
    void selectingMesosCreatesTheDriverFromRelaxedProperties() {
        context.withPropertyValues(
                        "borealis.cluster.driver=mesos",
                        "borealis.mesos.masters=http://m1:5050,http://m2:5050",
                        "borealis.mesos.failover-timeout=7d",
                        "borealis.mesos.reconnect-backoff-min=100ms",
                        "borealis.mesos.refuse-seconds=2.5",
                        "server.port=9090")
                .run(app -> {
                    assertThat(app).hasSingleBean(MesosClusterDriver.class);
                    MesosProperties properties = app.getBean(MesosProperties.class);
                    assertThat(properties.masters()).containsExactly("http://m1:5050", "http://m2:5050");
                    assertThat(properties.failoverTimeout()).isEqualTo(Duration.ofDays(7));
                    assertThat(properties.reconnectBackoffMin()).isEqualTo(Duration.ofMillis(100));
                    assertThat(properties.refuseSeconds()).isEqualTo(2.5);
                    assertThat(properties.webuiUrlOrDefault(9090)).endsWith(":9090/");
                    MesosClusterDriver driver = app.getBean(MesosClusterDriver.class);
                    assertThat(driver.name()).isEqualTo("mesos");
                    assertThat(driver.health().connected()).isFalse();
                    assertThat(driver.health().state()).isEqualTo("stopped");
                });
    }

    @Test
    void invalidPropertiesStopStartupWithAClearMessage() {
        context.withPropertyValues("borealis.cluster.driver=mesos")
                .run(app -> assertThat(app)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("borealis.mesos.masters is required"));
        context.withPropertyValues(
                        "borealis.cluster.driver=mesos",
                        "borealis.mesos.masters=http://m1:5050",
                        "borealis.mesos.role=/bad",
                        "borealis.mesos.principal=borealis")
                .run(app -> assertThat(app)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("borealis.mesos.role '/bad' must not start or end with '/'")
                        .hasMessageContaining("borealis.mesos.principal and borealis.mesos.secret go together"));
    }
}
