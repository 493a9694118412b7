package io.borealis.cluster.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** borealis.mesos.*: defaults and every check, each with a message that names the property. */
class MesosPropertiesTest {

    @Test
    void onlyTheMastersAreRequiredAndTheRestHasSensibleDefaults() {
        MesosProperties properties = withMasters(List.of("http://m1:5050", " https://m2:5050/ "));

        assertThat(properties.masters()).containsExactly("http://m1:5050", "https://m2:5050/");
        assertThat(properties.role()).isEqualTo("borealis");
        assertThat(properties.failoverTimeout()).isEqualTo(Duration.ofDays(28));
        assertThat(properties.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(properties.frameworkName()).isEqualTo("borealis");
        assertThat(properties.hostname()).isNotBlank();
        assertThat(properties.webuiUrlOrDefault(8443)).isEqualTo("http://" + properties.hostname() + ":8443/");
        assertThat(properties.trustStoreType()).isEqualTo("PKCS12");
        assertThat(properties.heartbeatWatchdogFactor()).isEqualTo(5.0);
        assertThat(properties.reconnectBackoffMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.reconnectBackoffMax()).isEqualTo(Duration.ofSeconds(15));
        assertThat(properties.refuseSeconds()).isEqualTo(5.0);
        assertThat(properties.reconciliationInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.reconciliationBatch()).isEqualTo(500);
        assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(75));
        assertThat(properties.authenticates()).isFalse();
    }

    @Test
    void withoutMastersStartupStopsWithAnExample() {
        assertThatThrownBy(() -> withMasters(List.of()))
                .hasMessageContaining("borealis.mesos.masters is required")
                .hasMessageContaining("http://mesos-master:5050");
        assertThatThrownBy(() -> withMasters(null)).hasMessageContaining("borealis.mesos.masters is required");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "zk://zk1:2181/mesos | must start with http:// or https://",
                "m1:5050 | must start with http:// or https://",
                "http:// | is not a URL",
                "http://m1:5050/?x=1 | must not have a query or fragment"
            })
    void badMasterUrlsAreNamed(String url, String problem) {
        assertThatThrownBy(() -> withMasters(List.of(url)))
                .hasMessageContaining("borealis.mesos.masters: '" + url + "'")
                .hasMessageContaining(problem);
    }

    @Test
    void principalAndSecretGoTogetherAndTheSecretHasNoColon() {
        assertThatThrownBy(() -> build("borealis", null, "borealis", Duration.ofDays(1), 5.0, 0.5))
                .hasMessageContaining("principal and borealis.mesos.secret go together");
        assertThatThrownBy(() -> build(null, "s3cret", "borealis", Duration.ofDays(1), 5.0, 0.5))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> build("borealis", "a:b", "borealis", Duration.ofDays(1), 5.0, 0.5))
                .hasMessageContaining("must not contain ':'");
        assertThat(build("borealis", "s3cret", "borealis", Duration.ofDays(1), 5.0, 0.5)
                        .authenticates())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "borealis", "prod/web", "a.b", "team-a/x_y"})
    void validRolesAreAccepted(String role) {
        assertThat(MesosProperties.roleProblem(role)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/prod | must not start or end with '/'",
                "prod/ | must not start or end with '/'",
                "a//b | must not contain '//'",
                "a/./b | must not have a '.' component",
                "a/.. | must not have a '..' component",
                "a/* | must not have a '*' component",
                "-a | must not have a component starting with '-'",
                "a b | must not contain whitespace"
            })
    void invalidRolesAreExplained(String role, String problem) {
        assertThat(MesosProperties.roleProblem(role)).isEqualTo(problem);
        assertThatThrownBy(() -> build(null, null, role, Duration.ofDays(1), 5.0, 0.5))
                .hasMessageContaining("borealis.mesos.role '" + role + "' " + problem);
    }

    @Test
    void timeoutsFactorsAndFiltersMustBeInRange() {
        assertThatThrownBy(() -> build(null, null, "borealis", Duration.ZERO, 5.0, 0.5))
                .hasMessageContaining("failover-timeout must be positive");
        assertThatThrownBy(() -> build(null, null, "borealis", Duration.ofDays(1), 1.0, 0.5))
                .hasMessageContaining("heartbeat-watchdog-factor must be between 1.5 and 100");
        assertThatThrownBy(() -> build(null, null, "borealis", Duration.ofDays(1), 5.0, -1.0))
                .hasMessageContaining("refuse-seconds must be between 0 and 31536000");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThatThrownBy(() -> build("p", null, "/bad", Duration.ofSeconds(-1), 0.0, 1e9))
                .hasMessageStartingWith("Invalid Mesos configuration: ")
                .hasMessageContaining("principal")
                .hasMessageContaining("role")
                .hasMessageContaining("failover-timeout")
                .hasMessageContaining("heartbeat-watchdog-factor")
                .hasMessageContaining("refuse-seconds");
    }

    @Test
    void theSecretIsNeverPrinted() {
        MesosProperties properties = build("borealis", "s3cret", "borealis", Duration.ofDays(1), 5.0, 0.5);

        assertThat(properties.toString()).doesNotContain("s3cret").contains("secret=****");
    }

    private static MesosProperties withMasters(List<String> masters) {
        return new MesosProperties(
                masters, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static MesosProperties build(
            String principal, String secret, String role, Duration failover, Double factor, Double refuse) {
        return new MesosProperties(
                List.of("http://m1:5050"),
                principal,
                secret,
                role,
                failover,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                factor,
                null,
                null,
                refuse,
                null,
                null,
                null,
                null);
    }
}
