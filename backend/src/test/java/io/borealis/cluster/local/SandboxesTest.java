package io.borealis.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.cluster.ClusterTaskState;
import io.borealis.job.HealthCheck;
import io.borealis.job.ProcessSpec;
import io.borealis.job.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxesTest {

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"a", "team-prod-web-0-1f2e3d", "x_1.2:3@4+5=6", "UPPER-lower"})
    void acceptsSchedulerTaskIds(String id) {
        assertThat(Sandboxes.isSafeName(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", ".", "..", "../etc", "a/b", "/abs", "a/../b", "x..y", ".hidden", "-dash", "a b", "a\nb", "a\\b",
                "a\0b"
            })
    void refusesPathTricks(String id) {
        assertThat(Sandboxes.isSafeName(id)).isFalse();
        Sandboxes sandboxes = new Sandboxes(workDir);
        assertThatThrownBy(() -> sandboxes.of("local-1", id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandboxes.find(id, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNullAndOverlongIds() {
        assertThat(Sandboxes.isSafeName(null)).isFalse();
        assertThat(Sandboxes.isSafeName("a".repeat(200))).isTrue();
        assertThat(Sandboxes.isSafeName("a".repeat(201))).isFalse();
    }

    @Test
    void findsASandboxOnItsAgentOrAnyOther() throws Exception {
        Sandboxes sandboxes = new Sandboxes(workDir);
        Sandbox sandbox = sandboxes.of("local-2", "t1");
        sandbox.create("#!/bin/sh\n");

        assertThat(sandbox.dir())
                .isEqualTo(workDir.toAbsolutePath().resolve("local-2").resolve("t1"));
        assertThat(sandboxes.find("t1", "local-2"))
                .get()
                .extracting(Sandbox::agent)
                .isEqualTo("local-2");
        assertThat(sandboxes.find("t1", null)).get().extracting(Sandbox::agent).isEqualTo("local-2");
        assertThat(sandboxes.find("t1", "local-1"))
                .get()
                .extracting(Sandbox::agent)
                .isEqualTo("local-2");
        assertThat(sandboxes.find("t1", "../.."))
                .get()
                .extracting(Sandbox::agent)
                .isEqualTo("local-2");
        assertThat(sandboxes.find("t2", null)).isEmpty();
        assertThat(sandboxes.withManifest()).isEmpty();
    }

    @Test
    void aSandboxIsCreatedOnceWithEmptyLogs() throws Exception {
        Sandbox sandbox = new Sandboxes(workDir).of("a", "t");
        sandbox.create("script");

        assertThat(sandbox.dir().resolve("stdout")).isEmptyFile();
        assertThat(sandbox.dir().resolve("stderr")).isEmptyFile();
        assertThat(sandbox.dir().resolve("run.sh")).hasContent("script");
        assertThatThrownBy(() -> sandbox.create("again")).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void recordsRoundTripThroughJson() throws Exception {
        Sandboxes sandboxes = new Sandboxes(workDir);
        Sandbox sandbox = sandboxes.of("a", "t");
        sandbox.create("script");
        TaskManifest manifest = new TaskManifest(
                "t",
                "a",
                "team/prod/web",
                3,
                1234,
                Instant.parse("2026-01-02T03:04:05.678Z"),
                Instant.parse("2026-01-02T03:04:05Z"),
                new Resources(0.5, 128, 256),
                List.of(new TaskManifest.AssignedPort("http", 31000), new TaskManifest.AssignedPort("admin", 31001)),
                Map.of("K", "v"),
                List.of(new ProcessSpec("main", "echo 'hi'")),
                HealthCheck.http("http", "/health").withTiming(1, 2, 3, 4),
                7);
        sandbox.writeManifest(manifest);
        sandbox.writeStatus(new RecordedStatus(ClusterTaskState.RUNNING, "ok", true, Instant.EPOCH));
        sandbox.writeKillOrder(
                new KillOrder(Instant.EPOCH, Instant.EPOCH.plusSeconds(5), ClusterTaskState.KILLED, "Killed", null));

        assertThat(sandbox.readManifest()).contains(manifest);
        assertThat(sandbox.readStatus())
                .contains(new RecordedStatus(ClusterTaskState.RUNNING, "ok", true, Instant.EPOCH));
        assertThat(sandbox.readKillOrder()).get().extracting(KillOrder::outcome).isEqualTo(ClusterTaskState.KILLED);
        assertThat(sandbox.readExitRecord()).isEmpty();
        assertThat(Files.readString(sandbox.file("task.json"))).contains("\"pid\" : 1234");
        assertThat(sandboxes.withManifest()).extracting(Sandbox::taskId).containsExactly("t");
        try (var files = Files.list(sandbox.dir())) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }
}
