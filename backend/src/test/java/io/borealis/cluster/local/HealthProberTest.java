package io.borealis.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.borealis.job.HealthCheck;
import io.borealis.job.Resources;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real probes against a real HTTP server and real shell commands. */
class HealthProberTest {

    @TempDir
    Path workDir;

    private final HealthProber prober = new HealthProber();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private Sandbox sandbox;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            int status = switch (exchange.getRequestURI().getPath()) {
                case "/ok" -> 200;
                case "/empty" -> 204;
                case "/moved" -> 302;
                case "/broken" -> 500;
                case "/slow" -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield 200;
                }
                default -> 503;
            };
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "/broken");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        sandbox = new Sandboxes(workDir).of("a", "t");
        sandbox.create("#!/bin/sh\n");
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private TaskManifest task(int port) {
        return new TaskManifest(
                "t",
                "a",
                "team/prod/web",
                0,
                1,
                null,
                Instant.EPOCH,
                Resources.NONE,
                List.of(new TaskManifest.AssignedPort("http", port)),
                Map.of(),
                List.of(),
                null,
                5);
    }

    private HealthProber.Result http(String path, int port) {
        HealthCheck check = HealthCheck.http("http", path).withTiming(1, 1, 0, 1);
        return prober.probe(check, task(port), sandbox, Map.of());
    }

    private HealthProber.Result command(String command) {
        HealthCheck check = HealthCheck.command(command).withTiming(1, 1, 0, 1);
        TaskManifest task = task(1);
        return prober.probe(check, task, sandbox, TaskEnvironment.build(task, sandbox.dir(), System.getenv()));
    }

    @Test
    void twoHundredsAndThreeHundredsAreHealthy() {
        int port = server.getAddress().getPort();
        assertThat(http("/ok", port)).isEqualTo(HealthProber.Result.ok());
        assertThat(http("/empty", port).healthy()).isTrue();
        assertThat(http("/moved", port).healthy())
                .as("redirects are not followed")
                .isTrue();
        assertThat(http("ok", port).healthy()).as("a path without its slash").isTrue();
    }

    @Test
    void errorStatusesAreUnhealthyWithTheStatusInTheMessage() {
        int port = server.getAddress().getPort();
        assertThat(http("/broken", port))
                .isEqualTo(HealthProber.Result.failed("GET http://127.0.0.1:" + port + "/broken answered 500"));
        assertThat(http("/other", port).detail()).endsWith("answered 503");
    }

    @Test
    void aClosedPortIsUnhealthy() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        HealthProber.Result result = http("/ok", closed);
        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).startsWith("GET http://127.0.0.1:" + closed + "/ok failed: ");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsUnhealthy() {
        long start = System.nanoTime();
        HealthProber.Result result = http("/slow", server.getAddress().getPort());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.detail()).endsWith("/slow timed out after 1s");
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }

    @Test
    void aPortTheTaskDoesNotHaveIsUnhealthy() {
        HealthCheck check = HealthCheck.http("admin", "/ok").withTiming(1, 1, 0, 1);
        assertThat(prober.probe(check, task(server.getAddress().getPort()), sandbox, Map.of()))
                .isEqualTo(HealthProber.Result.failed("port 'admin' was not assigned to the task"));
    }

    @Test
    void aCommandRunsInTheSandboxWithTheTasksEnvironment() {
        assertThat(command("[ \"$(pwd)\" = \"$BOREALIS_SANDBOX\" ] && [ \"$BOREALIS_TASK_ID\" = t ]"))
                .isEqualTo(HealthProber.Result.ok());
    }

    @Test
    void aFailingCommandSaysWhatItPrinted() {
        assertThat(command("echo 'not   ready'; echo 'db down' >&2; exit 3"))
                .isEqualTo(HealthProber.Result.failed("command exited with status 3: not ready db down"));
        assertThat(command("exit 4")).isEqualTo(HealthProber.Result.failed("command exited with status 4"));
    }

    @Test
    void aCommandThatHangsIsKilledAtTheTimeout() {
        long start = System.nanoTime();
        HealthProber.Result result = command("sleep 30; echo never");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).isEqualTo(HealthProber.Result.failed("command timed out after 1s"));
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(ProcessHandle.current().descendants())
                .noneMatch(process -> process.info().commandLine().orElse("").contains("sleep 30"));
    }
}
