package io.borealis.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.error.FieldProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSpecValidatorTest {

    private final JobSpecValidator validator = new JobSpecValidator(JobLimits.DEFAULT);

    private static TaskConfig config() {
        return TaskConfig.of("python3 -m http.server $PORT", new Resources(0.5, 256, 100))
                .withPorts(List.of("http"))
                .withHealthCheck(HealthCheck.http("http", "/"));
    }

    private static JobSpec spec(TaskConfig config, int instances) {
        return new JobSpec(new JobKey("payments", "prod", "web"), JobKind.SERVICE, config, instances);
    }

    private List<String> fields(JobSpec spec) {
        return validator.problems(spec).stream().map(FieldProblem::field).toList();
    }

    @Test
    void aCompleteSpecIsValid() {
        assertThat(validator.problems(spec(config(), 3))).isEmpty();
    }

    @Test
    void keyPartsFollowTheirPatterns() {
        JobSpec bad = new JobSpec(new JobKey("Payments", "", "web app"), JobKind.SERVICE, config(), 1);
        assertThat(fields(bad)).containsExactly("key.team", "key.environment", "key.name");
        assertThat(validator.problems(new JobSpec(null, JobKind.SERVICE, config(), 1)))
                .extracting(FieldProblem::field)
                .containsExactly("key");
    }

    @Test
    void instancesAreBetweenOneAndTheLimit() {
        assertThat(fields(spec(config(), 0))).containsExactly("instances");
        assertThat(fields(spec(config(), 1))).isEmpty();
        assertThat(fields(spec(config(), 10_000))).isEmpty();
        assertThat(fields(spec(config(), 10_001))).containsExactly("instances");
        assertThat(new JobSpecValidator(new JobLimits(5, 1, 1024, 1024)).instanceProblems(6))
                .extracting(FieldProblem::message)
                .containsExactly("must be between 1 and 5");
    }

    @Test
    void negativeZeroAndAbsurdResourcesAreRefused() {
        assertThat(fields(spec(config().withResources(new Resources(0, 0, 0)), 1)))
                .containsExactly("task.resources.cpus", "task.resources.ramMb", "task.resources.diskMb");
        assertThat(fields(spec(config().withResources(new Resources(-2, -1, -1)), 1)))
                .containsExactly("task.resources.cpus", "task.resources.ramMb", "task.resources.diskMb");
        assertThat(fields(spec(config().withResources(new Resources(65, 2_000_000, 20_000_000)), 1)))
                .containsExactly("task.resources.cpus", "task.resources.ramMb", "task.resources.diskMb");
        assertThat(fields(spec(config().withResources(new Resources(Double.NaN, 4, 1)), 1)))
                .containsExactly("task.resources.cpus");
        assertThat(fields(spec(config().withResources(new Resources(0.01, 4, 1)), 1)))
                .isEmpty();
        assertThat(fields(spec(config().withResources(null), 1))).containsExactly("task.resources");
    }

    @Test
    void processesNeedUniqueNamesAndCommands() {
        TaskConfig config = config().withProcesses(List.of(
                new ProcessSpec("setup", "echo hi"), new ProcessSpec("setup", " "), new ProcessSpec("Bad Name", "x")));
        assertThat(fields(spec(config, 1)))
                .containsExactly("task.processes[1].name", "task.processes[1].command", "task.processes[2].name");
        assertThat(fields(spec(config().withProcesses(List.of()), 1))).containsExactly("task.processes");
        assertThat(fields(spec(config().withProcesses(List.of(new ProcessSpec("a", "x\0y"))), 1)))
                .containsExactly("task.processes[0].command");
    }

    @Test
    void portsAreNamedOnceAndHealthChecksUseThem() {
        TaskConfig config = config().withPorts(List.of("http", "http", "9bad"))
                .withHealthCheck(HealthCheck.http("admin", "health").withTiming(0, 0, -1, 0));
        assertThat(fields(spec(config, 1)))
                .containsExactly(
                        "task.ports[1]",
                        "task.ports[2]",
                        "task.healthCheck.port",
                        "task.healthCheck.path",
                        "task.healthCheck.intervalSeconds",
                        "task.healthCheck.timeoutSeconds",
                        "task.healthCheck.gracePeriodSeconds",
                        "task.healthCheck.consecutiveFailures");
        assertThat(fields(spec(config().withHealthCheck(HealthCheck.command(" ")), 1)))
                .containsExactly("task.healthCheck.command");
    }

    @Test
    void environmentVariablesNeedValidNamesAndMayNotShadowBorealis() {
        TaskConfig config =
                config().withEnvironment(Map.of("GOOD_NAME", "1", "1BAD", "x", "BOREALIS_TASK_ID", "x", "PORT", "1"));
        assertThat(fields(spec(config, 1)))
                .containsExactly("task.environment.1BAD", "task.environment.BOREALIS_TASK_ID", "task.environment.PORT");
    }

    @Test
    void constraintsAreChecked() {
        TaskConfig config = config().withConstraints(List.of(
                Constraint.value("rack", "a"),
                new Constraint("rack", Constraint.Kind.VALUE, List.of(), false, 0),
                Constraint.limit("host", 0),
                new Constraint("Bad Attr", Constraint.Kind.LIMIT, List.of(), false, 1),
                new Constraint("zone", null, List.of(), false, 0)));
        assertThat(fields(spec(config, 1)))
                .containsExactly(
                        "task.constraints[1].values",
                        "task.constraints[2].limit",
                        "task.constraints[3].attribute",
                        "task.constraints[4].kind");
    }

    @Test
    void retriesGraceOwnerAndMetadataHaveBounds() {
        TaskConfig config = config().withMaxTaskFailures(-2)
                .withKillGracePeriod(601)
                .withOwner("x".repeat(255), Map.of("bad key!", "v", "ok", "y".repeat(1025)));
        assertThat(fields(spec(config, 1)))
                .containsExactly(
                        "task.maxTaskFailures",
                        "task.killGracePeriodSeconds",
                        "task.owner",
                        "task.metadata.bad key!",
                        "task.metadata.ok");
        assertThat(fields(spec(config().withMaxTaskFailures(-1), 1))).isEmpty();
        assertThat(fields(spec(config().withMaxTaskFailures(100), 1))).isEmpty();
    }

    @Test
    void messagesSayWhatIsAllowed() {
        List<FieldProblem> problems = validator.problems(spec(config().withResources(new Resources(0, 8, 8)), 1));
        assertThat(problems)
                .containsExactly(new FieldProblem("task.resources.cpus", "must be between 0.01 and 64 cores"));
    }
}
