package io.borealis.job.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.job.Constraint;
import io.borealis.job.HealthCheck;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.job.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobSpecFormatTest {

    private static final JobSpec FULL = new JobSpec(
            new JobKey("payments", "prod", "web"),
            JobKind.SERVICE,
            TaskConfig.of("python3 -m http.server $PORT", new Resources(0.5, 256, 100))
                    .withPorts(List.of("http"))
                    .withEnvironment(Map.of("MODE", "fast"))
                    .withConstraints(List.of(Constraint.value("rack", "a"), Constraint.limit("host", 1)))
                    .withHealthCheck(HealthCheck.http("http", "/").withTiming(5, 2, 10, 3))
                    .withTier(Tier.PREEMPTIBLE)
                    .withOwner("team@example.com", Map.of("cost-center", "42")),
            3);

    @ParameterizedTest
    @EnumSource(JobSpecFormat.Notation.class)
    void aSpecSurvivesARoundTrip(JobSpecFormat.Notation notation) {
        String text = JobSpecFormat.write(FULL, notation);
        assertThat(JobSpecFormat.read(text, notation)).isEqualTo(FULL);
    }

    @Test
    void missingOptionalFieldsGetDefaults() {
        JobSpec spec = JobSpecFormat.read("""
                key: {team: payments, environment: prod, name: web}
                kind: SERVICE
                instances: 2
                task:
                  processes: [{name: main, command: ./run}]
                  resources: {cpus: 1, ramMb: 128, diskMb: 10}
                  healthCheck: {kind: COMMAND, command: "true"}
                """, JobSpecFormat.Notation.YAML);

        assertThat(spec.task().maxTaskFailures()).isEqualTo(1);
        assertThat(spec.task().killGracePeriodSeconds()).isEqualTo(10);
        assertThat(spec.task().tier()).isEqualTo(Tier.PREFERRED);
        assertThat(spec.task().healthCheck().intervalSeconds()).isEqualTo(10);
        assertThat(spec.task().healthCheck().consecutiveFailures()).isEqualTo(3);
    }

    @Test
    void unknownFieldsAreRefusedWithTheirPath() {
        assertThatThrownBy(() ->
                        JobSpecFormat.read("{\"task\": {\"resources\": {\"cpu\": 1}}}", JobSpecFormat.Notation.JSON))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("task.resources.cpu"))
                .hasMessageContaining("is not a known field");
    }

    @Test
    void wrongTypesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> JobSpecFormat.read("{\"instances\": \"many\"}", JobSpecFormat.Notation.JSON))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().getFirst())
                                .isEqualTo(new FieldProblem("instances", "must be a number (line 1)")));
        assertThatThrownBy(() -> JobSpecFormat.read("{\"kind\": \"CRON\"}", JobSpecFormat.Notation.JSON))
                .hasMessageContaining("kind: must be one of [ADHOC, SERVICE]");
    }

    @Test
    void badSyntaxSaysWhere() {
        assertThatThrownBy(() -> JobSpecFormat.read("{\n  \"kind\": SERVICE\n}", JobSpecFormat.Notation.JSON))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("spec: is not valid JSON")
                .hasMessageContaining("(line 2)");
        assertThatThrownBy(() -> JobSpecFormat.read("   ", JobSpecFormat.Notation.YAML))
                .hasMessage("spec: is empty: write the job as YAML");
    }

    @Test
    void storedConfigsRoundTripAndFingerprintsAreStable() {
        String stored = JobSpecFormat.storedJson(FULL.task());
        assertThat(JobSpecFormat.fromStoredJson(stored)).isEqualTo(FULL.task());
        assertThat(JobSpecFormat.fingerprint(FULL.task()))
                .isEqualTo(JobSpecFormat.fingerprint(FULL.task()))
                .hasSize(64);
        assertThat(JobSpecFormat.fingerprint(FULL.task().withTier(Tier.PREFERRED)))
                .isNotEqualTo(JobSpecFormat.fingerprint(FULL.task()));
    }
}
