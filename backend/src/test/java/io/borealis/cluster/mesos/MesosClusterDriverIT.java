package io.borealis.cluster.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.borealis.cluster.AgentView;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.LogChunk;
import io.borealis.cluster.LogStream;
import io.borealis.cluster.PortRange;
import io.borealis.cluster.ResourceOffer;
import io.borealis.cluster.TaskLaunch;
import io.borealis.cluster.TaskRef;
import io.borealis.cluster.TaskStatusUpdate;
import io.borealis.cluster.mesos.emulator.MesosMasterEmulator;
import io.borealis.db.testing.TestDatabase;
import io.borealis.job.HealthCheck;
import io.borealis.job.JobKey;
import io.borealis.job.ProcessSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The Mesos driver at the port level against the master emulator (no scheduler): subscription and
 * framework id storage, offers and launches, status updates and acknowledgements, kills, stream loss,
 * leader redirects, heartbeat silence, agent loss, invalid offers and tasks, reconciliation,
 * suppress/revive, authentication, logs and the cluster page. Runs on H2 and on PostgreSQL (the
 * framework id is stored in the database).
 */
@Timeout(120)
class MesosClusterDriverIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JobKey JOB = JobKey.of("team", "prod", "web");

    private static TestDatabase database;
    private static MesosFrameworkRepository repository;

    private MesosMasterEmulator master;
    private final List<MesosClusterDriver> drivers = new ArrayList<>();
    private final Map<MesosClusterDriver, SimpleMeterRegistry> registries = new HashMap<>();
    private String frameworkName;

    @BeforeAll
    static void database() {
        database = TestDatabase.migrated(TestDatabase.Kind.selected());
        repository = new MesosFrameworkRepository(JdbcClient.create(database.dataSource()));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
        Awaitility.setDefaultTimeout(WAIT);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void startMaster() {
        master = emulator(1);
        frameworkName = "borealis-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopEverything() {
        drivers.forEach(MesosClusterDriver::stop);
        master.close();
    }

    // ---- subscription ---------------------------------------------------------------------------

    @Test
    void subscribesWithTheConfiguredFrameworkInfoAndStoresTheFrameworkId() {
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener();

        driver.start(listener);

        awaitConnected(driver);
        String frameworkId = repository.findId(frameworkName).orElseThrow();
        assertThat(master.connectedFrameworks()).containsExactly(frameworkId);
        JsonNode subscribe = master.subscribeCalls().get(0);
        assertThat(subscribe.has("framework_id")).isFalse();
        JsonNode info = subscribe.path("subscribe").path("framework_info");
        assertThat(info.path("user").asString()).isEqualTo("tester");
        assertThat(info.path("name").asString()).isEqualTo(frameworkName);
        assertThat(info.has("id")).isFalse();
        assertThat(info.path("roles").get(0).asString()).isEqualTo("borealis");
        assertThat(info.path("capabilities").findValuesAsString("type"))
                .containsExactlyInAnyOrder("MULTI_ROLE", "PARTITION_AWARE", "TASK_KILLING_STATE");
        assertThat(info.path("checkpoint").asBoolean()).isTrue();
        assertThat(info.path("failover_timeout").asDouble()).isEqualTo(3600.0);
        assertThat(info.path("hostname").asString()).isEqualTo("borealis-test.local");
        assertThat(info.path("webui_url").asString()).isEqualTo("http://borealis-test.local:8080/");
        assertThat(subscribe.path("subscribe").path("suppressed_roles")).isEmpty();

        await().untilAsserted(() -> assertThat(driver.health().details()).containsEntry("master version", "1.11.0"));
        assertThat(driver.health().details())
                .containsEntry("framework id", frameworkId)
                .containsEntry("leader", master.masterUrl() + "/");
        await().until(() -> listener.resourcesChanged.get() > 0);
        assertThat(registries
                        .get(driver)
                        .get("borealis.mesos.connected")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(master.violations()).isEmpty();
    }

    @Test
    void aRestartedDriverSubscribesWithTheStoredIdInBothPlaces() {
        MesosClusterDriver first = driver(properties(List.of(master.masterUrl())));
        first.start(new RecordingListener());
        awaitConnected(first);
        String frameworkId = repository.findId(frameworkName).orElseThrow();
        first.stop();

        MesosClusterDriver second = driver(properties(List.of(master.masterUrl())));
        second.start(new RecordingListener());

        awaitConnected(second);
        JsonNode resubscribe = master.subscribeCalls().get(1);
        assertThat(resubscribe.path("framework_id").path("value").asString()).isEqualTo(frameworkId);
        assertThat(resubscribe
                        .path("subscribe")
                        .path("framework_info")
                        .path("id")
                        .path("value")
                        .asString())
                .isEqualTo(frameworkId);
        assertThat(master.connectedFrameworks()).containsExactly(frameworkId);
    }

    // ---- offers, launches, updates, acknowledgements ------------------------------------------

    @Test
    void offersBecomeResourceOffersAndALaunchRunsWithEverythingTheTaskNeeds() {
        String agentId = master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of("rack", "r1", "gen", "3"));
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener().acknowledgingWith(driver);
        driver.start(listener);

        ResourceOffer offer = awaitOffer(driver);
        assertThat(offer.agentId()).isEqualTo(agentId);
        assertThat(offer.hostname()).isEqualTo("agent-1");
        assertThat(offer.free()).isEqualTo(new Resources(4, 4096, 10000));
        assertThat(offer.ports()).containsExactly(new PortRange(31000, 31009));
        assertThat(offer.attributes()).containsEntry("rack", "r1").containsEntry("gen", "3");

        TaskConfig config = TaskConfig.of("unused", new Resources(0.5, 128, 64))
                .withProcesses(List.of(new ProcessSpec("setup", "echo 'ready'"), new ProcessSpec("main", "serve")))
                .withPorts(List.of("http", "admin-ui"))
                .withEnvironment(Map.of("GREETING", "hello"))
                .withHealthCheck(HealthCheck.http("http", "/health"))
                .withKillGracePeriod(7);
        driver.launch(
                offer, List.of(new TaskLaunch("web-0-a", JOB, 0, config, Map.of("http", 31001, "admin-ui", 31002))));

        await().until(() -> listener.states("web-0-a").size() >= 3);
        assertThat(listener.states("web-0-a"))
                .containsExactly(ClusterTaskState.STARTING, ClusterTaskState.RUNNING, ClusterTaskState.RUNNING);
        assertThat(listener.last("web-0-a").healthy()).isTrue();
        assertThat(listener.last("web-0-a").reason()).isEqualTo("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED");
        assertThat(listener.of("web-0-a")).allSatisfy(update -> {
            assertThat(update.agentId()).isEqualTo(agentId);
            assertThat(update.ackToken()).hasSize(24).endsWith("==");
        });

        JsonNode task = master.task("web-0-a").taskInfo();
        assertThat(task.path("name").asString()).isEqualTo("team/prod/web/0");
        assertThat(task.path("agent_id").path("value").asString()).isEqualTo(agentId);
        JsonNode resources = task.path("resources");
        assertThat(resources.findValuesAsString("name")).containsExactly("cpus", "mem", "disk", "ports");
        assertThat(resources.get(0).path("scalar").path("value").asDouble()).isEqualTo(0.5);
        assertThat(resources.get(0).path("allocation_info").path("role").asString())
                .isEqualTo("borealis");
        assertThat(resources
                        .get(3)
                        .path("ranges")
                        .path("range")
                        .get(0)
                        .path("begin")
                        .asLong())
                .isEqualTo(31001);
        assertThat(resources
                        .get(3)
                        .path("ranges")
                        .path("range")
                        .get(0)
                        .path("end")
                        .asLong())
                .isEqualTo(31002);
        JsonNode command = task.path("command");
        assertThat(command.path("shell").asBoolean()).isTrue();
        assertThat(command.path("value").asString())
                .isEqualTo("set -e\n/bin/sh -c 'echo '\\''ready'\\'''\nexec /bin/sh -c 'serve'\n");
        Map<String, String> environment = new HashMap<>();
        command.path("environment")
                .path("variables")
                .forEach(v -> environment.put(
                        v.path("name").asString(), v.path("value").asString()));
        assertThat(environment)
                .containsEntry("BOREALIS_TASK_ID", "web-0-a")
                .containsEntry("BOREALIS_JOB", "team/prod/web")
                .containsEntry("BOREALIS_INSTANCE", "0")
                .containsEntry("BOREALIS_PORT_HTTP", "31001")
                .containsEntry("BOREALIS_PORT_ADMIN_UI", "31002")
                .containsEntry("PORT", "31001")
                .containsEntry("GREETING", "hello");
        assertThat(task.path("labels").path("labels").findValuesAsString("value"))
                .containsExactly("team/prod/web", "0");
        assertThat(task.path("health_check").path("type").asString()).isEqualTo("HTTP");
        assertThat(task.path("health_check").path("http").path("port").asInt()).isEqualTo(31001);
        assertThat(task.path("health_check").path("http").path("path").asString())
                .isEqualTo("/health");
        assertThat(task.path("kill_policy")
                        .path("grace_period")
                        .path("nanoseconds")
                        .asLong())
                .isEqualTo(7_000_000_000L);
        assertThat(master.violations()).isEmpty();
    }

    @Test
    void eachUpdateWithAUuidIsAcknowledgedExactlyOnceAndOthersNever() {
        master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener().acknowledgingWith(driver);
        driver.start(listener);

        ResourceOffer offer = awaitOffer(driver);
        driver.launch(offer, List.of(launch("good", Map.of("http", 31003)), launch("bad-port", Map.of("http", 40000))));

        await().until(() -> listener.states("good").contains(ClusterTaskState.RUNNING)
                && master.task("good").statusUpdateState() == null);
        assertThat(listener.states("bad-port")).containsExactly(ClusterTaskState.ERROR);
        TaskStatusUpdate error = listener.last("bad-port");
        assertThat(error.ackToken()).isNull();
        assertThat(error.reason()).isEqualTo("REASON_TASK_INVALID");
        assertThat(error.message()).contains("ports");
        driver.acknowledge(error);

        List<String> tokens = listener.updates.stream()
                .map(TaskStatusUpdate::ackToken)
                .filter(t -> t != null)
                .toList();
        assertThat(tokens).hasSize(2).doesNotHaveDuplicates();
        assertThat(master.acknowledgements())
                .extracting(MesosMasterEmulator.Acknowledgement::uuid)
                .containsExactlyInAnyOrderElementsOf(tokens);
        assertThat(master.acknowledgements())
                .allSatisfy(ack -> assertThat(ack.taskId()).isEqualTo("good"));
        assertThat(master.violations()).isEmpty();
    }

    @Test
    void anUnacknowledgedUpdateComesAgainWithTheSameTokenAndIsAcknowledgedThen() {
        master.close();
        master = MesosMasterEmulator.builder()
                .heartbeatInterval(Duration.ofMillis(100))
                .allocationInterval(Duration.ofMillis(20))
                .updateRetry(Duration.ofMillis(100), Duration.ofMillis(200))
                .start();
        master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener();
        driver.start(listener);

        driver.launch(awaitOffer(driver), List.of(launch("t1", Map.of())));

        await().until(() -> listener.of("t1").size() >= 2);
        TaskStatusUpdate first = listener.of("t1").get(0);
        TaskStatusUpdate again = listener.of("t1").get(1);
        assertThat(again.state()).isEqualTo(ClusterTaskState.STARTING);
        assertThat(again.ackToken()).isEqualTo(first.ackToken());

        driver.acknowledge(again);
        await().until(() -> listener.states("t1").contains(ClusterTaskState.RUNNING));
        assertThat(master.acknowledgements())
                .extracting(MesosMasterEmulator.Acknowledgement::uuid)
                .containsExactly(first.ackToken());
    }

    @Test
    void killSendsTheGracePeriodAndReportsKillingThenKilled() {
        String agentId = master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener().acknowledgingWith(driver);
        driver.start(listener);
        driver.launch(awaitOffer(driver), List.of(launch("t1", Map.of())));
        await().until(() -> listener.states("t1").contains(ClusterTaskState.RUNNING));

        driver.kill(new TaskRef("t1", agentId), Duration.ofSeconds(7));

        await().until(() -> listener.states("t1").contains(ClusterTaskState.KILLED));
        assertThat(listener.states("t1")).endsWith(ClusterTaskState.KILLING, ClusterTaskState.KILLED);
        JsonNode kill = master.calls("KILL").get(0).body().path("kill");
        assertThat(kill.path("task_id").path("value").asString()).isEqualTo("t1");
        assertThat(kill.path("agent_id").path("value").asString()).isEqualTo(agentId);
        assertThat(kill.path("kill_policy")
                        .path("grace_period")
                        .path("nanoseconds")
                        .asLong())
                .isEqualTo(7_000_000_000L);
        await().until(() -> master.task("t1").completed());
    }

    // ---- stream loss, leaders, heartbeats ------------------------------------------------------

    @Test
    void aLostStreamIsSubscribedAgainWithTheSameIdAndANewStreamAndLiveTasksAreReconciled() {
        master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener().acknowledgingWith(driver);
        driver.start(listener);
        driver.launch(awaitOffer(driver), List.of(launch("t1", Map.of())));
        await().until(() -> listener.states("t1").contains(ClusterTaskState.RUNNING));
        String frameworkId = repository.findId(frameworkName).orElseThrow();
        String firstStream = master.streamId(frameworkId);
        int changes = listener.resourcesChanged.get();
        int reconciles = master.calls("RECONCILE").size();

        master.dropSubscriptions();

        await().until(() -> master.subscribeCalls().size() == 2 && master.streamId(frameworkId) != null);
        awaitConnected(driver);
        JsonNode resubscribe = master.subscribeCalls().get(1);
        assertThat(resubscribe.path("framework_id").path("value").asString()).isEqualTo(frameworkId);
        assertThat(resubscribe
                        .path("subscribe")
                        .path("framework_info")
                        .path("id")
                        .path("value")
                        .asString())
                .isEqualTo(frameworkId);
        assertThat(master.streamId(frameworkId)).isNotEqualTo(firstStream);
        await().until(() -> listener.resourcesChanged.get() > changes);
        await().until(() -> master.calls("RECONCILE").size() >= reconciles + 2);
        List<MesosMasterEmulator.ReceivedCall> afterDrop =
                master.calls("RECONCILE").subList(reconciles, reconciles + 2);
        assertThat(afterDrop.get(0).body().path("reconcile").path("tasks").findValuesAsString("value"))
                .contains("t1");
        assertThat(afterDrop.get(1).body().path("reconcile").has("tasks")).isFalse();
        assertThat(master.calls("RECONCILE"))
                .allSatisfy(call -> assertThat(call.status()).isEqualTo(202));
        assertThat(driver.health().details())
                .containsEntry("subscriptions", "2")
                .containsEntry("disconnections", "1");
    }

    @Test
    void aRedirectToTheLeaderIsFollowedByHandAndAFailoverMovesTheSubscription() {
        master.close();
        master = emulator(2);
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl(1))));
        RecordingListener listener = new RecordingListener();

        driver.start(listener);

        awaitConnected(driver);
        assertThat(driver.health().details()).containsEntry("leader", master.masterUrl(0) + "/");
        String frameworkId = repository.findId(frameworkName).orElseThrow();

        master.failover(1);

        await().until(() -> master.subscribeCalls().size() == 2 && master.streamId(frameworkId) != null);
        awaitConnected(driver);
        assertThat(driver.health().details()).containsEntry("leader", master.masterUrl(1) + "/");
        driver.reconcile(List.of(new TaskRef("unknown", null)));
        await().until(() -> listener.states("unknown").contains(ClusterTaskState.UNKNOWN));
        assertThat(master.violations()).isEmpty();
    }

    @Test
    void withoutALeaderTheNextMasterIsTriedAfterABackoff() {
        master.close();
        master = emulator(2);
        master.leaderless();
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl(0), master.masterUrl(1))));
        driver.start(new RecordingListener());

        await().until(() -> driver.health().state().contains("503"));
        master.failover(1);

        awaitConnected(driver);
        assertThat(driver.health().details()).containsEntry("leader", master.masterUrl(1) + "/");
    }

    @Test
    void heartbeatSilenceIsDetectedAndTheDriverSubscribesAgain() {
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        driver.start(new RecordingListener());
        awaitConnected(driver);

        master.pauseHeartbeats(true);

        await().until(() -> master.subscribeCalls().size() >= 2);
        assertThat(registries
                        .get(driver)
                        .get("borealis.mesos.disconnections")
                        .functionCounter()
                        .count())
                .isPositive();
        master.pauseHeartbeats(false);
        awaitConnected(driver);
        assertThat(repository.findId(frameworkName)).isPresent();
    }

    @Test
    void aRemovedFrameworkIsForgottenAndANewOneSubscribed() {
        MesosClusterDriver first = driver(properties(List.of(master.masterUrl()), null, null, Duration.ofMillis(300)));
        first.start(new RecordingListener());
        awaitConnected(first);
        String oldId = repository.findId(frameworkName).orElseThrow();
        first.stop();
        await().until(() -> master.isRemoved(oldId));

        MesosClusterDriver second = driver(properties(List.of(master.masterUrl()), null, null, Duration.ofMillis(300)));
        second.start(new RecordingListener());

        await().until(() ->
                repository.findId(frameworkName).filter(id -> !id.equals(oldId)).isPresent());
        awaitConnected(second);
        JsonNode fresh = master.subscribeCalls().get(master.subscribeCalls().size() - 1);
        assertThat(fresh.has("framework_id")).isFalse();
        assertThat(fresh.path("subscribe").path("framework_info").has("id")).isFalse();
    }

    // ---- agent loss, invalid offers and tasks, reconciliation ------------------------------------

    @Test
    void aLostAgentReportsItsTasksUnreachableAndTellsTheListener() {
        String agentId = master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener().acknowledgingWith(driver);
        driver.start(listener);
        driver.launch(awaitOffer(driver), List.of(launch("t1", Map.of())));
        await().until(() -> listener.states("t1").contains(ClusterTaskState.RUNNING));

        master.loseAgent(agentId);

        await().until(() -> listener.lostAgents.contains(agentId));
        TaskStatusUpdate unreachable = listener.last("t1");
        assertThat(unreachable.state()).isEqualTo(ClusterTaskState.UNREACHABLE);
        assertThat(unreachable.reason()).isEqualTo("REASON_AGENT_REMOVED");
        assertThat(unreachable.ackToken()).isNull();
        assertThat(driver.offers()).isEmpty();
    }

    @Test
    void aLaunchOnAnOfferTheMasterNoLongerHasIsDropped() {
        master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener().acknowledgingWith(driver);
        driver.start(listener);
        ResourceOffer offer = awaitOffer(driver);

        master.invalidateOffer(offer.offerId());
        driver.launch(offer, List.of(launch("t1", Map.of())));

        await().until(() -> !listener.of("t1").isEmpty());
        TaskStatusUpdate dropped = listener.last("t1");
        assertThat(dropped.state()).isEqualTo(ClusterTaskState.DROPPED);
        assertThat(dropped.reason()).isEqualTo("REASON_INVALID_OFFERS");
        assertThat(dropped.ackToken()).isNull();
        assertThat(master.calls("ACCEPT")).hasSize(1);
        assertThat(master.acknowledgements()).isEmpty();
    }

    @Test
    void aLaunchOnAnOfferTheDriverNoLongerHoldsIsDroppedWithoutAsking() {
        master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener();
        driver.start(listener);
        ResourceOffer offer = awaitOffer(driver);
        driver.decline(List.of(offer));

        driver.launch(offer, List.of(launch("t1", Map.of())));

        await().until(() -> !listener.of("t1").isEmpty());
        assertThat(listener.last("t1").state()).isEqualTo(ClusterTaskState.DROPPED);
        assertThat(listener.last("t1").message()).contains("no longer valid");
        assertThat(master.calls("ACCEPT")).isEmpty();
        assertThat(master.calls("DECLINE")).hasSize(1);
        assertThat(master.calls("DECLINE")
                        .get(0)
                        .body()
                        .path("decline")
                        .path("filters")
                        .path("refuse_seconds")
                        .asDouble())
                .isEqualTo(0.2);
    }

    @Test
    void reconciliationAsksExplicitlyInBatchesThenImplicitlyAndAnswersArrive() {
        String agentId = master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener().acknowledgingWith(driver);
        driver.start(listener);
        driver.launch(awaitOffer(driver), List.of(launch("t1", Map.of()), launch("t2", Map.of())));
        await().until(() -> listener.states("t1").contains(ClusterTaskState.RUNNING)
                && listener.states("t2").contains(ClusterTaskState.RUNNING));
        int before = master.calls("RECONCILE").size();

        driver.reconcile(List.of(
                new TaskRef("t1", agentId),
                new TaskRef("t2", agentId),
                new TaskRef("ghost", agentId),
                new TaskRef("nowhere", null)));

        await().until(() -> master.calls("RECONCILE").size() == before + 3);
        List<MesosMasterEmulator.ReceivedCall> calls = master.calls("RECONCILE").subList(before, before + 3);
        assertThat(calls.get(0).body().path("reconcile").path("tasks")).hasSize(2);
        assertThat(calls.get(1).body().path("reconcile").path("tasks")).hasSize(2);
        assertThat(calls.get(2).body().path("reconcile").has("tasks")).isFalse();
        await().until(() ->
                listener.of("nowhere").size() == 1 && listener.of("ghost").size() == 1);
        assertThat(listener.last("ghost").state()).isEqualTo(ClusterTaskState.GONE);
        assertThat(listener.last("nowhere").state()).isEqualTo(ClusterTaskState.UNKNOWN);
        await().until(() -> listener.of("t1").stream()
                        .filter(u -> "REASON_RECONCILIATION".equals(u.reason()))
                        .count()
                == 2);
        assertThat(listener.of("t1").stream().filter(u -> "REASON_RECONCILIATION".equals(u.reason())))
                .allSatisfy(u -> {
                    assertThat(u.state()).isEqualTo(ClusterTaskState.RUNNING);
                    assertThat(u.ackToken()).isNull();
                });
        assertThat(master.violations()).isEmpty();
    }

    @Test
    void reconcileBeforeSubscribingIsSentOnceSubscribed() {
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener();
        driver.reconcile(List.of(new TaskRef("from-before-restart", null)));

        driver.start(listener);

        await().until(() -> listener.states("from-before-restart").contains(ClusterTaskState.UNKNOWN));
    }

    @Test
    void liveTasksAreReconciledPeriodically() {
        master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver =
                driver(withReconciliationEvery(properties(List.of(master.masterUrl())), Duration.ofMillis(150)));
        RecordingListener listener = new RecordingListener().acknowledgingWith(driver);
        driver.start(listener);
        driver.launch(awaitOffer(driver), List.of(launch("t1", Map.of())));
        await().until(() -> listener.states("t1").contains(ClusterTaskState.RUNNING));
        int before = master.calls("RECONCILE").size();

        await().until(() -> master.calls("RECONCILE").size() >= before + 4);

        assertThat(master.calls("RECONCILE").subList(before, before + 4))
                .extracting(call -> call.body().path("reconcile").path("tasks").findValuesAsString("value"))
                .anySatisfy(values -> assertThat(values).contains("t1"));
    }

    // ---- offers on demand ------------------------------------------------------------------------

    @Test
    void suppressAndReviveFollowTheSchedulersDemand() {
        master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        driver.start(new RecordingListener());
        ResourceOffer offer = awaitOffer(driver);
        String frameworkId = repository.findId(frameworkName).orElseThrow();

        driver.wantOffers(false);
        driver.decline(List.of(offer));

        assertThat(master.calls("SUPPRESS")).hasSize(1);
        assertThat(master.suppressedRoles(frameworkId)).containsExactly("borealis");
        assertThat(driver.health().details()).containsEntry("offers", "suppressed");
        driver.wantOffers(false);
        assertThat(master.calls("SUPPRESS")).hasSize(1);

        master.dropSubscriptions();
        await().until(() -> master.subscribeCalls().size() == 2 && master.streamId(frameworkId) != null);
        assertThat(master.subscribeCalls()
                        .get(1)
                        .path("subscribe")
                        .path("suppressed_roles")
                        .get(0)
                        .asString())
                .isEqualTo("borealis");
        awaitConnected(driver);

        driver.wantOffers(true);

        assertThat(master.calls("REVIVE")).hasSize(1);
        assertThat(master.calls("REVIVE")
                        .get(0)
                        .body()
                        .path("revive")
                        .path("roles")
                        .get(0)
                        .asString())
                .isEqualTo("borealis");
        awaitOffer(driver);
    }

    // ---- authentication ----------------------------------------------------------------------------

    @Test
    void basicCredentialsGoOnEveryRequest() {
        master.requireAuthentication("borealis-principal", "s3cret");
        master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver =
                driver(properties(List.of(master.masterUrl()), "borealis-principal", "s3cret", Duration.ofHours(1)));
        RecordingListener listener = new RecordingListener().acknowledgingWith(driver);
        driver.start(listener);

        driver.launch(awaitOffer(driver), List.of(launch("t1", Map.of())));

        await().until(() -> listener.states("t1").contains(ClusterTaskState.RUNNING));
        assertThat(master.subscribeCalls()
                        .get(0)
                        .path("subscribe")
                        .path("framework_info")
                        .path("principal")
                        .asString())
                .isEqualTo("borealis-principal");
        await().untilAsserted(() -> assertThat(driver.health().details()).containsEntry("master version", "1.11.0"));
        assertThat(driver.agents()).hasSize(1);
        assertThat(master.violations()).isEmpty();
    }

    @Test
    void wrongCredentialsAreReportedAndNeverConnect() {
        master.requireAuthentication("borealis-principal", "s3cret");
        MesosClusterDriver driver =
                driver(properties(List.of(master.masterUrl()), "borealis-principal", "wrong", Duration.ofHours(1)));

        driver.start(new RecordingListener());

        await().until(() -> driver.health().state().contains("401"));
        assertThat(driver.health().connected()).isFalse();
        assertThat(master.connectedFrameworks()).isEmpty();
    }

    // ---- cluster page ------------------------------------------------------------------------------

    @Test
    void agentsAndHealthDescribeTheCluster() {
        String agentId = master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of("rack", "r1"));
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener().acknowledgingWith(driver);
        driver.start(listener);
        driver.launch(awaitOffer(driver), List.of(launch("t1", Map.of("http", 31005))));
        await().until(() -> listener.states("t1").contains(ClusterTaskState.RUNNING));

        List<AgentView> agents = driver.agents();

        assertThat(agents).hasSize(1);
        AgentView agent = agents.get(0);
        assertThat(agent.id()).isEqualTo(agentId);
        assertThat(agent.hostname()).isEqualTo("agent-1");
        assertThat(agent.attributes()).containsEntry("rack", "r1");
        assertThat(agent.total()).isEqualTo(new Resources(4, 4096, 10000));
        assertThat(agent.allocated()).isEqualTo(new Resources(0.5, 128, 64));
        assertThat(agent.ports()).containsExactly(new PortRange(31000, 31009));
        assertThat(agent.active()).isTrue();
        assertThat(agent.runningTasks()).isEqualTo(1);
        assertThat(driver.health().details())
                .containsEntry("offers accepted", "1")
                .containsEntry("tasks launched", "1")
                .containsKeys("offers received", "last heartbeat", "subscribed since");
        assertThat(driver.health().lastContact()).isNotNull();
        assertThat(registries
                        .get(driver)
                        .get("borealis.mesos.offers.accepted")
                        .functionCounter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void logsAreReadFromTheSandboxThroughTheAgent() {
        String agentId = master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of());
        MesosClusterDriver driver = driver(properties(List.of(master.masterUrl())));
        RecordingListener listener = new RecordingListener().acknowledgingWith(driver);
        driver.start(listener);
        driver.launch(awaitOffer(driver), List.of(launch("t1", Map.of())));
        await().until(() -> listener.states("t1").contains(ClusterTaskState.RUNNING));
        master.appendLog("t1", "stdout", "héllo wörld\n");
        TaskRef task = new TaskRef("t1", agentId);

        LogChunk all = driver.readLog(task, LogStream.STDOUT, 0, 100_000);

        assertThat(all.data()).contains("Starting task t1").endsWith("héllo wörld\n");
        assertThat(all.offset()).isZero();
        assertThat(all.size()).isEqualTo(all.data().getBytes(StandardCharsets.UTF_8).length);
        assertThat(all.nextOffset()).isEqualTo(all.size());

        LogChunk tail = driver.readLog(task, LogStream.STDOUT, -7, 100);
        assertThat(tail.data()).isEqualTo("wörld\n");
        assertThat(tail.offset()).isEqualTo(all.size() - 7);

        LogChunk cut = driver.readLog(task, LogStream.STDOUT, all.size() - 7, 2);
        assertThat(cut.data()).as("a cut character is left for the next read").isEqualTo("w");
        assertThat(cut.nextOffset()).isEqualTo(all.size() - 6);

        assertThat(driver.readLog(task, LogStream.STDERR, 0, 100)).isEqualTo(new LogChunk("", 0, 0, 0));
        assertThatThrownBy(() -> driver.readLog(new TaskRef("nope", agentId), LogStream.STDOUT, 0, 10))
                .isInstanceOf(MesosApiException.ClientError.class)
                .hasMessageContaining("no sandbox of task nope");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static MesosMasterEmulator emulator(int masters) {
        return MesosMasterEmulator.builder()
                .masters(masters)
                .heartbeatInterval(Duration.ofMillis(100))
                .allocationInterval(Duration.ofMillis(20))
                .updateRetry(Duration.ofSeconds(3), Duration.ofSeconds(6))
                .start();
    }

    private MesosProperties properties(List<String> masters) {
        return properties(masters, null, null, Duration.ofHours(1));
    }

    private MesosProperties properties(List<String> masters, String principal, String secret, Duration failover) {
        return new MesosProperties(
                masters,
                principal,
                secret,
                "borealis",
                failover,
                "tester",
                frameworkName,
                null,
                "borealis-test.local",
                null,
                null,
                null,
                3.0,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                0.2,
                Duration.ofHours(1),
                2,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    private static MesosProperties withReconciliationEvery(MesosProperties p, Duration interval) {
        return new MesosProperties(
                p.masters(),
                p.principal(),
                p.secret(),
                p.role(),
                p.failoverTimeout(),
                p.user(),
                p.frameworkName(),
                p.webuiUrl(),
                p.hostname(),
                p.trustStore(),
                p.trustStorePassword(),
                p.trustStoreType(),
                p.heartbeatWatchdogFactor(),
                p.reconnectBackoffMin(),
                p.reconnectBackoffMax(),
                p.refuseSeconds(),
                interval,
                p.reconciliationBatch(),
                p.connectTimeout(),
                p.requestTimeout());
    }

    private MesosClusterDriver driver(MesosProperties properties) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MesosClusterDriver driver = new MesosClusterDriver(
                properties, properties.webuiUrlOrDefault(8080), repository, registry, Clock.systemUTC());
        drivers.add(driver);
        registries.put(driver, registry);
        return driver;
    }

    private static void awaitConnected(MesosClusterDriver driver) {
        await().until(() -> driver.health().connected());
    }

    private static ResourceOffer awaitOffer(MesosClusterDriver driver) {
        await().until(() -> !driver.offers().isEmpty());
        return driver.offers().get(0);
    }

    private static TaskLaunch launch(String taskId, Map<String, Integer> ports) {
        TaskConfig config =
                TaskConfig.of("sleep 1000", new Resources(0.5, 128, 64)).withPorts(List.copyOf(ports.keySet()));
        return new TaskLaunch(taskId, JOB, 0, config, ports);
    }
}
