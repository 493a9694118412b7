package io.borealis.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.job.Resources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskEnvironmentTest {

    private static TaskManifest task(List<TaskManifest.AssignedPort> ports) {
        return new TaskManifest(
                "t-1",
                "local-1",
                "team/prod/web",
                4,
                1,
                null,
                Instant.EPOCH,
                Resources.NONE,
                ports,
                Map.of("GREETING", "hello"),
                List.of(),
                null,
                5);
    }

    @Test
    void tellsTheTaskAboutItselfAndItsPorts() {
        Map<String, String> env = TaskEnvironment.build(
                task(List.of(
                        new TaskManifest.AssignedPort("http", 31007),
                        new TaskManifest.AssignedPort("admin-api", 31002))),
                Path.of("/sandboxes/local-1/t-1"),
                Map.of("PATH", "/bin"));

        assertThat(env)
                .containsEntry("BOREALIS_TASK_ID", "t-1")
                .containsEntry("BOREALIS_INSTANCE", "4")
                .containsEntry("BOREALIS_JOB", "team/prod/web")
                .containsEntry("BOREALIS_AGENT", "local-1")
                .containsEntry("BOREALIS_SANDBOX", "/sandboxes/local-1/t-1")
                .containsEntry("BOREALIS_PORT_HTTP", "31007")
                .containsEntry("BOREALIS_PORT_ADMIN_API", "31002")
                .containsEntry("PORT", "31007")
                .containsEntry("GREETING", "hello")
                .containsEntry("PATH", "/bin");
    }

    @Test
    void passesOnOnlyHarmlessVariablesOfBorealisItself() {
        Map<String, String> env = TaskEnvironment.build(
                task(List.of()),
                Path.of("/s"),
                Map.of(
                        "HOME",
                        "/root",
                        "LC_ALL",
                        "C.UTF-8",
                        "PGPASSWORD",
                        "secret",
                        "SPRING_DATASOURCE_PASSWORD",
                        "x"));

        assertThat(env).containsEntry("HOME", "/root").containsEntry("LC_ALL", "C.UTF-8");
        assertThat(env).doesNotContainKeys("PGPASSWORD", "SPRING_DATASOURCE_PASSWORD", "PORT");
        assertThat(env).containsEntry("PATH", "/usr/local/bin:/usr/bin:/bin");
    }

    @Test
    void portNamesBecomeVariableNames() {
        assertThat(TaskEnvironment.portVariable("http")).isEqualTo("BOREALIS_PORT_HTTP");
        assertThat(TaskEnvironment.portVariable("admin-api_2")).isEqualTo("BOREALIS_PORT_ADMIN_API_2");
    }
}
