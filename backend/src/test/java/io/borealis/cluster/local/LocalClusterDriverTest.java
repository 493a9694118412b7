package io.borealis.cluster.local;

import static io.borealis.cluster.ClusterTaskState.FAILED;
import static io.borealis.cluster.ClusterTaskState.FINISHED;
import static io.borealis.cluster.ClusterTaskState.KILLED;
import static io.borealis.cluster.ClusterTaskState.LOST;
import static io.borealis.cluster.ClusterTaskState.RUNNING;
import static io.borealis.cluster.ClusterTaskState.STARTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.borealis.cluster.LogChunk;
import io.borealis.cluster.LogStream;
import io.borealis.cluster.PortRange;
import io.borealis.cluster.ResourceOffer;
import io.borealis.cluster.TaskLaunch;
import io.borealis.cluster.TaskRef;
import io.borealis.cluster.TaskStatusUpdate;
import io.borealis.job.HealthCheck;
import io.borealis.job.JobKey;
import io.borealis.job.ProcessSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cluster with real OS processes (no Spring, no database). Each test has its own work
 * dir; whatever a test started is killed afterwards.
 */
class LocalClusterDriverTest {

    private static final Resources SMALL = new Resources(0.5, 64, 16);
    private static final JobKey JOB = JobKey.of("team", "prod", "web");
    private static final Duration WAIT = RecordingListener.TIMEOUT;

    @TempDir
    Path workDir;

    private final RecordingListener listener = new RecordingListener();
    private final List<LocalClusterDriver> drivers = new ArrayList<>();
    private final Map<String, String> hostEnvironment = new HashMap<>(System.getenv());

    @AfterEach
    void killWhatTheTestStarted() throws IOException {
        drivers.forEach(LocalClusterDriver::stop);
        for (Sandbox sandbox : new Sandboxes(workDir).withManifest()) {
            // only a wrapper this test started: same pid and same start (never this JVM)
            sandbox.readManifest()
                    .flatMap(manifest -> ProcessHandle.of(manifest.pid())
                            .filter(process -> !process.equals(ProcessHandle.current()))
                            .filter(process ->
                                    process.info().startInstant().equals(Optional.ofNullable(manifest.processStart()))))
                    .ifPresent(wrapper -> {
                        wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
                        wrapper.destroyForcibly();
                    });
        }
        assertThat(listener.overlaps()).as("updates delivered one at a time").isZero();
    }

    private static LocalClusterProperties.Agent agent(String name, String ports) {
        return new LocalClusterProperties.Agent(name, 2.0, 1024L, 1024L, ports, Map.of("rack", "a"));
    }

    private LocalClusterDriver driver(LocalClusterProperties.Agent... agents) {
        LocalClusterDriver driver = new LocalClusterDriver(
                new LocalClusterProperties(workDir, List.of(agents), 2), Clock.systemUTC(), hostEnvironment);
        drivers.add(driver);
        return driver;
    }

    private LocalClusterDriver started() {
        LocalClusterDriver driver = driver(agent("a1", "41000-41009"));
        driver.start(listener);
        return driver;
    }

    private static TaskLaunch task(String id, String command) {
        return task(id, TaskConfig.of(command, SMALL), Map.of());
    }

    private static TaskLaunch task(String id, TaskConfig config, Map<String, Integer> ports) {
        return new TaskLaunch(id, JOB, 0, config, ports);
    }

    private static void launch(LocalClusterDriver driver, TaskLaunch... tasks) {
        driver.launch(driver.offers().getFirst(), List.of(tasks));
    }

    private Path sandbox(String taskId) {
        return workDir.resolve("a1").resolve(taskId);
    }

    private static String read(LocalClusterDriver driver, String taskId, LogStream stream) {
        return driver.readLog(new TaskRef(taskId, "a1"), stream, 0, 100_000).data();
    }

    /** The task's wrapper and everything below it, now. */
    private List<ProcessHandle> tree(String taskId) throws IOException {
        long pid = new Sandboxes(workDir)
                .of("a1", taskId)
                .readManifest()
                .orElseThrow()
                .pid();
        ProcessHandle wrapper = ProcessHandle.of(pid).orElseThrow();
        return Stream.concat(Stream.of(wrapper), wrapper.descendants()).toList();
    }

    @Test
    void aProcessRunsReportsStartingRunningFinishedAndLeavesItsLogs() {
        LocalClusterDriver driver = started();

        launch(driver, task("t1", "echo out-1; echo err-1 >&2; printf 'ünï€\\n'; echo out-2"));

        TaskStatusUpdate end = listener.await("t1", FINISHED);
        assertThat(listener.states("t1")).containsExactly(STARTING, RUNNING, FINISHED);
        assertThat(end.message()).isEqualTo("Command exited with status 0");
        assertThat(end.agentId()).isEqualTo("a1");
        assertThat(end.needsAcknowledgement()).isFalse();
        assertThat(listener.threads()).allMatch(name -> name.equals("local-cluster-events-1"));

        assertThat(read(driver, "t1", LogStream.STDOUT)).isEqualTo("out-1\nünï€\nout-2\n");
        assertThat(read(driver, "t1", LogStream.STDERR)).isEqualTo("err-1\n");
        LogChunk tail = driver.readLog(new TaskRef("t1", null), LogStream.STDOUT, -6, 1000);
        assertThat(tail.data()).isEqualTo("out-2\n");
        assertThat(tail.nextOffset()).isEqualTo(tail.size());

        StringBuilder followed = new StringBuilder();
        long offset = 0;
        LogChunk chunk;
        do {
            chunk = driver.readLog(new TaskRef("t1", "a1"), LogStream.STDOUT, offset, 4);
            followed.append(chunk.data());
            offset = chunk.nextOffset();
        } while (offset < chunk.size());
        assertThat(followed).hasToString("out-1\nünï€\nout-2\n");

        assertThat(sandbox("t1").resolve("exit_status")).hasContent("0 -");
        await().atMost(WAIT).until(() -> listener.resourceChanges() > 0);
        assertThat(driver.offers().getFirst().free()).isEqualTo(new Resources(2, 1024, 1024));
    }

    @Test
    void aGrowingLogCanBeFollowed() throws IOException {
        LocalClusterDriver driver = started();
        launch(driver, task("t1", "echo first; while [ ! -f next ]; do sleep 0.05; done; echo second"));

        await().atMost(WAIT).until(() -> read(driver, "t1", LogStream.STDOUT).equals("first\n"));
        long offset = driver.readLog(new TaskRef("t1", "a1"), LogStream.STDOUT, 0, 1000)
                .nextOffset();
        assertThat(driver.readLog(new TaskRef("t1", "a1"), LogStream.STDOUT, offset, 1000)
                        .data())
                .isEmpty();

        Files.createFile(sandbox("t1").resolve("next"));

        await().atMost(WAIT)
                .until(() -> driver.readLog(new TaskRef("t1", "a1"), LogStream.STDOUT, offset, 1000)
                        .data()
                        .equals("second\n"));
        listener.await("t1", FINISHED);
    }

    @Test
    void aFailingCommandIsFailedWithItsExitStatus() {
        LocalClusterDriver driver = started();

        launch(driver, task("t1", "echo about to fail >&2; exit 3"));

        TaskStatusUpdate end = listener.awaitEnd("t1");
        assertThat(end.state()).isEqualTo(FAILED);
        assertThat(end.message()).isEqualTo("Process 'main' exited with status 3");
        assertThat(listener.states("t1")).containsExactly(STARTING, RUNNING, FAILED);
        assertThat(read(driver, "t1", LogStream.STDERR)).isEqualTo("about to fail\n");
    }

    @Test
    void processesRunInOrderAndTheFirstFailureStopsTheRest() throws IOException {
        LocalClusterDriver driver = started();
        TaskConfig failing = TaskConfig.of("unused", SMALL)
                .withProcesses(List.of(
                        new ProcessSpec("setup", "echo setup >> order; exit 5"),
                        new ProcessSpec("main", "echo main >> order")));
        TaskConfig passing = TaskConfig.of("unused", SMALL)
                .withProcesses(List.of(
                        new ProcessSpec("one", "echo one >> order"), new ProcessSpec("two", "echo two >> order")));

        launch(driver, task("fails", failing, Map.of()), task("passes", passing, Map.of()));

        assertThat(listener.awaitEnd("fails").message()).isEqualTo("Process 'setup' exited with status 5");
        assertThat(sandbox("fails").resolve("order")).hasContent("setup");
        TaskStatusUpdate passed = listener.awaitEnd("passes");
        assertThat(passed.state()).isEqualTo(FINISHED);
        assertThat(passed.message()).isEqualTo("All 2 processes exited with status 0");
        assertThat(Files.readString(sandbox("passes").resolve("order"))).isEqualTo("one\ntwo\n");
    }

    @Test
    void assignedPortsAndTheEnvironmentReachTheProcess() {
        hostEnvironment.put("SECRET_TOKEN", "must-not-leak");
        LocalClusterDriver driver = started();
        TaskConfig config = TaskConfig.of(
                        "echo \"$BOREALIS_PORT_HTTP $BOREALIS_PORT_ADMIN_API $PORT\";"
                                + " echo \"$BOREALIS_TASK_ID $BOREALIS_INSTANCE $BOREALIS_JOB\";"
                                + " echo \"$GREETING\"; pwd; echo \"$BOREALIS_SANDBOX\";"
                                + " echo \"secret=${SECRET_TOKEN:-none}\";"
                                + " while [ ! -f done ]; do sleep 0.05; done",
                        SMALL)
                .withPorts(List.of("http", "admin-api"))
                .withEnvironment(Map.of("GREETING", "it's \"quoted\" $HOME `id`"));

        launch(driver, new TaskLaunch("t1", JOB, 7, config, Map.of("http", 41003, "admin-api", 41007)));

        listener.await("t1", RUNNING);
        String sandbox = sandbox("t1").toAbsolutePath().toString();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(read(driver, "t1", LogStream.STDOUT))
                        .isEqualTo("41003 41007 41003\n"
                                + "t1 7 team/prod/web\n"
                                + "it's \"quoted\" $HOME `id`\n"
                                + sandbox + "\n"
                                + sandbox + "\n"
                                + "secret=none\n"));
        ResourceOffer offer = driver.offers().getFirst();
        assertThat(offer.ports())
                .containsExactly(new PortRange(41000, 41002), new PortRange(41004, 41006), new PortRange(41008, 41009));
        assertThat(offer.free()).isEqualTo(new Resources(1.5, 960, 1008));
    }

    @Test
    void aKillThatIsIgnoredIsEscalatedToSigkillWithinTheGracePeriod() throws IOException {
        LocalClusterDriver driver = started();
        launch(driver, task("t1", "trap '' TERM; echo ready; sleep 30"));
        listener.await("t1", RUNNING);
        await().atMost(WAIT).until(() -> read(driver, "t1", LogStream.STDOUT).equals("ready\n"));
        List<ProcessHandle> tree = tree("t1");
        assertThat(tree).hasSizeGreaterThanOrEqualTo(3); // wrapper, sh -c, sleep

        long start = System.nanoTime();
        driver.kill(new TaskRef("t1", "a1"), Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("kill returns at once")
                .isLessThan(Duration.ofMillis(500));

        TaskStatusUpdate end = listener.awaitEnd("t1");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(end.state()).isEqualTo(KILLED);
        assertThat(end.message()).isEqualTo("Killed");
        assertThat(took)
                .as("SIGKILL after the 1s grace period")
                .isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
        assertThat(tree).noneMatch(ProcessLiveness::isRunning);
        assertThat(sandbox("t1").resolve("exit_status")).doesNotExist();
        assertThat(sandbox("t1").resolve("kill.json")).exists();
    }

    @Test
    void aTaskThatHonoursSigtermEndsWithoutWaitingForTheGracePeriod() throws IOException {
        LocalClusterDriver driver = started();
        launch(driver, task("t1", "sleep 30"));
        listener.await("t1", RUNNING);
        List<ProcessHandle> tree = tree("t1");

        long start = System.nanoTime();
        driver.kill(new TaskRef("t1", "a1"), Duration.ofSeconds(20));

        assertThat(listener.awaitEnd("t1").state()).isEqualTo(KILLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(tree).noneMatch(ProcessLiveness::isRunning);
        assertThat(listener.states("t1")).containsExactly(STARTING, RUNNING, KILLED);
    }

    @Test
    void killingAnUnknownOrEndedTaskAnswersWhatIsKnown() {
        LocalClusterDriver driver = started();
        launch(driver, task("done", "true"));
        listener.await("done", FINISHED);

        driver.kill(new TaskRef("done", "a1"), Duration.ofSeconds(1));
        driver.kill(new TaskRef("nobody", "a1"), Duration.ofSeconds(1));
        driver.kill(new TaskRef("../../etc", null), Duration.ofSeconds(1));

        await().atMost(WAIT).until(() -> listener.states("done").size() == 4);
        assertThat(listener.states("done")).containsExactly(STARTING, RUNNING, FINISHED, FINISHED);
        TaskStatusUpdate unknown = listener.awaitEnd("nobody");
        assertThat(unknown.state()).isEqualTo(LOST);
        assertThat(unknown.message()).isEqualTo("Unknown task");
        assertThat(unknown.reason()).isEqualTo("REASON_TASK_UNKNOWN");
        assertThat(listener.awaitEnd("../../etc").state()).isEqualTo(LOST);
    }

    @Test
    void anHttpHealthCheckProbesTheTasksOwnServer() throws IOException {
        Path python = Path.of("/usr/bin/python3");
        assertThat(python)
                .as("this test needs /usr/bin/python3 to serve HTTP from a task (apt-get install python3)")
                .isExecutable();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        LocalClusterDriver driver = driver(agent("a1", port + "-" + port));
        driver.start(listener);
        TaskConfig config = TaskConfig.of(python + " -m http.server \"$PORT\" --bind 127.0.0.1", SMALL)
                .withPorts(List.of("http"))
                .withHealthCheck(HealthCheck.http("http", "/").withTiming(1, 1, 30, 3));

        launch(driver, task("web", config, Map.of("http", port)));

        TaskStatusUpdate running = listener.await("web", RUNNING);
        assertThat(running.healthy()).isTrue();
        assertThat(running.message()).isEqualTo("Health check passed: HTTP GET / on port http");
        assertThat(listener.states("web")).containsExactly(STARTING, RUNNING);

        driver.kill(new TaskRef("web", "a1"), Duration.ofSeconds(5));
        assertThat(listener.awaitEnd("web").state()).isEqualTo(KILLED);
    }

    @Test
    void aCommandHealthCheckThatPassesAfterTheGracePeriodFailuresMakesTheTaskRunning() {
        LocalClusterDriver driver = started();
        TaskConfig config = TaskConfig.of("sleep 0.3; touch ready; sleep 30", SMALL)
                .withHealthCheck(HealthCheck.command("test -f ready").withTiming(1, 1, 30, 1));

        launch(driver, task("t1", config, Map.of()));

        TaskStatusUpdate running = listener.await("t1", RUNNING);
        assertThat(running.healthy()).isTrue();
        assertThat(listener.states("t1")).containsExactly(STARTING, RUNNING);
    }

    @Test
    void aFailingCommandHealthCheckKillsTheTaskAndFailsIt() throws IOException {
        LocalClusterDriver driver = started();
        TaskConfig config = TaskConfig.of("sleep 30", SMALL)
                .withHealthCheck(HealthCheck.command("echo 'not ready'; exit 1").withTiming(1, 1, 0, 2));

        launch(driver, task("t1", config, Map.of()));
        listener.await("t1", STARTING);
        List<ProcessHandle> tree = tree("t1");

        TaskStatusUpdate end = listener.awaitEnd("t1");
        assertThat(end.state()).isEqualTo(FAILED);
        assertThat(end.message())
                .isEqualTo("Health check failed 2 times in a row: command exited with status 1: not ready");
        assertThat(end.healthy()).isFalse();
        assertThat(listener.states("t1")).containsExactly(STARTING, FAILED);
        assertThat(tree).noneMatch(ProcessLiveness::isRunning);
    }

    @Test
    void aRestartedDriverAdoptsRunningTasksAndReconcilesTheOthers() throws IOException {
        LocalClusterDriver first = started();
        String waitForRelease = "while [ ! -f release ]; do sleep 0.05; done";
        launch(
                first,
                task("survivor", waitForRelease + "; echo released"),
                task("victim", "sleep 30"),
                task("quitter", waitForRelease + "; exit 4"));
        listener.await("survivor", RUNNING);
        listener.await("victim", RUNNING);
        listener.await("quitter", RUNNING);
        List<ProcessHandle> survivor = tree("survivor");
        List<ProcessHandle> victim = tree("victim");
        List<ProcessHandle> quitter = tree("quitter");

        first.stop();
        assertThat(first.health().state()).isEqualTo("stopped");
        assertThat(survivor).allMatch(ProcessLiveness::isRunning);
        assertThat(victim).allMatch(ProcessLiveness::isRunning);

        // while Borealis is away: one task is killed from outside, one ends by itself
        victim.forEach(ProcessHandle::destroyForcibly);
        Files.createFile(sandbox("quitter").resolve("release"));
        await().atMost(WAIT)
                .until(() -> victim.stream().noneMatch(ProcessLiveness::isRunning)
                        && !ProcessLiveness.isRunning(quitter.getFirst()));

        RecordingListener second = new RecordingListener();
        LocalClusterDriver restarted = driver(agent("a1", "41000-41009"));
        restarted.start(second);
        assertThat(restarted.health().details()).containsEntry("adopted at start", "1");
        assertThat(restarted.health().state()).isEqualTo("running 1 tasks on 1 agents");
        assertThat(restarted.offers().getFirst().free()).isEqualTo(new Resources(1.5, 960, 1008));

        restarted.reconcile(List.of(
                new TaskRef("survivor", "a1"),
                new TaskRef("victim", "a1"),
                new TaskRef("quitter", null),
                new TaskRef("stranger", "a1")));

        TaskStatusUpdate adopted = second.await("survivor", RUNNING);
        assertThat(adopted.reason()).isEqualTo("REASON_RECONCILIATION");
        TaskStatusUpdate lost = second.awaitEnd("victim");
        assertThat(lost.state()).isEqualTo(LOST);
        assertThat(lost.message()).startsWith("Task is not running on this machine");
        TaskStatusUpdate quit = second.awaitEnd("quitter");
        assertThat(quit.state()).isEqualTo(FAILED);
        assertThat(quit.message()).isEqualTo("Process 'main' exited with status 4");
        TaskStatusUpdate stranger = second.awaitEnd("stranger");
        assertThat(stranger.state()).isEqualTo(LOST);
        assertThat(stranger.message()).startsWith("Task is not running on this machine");

        // the adopted task's end is seen and reported correctly
        Files.createFile(sandbox("survivor").resolve("release"));
        TaskStatusUpdate finished = second.awaitEnd("survivor");
        assertThat(finished.state()).isEqualTo(FINISHED);
        assertThat(read(restarted, "survivor", LogStream.STDOUT)).isEqualTo("released\n");
        await().atMost(WAIT).until(() -> restarted.offers().getFirst().free().equals(new Resources(2, 1024, 1024)));
        assertThat(listener.updates("survivor"))
                .extracting(TaskStatusUpdate::state)
                .containsExactly(STARTING, RUNNING);
    }

    @Test
    void aKillUnderWayWhenBorealisStopsIsFinishedByTheNextStart() throws IOException {
        LocalClusterDriver first = started();
        launch(first, task("t1", "trap '' TERM; echo ready; sleep 30"));
        listener.await("t1", RUNNING);
        await().atMost(WAIT).until(() -> read(first, "t1", LogStream.STDOUT).equals("ready\n"));
        List<ProcessHandle> tree = tree("t1");

        first.kill(new TaskRef("t1", "a1"), Duration.ofSeconds(1));
        first.stop();
        assertThat(ProcessLiveness.isRunning(tree.getLast()))
                .as("TERM is ignored")
                .isTrue();

        RecordingListener second = new RecordingListener();
        LocalClusterDriver restarted = driver(agent("a1", "41000-41009"));
        restarted.start(second);

        TaskStatusUpdate end = second.awaitEnd("t1");
        assertThat(end.state()).isEqualTo(KILLED);
        assertThat(tree).noneMatch(ProcessLiveness::isRunning);
    }

    @Test
    void aReusedPidIsNotMistakenForTheTask() throws IOException {
        Sandbox sandbox = new Sandboxes(workDir).of("a1", "ghost");
        sandbox.create("#!/bin/sh\n");
        sandbox.writeManifest(new TaskManifest(
                "ghost",
                "a1",
                JOB.toString(),
                0,
                ProcessHandle.current().pid(),
                java.time.Instant.parse("2001-01-01T00:00:00Z"),
                java.time.Instant.parse("2001-01-01T00:00:00Z"),
                SMALL,
                List.of(),
                Map.of(),
                List.of(new ProcessSpec("main", "sleep 1")),
                null,
                1));

        LocalClusterDriver driver = started();
        assertThat(driver.health().details()).containsEntry("adopted at start", "0");
        driver.reconcile(List.of(new TaskRef("ghost", "a1")));

        assertThat(listener.awaitEnd("ghost").state()).isEqualTo(LOST);
        assertThat(sandbox.readStatus()).get().extracting(RecordedStatus::state).isEqualTo(LOST);
    }

    @Test
    void anEmptyReconciliationReportsEveryRunningTask() {
        LocalClusterDriver driver = started();
        launch(driver, task("a", "sleep 30"), task("b", "sleep 30"));
        listener.await("a", RUNNING);
        listener.await("b", RUNNING);

        driver.reconcile(List.of());

        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(Stream.concat(listener.updates("a").stream(), listener.updates("b").stream()))
                                .filteredOn(update -> "REASON_RECONCILIATION".equals(update.reason()))
                                .extracting(TaskStatusUpdate::taskId)
                                .containsExactlyInAnyOrder("a", "b"));
    }

    @Test
    void launchProblemsAreReportedAsUpdatesNotThrown() throws IOException {
        LocalClusterDriver driver = started();
        ResourceOffer offer = driver.offers().getFirst();
        ResourceOffer elsewhere = new ResourceOffer(null, "nowhere", "nowhere", Map.of(), SMALL, List.of());

        driver.launch(elsewhere, List.of(task("lost-agent", "true")));
        driver.launch(offer, List.of(task("too-big", TaskConfig.of("true", new Resources(3, 1, 1)), Map.of())));
        driver.launch(offer, List.of(task("../escape", "true")));
        driver.launch(
                offer, List.of(task("no-port", TaskConfig.of("true", SMALL).withPorts(List.of("http")), Map.of())));
        driver.launch(
                offer,
                List.of(task("bad-port", TaskConfig.of("true", SMALL).withPorts(List.of("http")), Map.of("http", 80))));

        assertThat(listener.awaitEnd("lost-agent"))
                .extracting(TaskStatusUpdate::state, TaskStatusUpdate::message, TaskStatusUpdate::reason)
                .containsExactly(LOST, "Unknown agent 'nowhere'", "REASON_INVALID_OFFERS");
        assertThat(listener.awaitEnd("too-big").state()).isEqualTo(LOST);
        assertThat(listener.awaitEnd("too-big").message())
                .startsWith("Cannot launch on agent a1: not enough free resources");
        assertThat(listener.awaitEnd("../escape").state()).isEqualTo(FAILED);
        assertThat(listener.awaitEnd("no-port").message())
                .isEqualTo("Cannot launch: not every port was assigned (needs [http], got [])");
        assertThat(listener.awaitEnd("bad-port").message())
                .isEqualTo("Cannot launch on agent a1: port 80 is outside the agent's range 41000-41009");
        assertThat(workDir.resolve("escape")).doesNotExist();
        assertThat(driver.offers().getFirst().free()).isEqualTo(new Resources(2, 1024, 1024));
    }

    @Test
    void aSandboxThatCannotBeCreatedFailsTheTaskWithTheReason() throws IOException {
        LocalClusterDriver driver = driver(agent("a1", "41000-41009"), agent("a2", "41010-41019"));
        driver.start(listener);
        Files.writeString(workDir.resolve("a2"), "a file where the agent's folder should be");
        ResourceOffer a2 = driver.offers().get(1);

        driver.launch(a2, List.of(task("t1", "true")));

        TaskStatusUpdate end = listener.awaitEnd("t1");
        assertThat(end.state()).isEqualTo(FAILED);
        assertThat(end.message()).startsWith("Cannot launch: ").contains("a2");
        assertThat(driver.offers().get(1).free()).isEqualTo(new Resources(2, 1024, 1024));
    }

    @Test
    void aTaskIdIsLaunchedOnlyOnce() {
        LocalClusterDriver driver = started();
        launch(driver, task("t1", "sleep 30"));
        listener.await("t1", RUNNING);

        launch(driver, task("t1", "echo second"));

        await().atMost(WAIT).until(() -> listener.states("t1").size() == 3);
        assertThat(listener.states("t1")).containsExactly(STARTING, RUNNING, RUNNING);
        assertThat(driver.agents().getFirst().runningTasks()).isEqualTo(1);
    }

    @Test
    void agentsAndHealthDescribeTheCluster() {
        LocalClusterDriver driver = driver(agent("a1", "41000-41009"), agent("a2", "41010-41019"));
        assertThat(driver.health().connected()).isFalse();
        ResourceOffer notYet = new ResourceOffer(null, "a1", "a1", Map.of(), SMALL, List.of());
        assertThatThrownBy(() -> driver.launch(notYet, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the local cluster driver is not started");

        driver.start(listener);
        launch(driver, task("t1", "sleep 30"));
        listener.await("t1", RUNNING);

        assertThat(driver.name()).isEqualTo("local");
        assertThat(driver.health().connected()).isTrue();
        assertThat(driver.health().state()).isEqualTo("running 1 tasks on 2 agents");
        assertThat(driver.health().details())
                .containsEntry("work dir", workDir.toAbsolutePath().toString())
                .containsEntry("agents", "a1, a2");
        assertThat(driver.agents()).hasSize(2);
        assertThat(driver.agents().getFirst()).satisfies(view -> {
            assertThat(view.id()).isEqualTo("a1");
            assertThat(view.total()).isEqualTo(new Resources(2, 1024, 1024));
            assertThat(view.allocated()).isEqualTo(SMALL);
            assertThat(view.runningTasks()).isEqualTo(1);
            assertThat(view.active()).isTrue();
            assertThat(view.ports()).containsExactly(new PortRange(41000, 41009));
            assertThat(view.attributes()).containsEntry("rack", "a");
        });
        assertThat(driver.offers()).extracting(ResourceOffer::agentId).containsExactly("a1", "a2");
        assertThat(driver.offers()).allMatch(offer -> offer.offerId() == null);

        driver.stop();
        assertThat(driver.health().connected()).isFalse();
        assertThat(driver.offers()).isEmpty();
        assertThatThrownBy(() -> driver.start(listener)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void logsOfUnknownTasksAreEmptyAndPathTricksAreRefused() {
        LocalClusterDriver driver = started();

        assertThat(driver.readLog(new TaskRef("nobody", "a1"), LogStream.STDOUT, 0, 100))
                .isEqualTo(new LogChunk("", 0, 0, 0));
        assertThatThrownBy(() -> driver.readLog(new TaskRef("../a1", "a1"), LogStream.STDOUT, 0, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> driver.readLog(new TaskRef("a/b", null), LogStream.STDERR, 0, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
