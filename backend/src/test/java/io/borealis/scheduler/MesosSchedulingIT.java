package io.borealis.scheduler;

import static io.borealis.scheduler.SchedulerHarness.LARGE_QUOTA;
import static io.borealis.scheduler.SchedulerHarness.signInAs;
import static io.borealis.scheduler.SchedulerHarness.signOut;
import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.auth.user.UserAccountService;
import io.borealis.cluster.ClusterHealth;
import io.borealis.cluster.mesos.MesosFrameworkRepository;
import io.borealis.cluster.mesos.emulator.MesosMasterEmulator;
import io.borealis.cluster.mesos.emulator.MesosMasterEmulator.Acknowledgement;
import io.borealis.cluster.mesos.emulator.MesosMasterEmulator.SentUpdate;
import io.borealis.db.testing.TestDatabase;
import io.borealis.job.HealthCheck;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobRepository;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.quota.QuotaService;
import io.borealis.rollout.Rollout;
import io.borealis.rollout.RolloutService;
import io.borealis.rollout.RolloutSettings;
import io.borealis.rollout.RolloutStatus;
import io.borealis.task.Task;
import io.borealis.task.TaskEvent;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Borealis scheduling on Mesos end to end: the whole backend (jobs through {@link JobService}, the
 * scheduling loop on short intervals, the real database) with the Mesos driver subscribed to the
 * master emulator. Every test also checks the acknowledgement rule on the emulator's records: each
 * delivery of an update that carries a uuid is acknowledged exactly once, only after the state it
 * reports is stored (looked at from the emulator when the ACKNOWLEDGE arrives), and no update
 * without a uuid ever is.
 *
 * <p>Not covered here: a rollout over Mesos (rollouts are being built elsewhere).
 */
@Timeout(120)
class MesosSchedulingIT {

    private static final String TEAM = "mesos";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static MesosMasterEmulator master;
    private static TestDatabase database;
    private static JdbcClient observer;
    private static Path workDir;
    private static ConfigurableApplicationContext context;
    private static List<String> agents;

    /** What Borealis had stored for a task when each acknowledgement (by uuid) reached the master. */
    private static final Map<String, List<TaskState>> storedAtAcknowledgement = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        master = MesosMasterEmulator.builder()
                .masters(2)
                .heartbeatInterval(Duration.ofMillis(200))
                .allocationInterval(Duration.ofMillis(50))
                .updateRetry(Duration.ofSeconds(2), Duration.ofSeconds(4))
                .healthyOnStart(false)
                .start();
        agents = List.of(
                master.addAgent("agent-a", 4, 4096, 20_000, "31000-31099", Map.of("rack", "a")),
                master.addAgent("agent-b", 4, 4096, 20_000, "31000-31099", Map.of("rack", "a")),
                master.addAgent("agent-c", 4, 4096, 20_000, "31000-31099", Map.of("rack", "b")));
        workDir = Files.createTempDirectory("borealis-mesos-it");
        // a file database for H2: it outlives the first context (the restart test starts a second one)
        database = TestDatabase.createDurable(TestDatabase.Kind.selected(), workDir.resolve("db"));
        context = boot();
        // a connection per look, no pool: H2 must close the database with the context (the check
        // constraints of a database kept open across the restart would refer to a closed session)
        observer = JdbcClient.create(
                new DriverManagerDataSource(database.url(), database.username(), database.password()));
        master.onAcknowledgement(MesosSchedulingIT::recordStoredStates);
        SchedulerHarness.prepareTeam(
                bean(TeamService.class),
                bean(QuotaService.class),
                bean(UserAccountService.class),
                TEAM,
                Map.of("ops", TeamLevel.DEVELOPER),
                LARGE_QUOTA);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (master != null) {
            master.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void signIn() {
        signInAs("ops");
    }

    @AfterEach
    void signOutAgain() {
        signOut();
    }

    private static ConfigurableApplicationContext boot() {
        return MesosBackend.boot(
                database,
                workDir,
                master,
                "borealis.scheduler.partition-timeout=1s",
                "borealis.scheduler.flapping-threshold=10s",
                "borealis.scheduler.initial-flapping-penalty=1s",
                "borealis.scheduler.max-flapping-penalty=2s");
    }

    // ---- launching --------------------------------------------------------------------------------

    @Test
    void aJobRunsOnOffersAndEveryUpdateIsAcknowledgedOnceAfterItIsStored() {
        JobSpec spec = service("web", 3);

        jobs().create(spec);

        awaitRunning(spec.key(), 3);
        String frameworkId = frameworkId();
        for (Task task : current(spec.key())) {
            assertThat(agents).contains(task.agentId());
            MesosMasterEmulator.TaskView atMaster = master.task(task.taskId());
            assertThat(atMaster.frameworkId()).isEqualTo(frameworkId);
            assertThat(atMaster.agentId()).isEqualTo(task.agentId());
            assertThat(atMaster.state()).isEqualTo("TASK_RUNNING");
            assertThat(atMaster.taskInfo().path("name").asString()).isEqualTo(spec.key() + "/" + task.instanceId());
            assertThat(events(task.taskId()))
                    .containsExactly(TaskState.PENDING, TaskState.ASSIGNED, TaskState.STARTING, TaskState.RUNNING);
        }
        assertThat(master.connectedFrameworks()).containsExactly(frameworkId);
        assertThat(acknowledgements(spec.key())).hasSizeGreaterThanOrEqualTo(6); // STARTING, RUNNING each
        // nothing waits any more: the scheduler asked the master to stop sending offers
        await().until(() -> master.suppressedRoles(frameworkId).contains("borealis"));
        assertAcknowledgedOnceAfterStored(spec.key());

        jobs().killJob(spec.key(), "test over");
        awaitNoneActive(spec.key());
        assertAcknowledgedOnceAfterStored(spec.key());
    }

    @Test
    void aHealthCheckedTaskIsRunningOnlyOnceMesosReportsItHealthy() {
        JobSpec plain = service("checked", 1);
        JobSpec spec = plain.withTask(plain.task()
                .withPorts(List.of("http"))
                .withHealthCheck(HealthCheck.http("http", "/health").withTiming(1, 1, 0, 3)));

        jobs().create(spec);

        await().until(() -> !current(spec.key()).isEmpty()
                && acknowledgedStates(current(spec.key()).getFirst().taskId()).contains("TASK_RUNNING"));
        Task task = current(spec.key()).getFirst();
        JsonNode healthCheck = master.task(task.taskId()).taskInfo().path("health_check");
        assertThat(healthCheck.path("type").asString()).isEqualTo("HTTP");
        assertThat(healthCheck.path("http").path("port").asInt())
                .isEqualTo(task.ports().get("http"));
        // RUNNING without a verdict is stored (and acknowledged) as STARTING
        assertThat(jobs().task(task.taskId()).state()).isEqualTo(TaskState.STARTING);

        master.setTaskHealth(task.taskId(), true);

        awaitRunning(spec.key(), 1);
        assertThat(jobs().taskEvents(task.taskId()).getLast().message()).endsWith("(healthy)");
        jobs().killJob(spec.key(), null);
        awaitNoneActive(spec.key());
        assertAcknowledgedOnceAfterStored(spec.key());
    }

    // ---- commands -------------------------------------------------------------------------------

    @Test
    void killingScalingAndKillingInstancesWorkOnMesos() {
        JobSpec spec = service("scaled", 2);
        jobs().create(spec);
        awaitRunning(spec.key(), 2);

        jobs().scale(spec.key(), 4);
        awaitRunning(spec.key(), 4);

        Task first = byInstance(spec.key()).get(0);
        jobs().killInstances(spec.key(), List.of(0), "stuck");
        await().until(() -> {
            Task replacement = byInstance(spec.key()).get(0);
            return !replacement.taskId().equals(first.taskId()) && replacement.state() == TaskState.RUNNING;
        });
        assertThat(jobs().task(first.taskId()).state()).isEqualTo(TaskState.KILLED);
        assertThat(byInstance(spec.key()).get(0).ancestorId()).isEqualTo(first.taskId());
        await().until(() -> master.task(first.taskId()).completed());
        assertThat(master.task(first.taskId()).state()).isEqualTo("TASK_KILLED");

        List<Task> removed = List.of(
                byInstance(spec.key()).get(1),
                byInstance(spec.key()).get(2),
                byInstance(spec.key()).get(3));
        jobs().scale(spec.key(), 1);
        await().until(() ->
                removed.stream().allMatch(t -> jobs().task(t.taskId()).state() == TaskState.KILLED));
        awaitRunning(spec.key(), 1);
        assertThat(removed)
                .allSatisfy(t -> assertThat(master.task(t.taskId()).state()).isEqualTo("TASK_KILLED"));

        Task last = byInstance(spec.key()).get(0);
        jobs().killJob(spec.key(), "done");
        awaitNoneActive(spec.key());
        assertThat(jobs().task(last.taskId()).state()).isEqualTo(TaskState.KILLED);
        await().until(() -> liveAtMaster(spec.key()).isEmpty());
        assertAcknowledgedOnceAfterStored(spec.key());
    }

    @Test
    void aRolloutMovesEveryInstanceToTheNewConfigurationOnMesos() {
        JobSpec spec = service("rolled", 2);
        jobs().create(spec);
        awaitRunning(spec.key(), 2);
        Map<Integer, Task> before = byInstance(spec.key());
        RolloutService rollouts = bean(RolloutService.class);

        Rollout rollout = rollouts.start(
                spec.key(),
                spec.task().withEnvironment(Map.of("VERSION", "2")),
                null,
                RolloutSettings.batches(1).withMinWaitSeconds(0),
                "to version 2");

        await().until(() -> rollouts.details(rollout.id()).rollout().status() == RolloutStatus.ROLLED_FORWARD);
        awaitRunning(spec.key(), 2);
        Map<Integer, Task> after = byInstance(spec.key());
        JobRepository configs = bean(JobRepository.class);
        for (int instance = 0; instance < 2; instance++) {
            Task old = before.get(instance);
            Task now = after.get(instance);
            assertThat(now.taskId()).isNotEqualTo(old.taskId());
            assertThat(configs.config(now.configId()).environment()).containsEntry("VERSION", "2");
            await().until(() -> master.task(old.taskId()).completed());
            assertThat(master.task(old.taskId()).state()).isEqualTo("TASK_KILLED");
            assertThat(master.task(now.taskId()).state()).isEqualTo("TASK_RUNNING");
        }
        // each new task was launched once, with the new variable on its command
        Map<String, Long> launched = launches(spec.key());
        assertThat(after.values())
                .allSatisfy(t -> assertThat(launched.get(t.taskId())).isEqualTo(1L));
        assertThat(master.calls("ACCEPT").stream()
                        .filter(c -> c.status() == 202)
                        .map(c -> c.body().toString())
                        .filter(body -> body.contains(after.get(0).taskId())))
                .singleElement()
                .asString()
                .contains("VERSION");
        assertAcknowledgedOnceAfterStored(spec.key());

        jobs().killJob(spec.key(), "done");
        awaitNoneActive(spec.key());
    }

    // ---- failures -------------------------------------------------------------------------------

    @Test
    void aBorealisRestartAdoptsRunningTasksAndReplacesTheOnesTheMasterLost() {
        JobSpec spec = service("durable", 3);
        jobs().create(spec);
        awaitRunning(spec.key(), 3);
        Map<Integer, Task> before = byInstance(spec.key());
        String frameworkId = frameworkId();
        awaitEveryDeliveryAcknowledged(spec.key());
        int subscriptions = master.subscribeCalls().size();

        // Borealis stops; while it is away, the master loses instance 2's task
        signOut();
        context.close();
        master.forgetTask(before.get(2).taskId());

        context = boot();
        signInAs("ops");
        await().until(() -> {
            Map<Integer, Task> now = byInstance(spec.key());
            return now.size() == 3
                    && now.values().stream().allMatch(t -> t.state() == TaskState.RUNNING)
                    && !now.get(2).taskId().equals(before.get(2).taskId());
        });

        Map<Integer, Task> after = byInstance(spec.key());
        assertThat(after.get(0).taskId()).isEqualTo(before.get(0).taskId());
        assertThat(after.get(1).taskId()).isEqualTo(before.get(1).taskId());
        assertThat(jobs().task(before.get(2).taskId()).state()).isEqualTo(TaskState.LOST);
        assertThat(after.get(2).ancestorId()).isEqualTo(before.get(2).taskId());
        // the same framework, named in both places
        JsonNode resubscribe = master.subscribeCalls().get(subscriptions);
        assertThat(resubscribe.path("framework_id").path("value").asString()).isEqualTo(frameworkId);
        assertThat(resubscribe
                        .path("subscribe")
                        .path("framework_info")
                        .path("id")
                        .path("value")
                        .asString())
                .isEqualTo(frameworkId);
        assertThat(frameworkId()).isEqualTo(frameworkId);
        // the tasks Borealis knew were reconciled by name
        assertThat(master.calls("RECONCILE").stream()
                        .flatMap(c -> c.body().path("reconcile").path("tasks").valueStream())
                        .map(t -> t.path("task_id").path("value").asString()))
                .contains(
                        before.get(0).taskId(),
                        before.get(1).taskId(),
                        before.get(2).taskId());
        // adopted, not launched again: three live tasks at the master, each launched once
        assertThat(liveAtMaster(spec.key()))
                .containsExactlyInAnyOrder(
                        after.get(0).taskId(),
                        after.get(1).taskId(),
                        after.get(2).taskId());
        assertThat(launches(spec.key()))
                .containsOnlyKeys(
                        before.get(0).taskId(),
                        before.get(1).taskId(),
                        before.get(2).taskId(),
                        after.get(2).taskId())
                .allSatisfy((task, count) -> assertThat(count).isEqualTo(1));

        jobs().killJob(spec.key(), null);
        awaitNoneActive(spec.key());
        assertAcknowledgedOnceAfterStored(spec.key());
    }

    @Test
    void aDroppedStreamIsSubscribedAgainAndTheSchedulerKeepsGoing() {
        JobSpec spec = service("steady", 1);
        jobs().create(spec);
        awaitRunning(spec.key(), 1);
        String frameworkId = frameworkId();
        awaitEveryDeliveryAcknowledged(spec.key());
        int subscriptions = master.subscribeCalls().size();

        master.dropSubscriptions();
        jobs().scale(spec.key(), 3);

        awaitRunning(spec.key(), 3);
        assertThat(master.subscribeCalls().size()).isGreaterThan(subscriptions);
        assertThat(master.subscribeCalls()
                        .getLast()
                        .path("framework_id")
                        .path("value")
                        .asString())
                .isEqualTo(frameworkId);
        assertThat(master.connectedFrameworks()).containsExactly(frameworkId);
        assertThat(health().connected()).isTrue();

        jobs().killJob(spec.key(), null);
        awaitNoneActive(spec.key());
        assertAcknowledgedOnceAfterStored(spec.key());
    }

    @Test
    void aLeaderRedirectIsFollowedAndSchedulingGoesOnAtTheNewLeader() {
        JobSpec spec = service("led", 1);
        jobs().create(spec);
        awaitRunning(spec.key(), 1);
        awaitEveryDeliveryAcknowledged(spec.key());

        master.failover(1);
        await().until(() ->
                (master.masterUrl(1) + "/").equals(health().details().get("leader")) && health().connected());
        jobs().scale(spec.key(), 2);
        awaitRunning(spec.key(), 2);

        master.failover(0);
        await().until(() ->
                (master.masterUrl(0) + "/").equals(health().details().get("leader")) && health().connected());
        jobs().killJob(spec.key(), null);
        awaitNoneActive(spec.key());
        assertThat(master.connectedFrameworks()).containsExactly(frameworkId());
        assertAcknowledgedOnceAfterStored(spec.key());
    }

    @Test
    void anAgentLossEndsInReplacementsOnOtherAgents() {
        JobSpec spec = service("spread", 2);
        jobs().create(spec);
        awaitRunning(spec.key(), 2);
        awaitEveryDeliveryAcknowledged(spec.key());
        String lostAgent = byInstance(spec.key()).get(0).agentId();
        List<Task> onLostAgent = current(spec.key()).stream()
                .filter(t -> t.agentId().equals(lostAgent))
                .toList();

        master.loseAgent(lostAgent);

        await().until(() -> {
            List<Task> now = current(spec.key());
            return now.size() == 2
                    && now.stream()
                            .allMatch(t -> t.state() == TaskState.RUNNING
                                    && !t.agentId().equals(lostAgent));
        });
        for (Task old : onLostAgent) {
            assertThat(jobs().task(old.taskId()).state()).isEqualTo(TaskState.LOST);
            assertThat(events(old.taskId())).contains(TaskState.PARTITIONED);
        }

        // the agent comes back with the old copies still running: they are killed, nothing runs twice
        master.reconnectAgent(lostAgent);
        await().until(() -> onLostAgent.stream()
                .allMatch(t -> master.task(t.taskId()).state().equals("TASK_KILLED")));
        assertThat(liveAtMaster(spec.key()))
                .containsExactlyInAnyOrderElementsOf(
                        current(spec.key()).stream().map(Task::taskId).toList());

        jobs().killJob(spec.key(), null);
        awaitNoneActive(spec.key());
        assertAcknowledgedOnceAfterStored(spec.key());
    }

    @Test
    void aLaunchOnAnOfferRescindedOnTheWayIsDroppedAndPlacedAgain() {
        JobSpec spec = service("unlucky", 1);
        master.rescindOffersOfNextAccepts(1);

        jobs().create(spec);

        awaitRunning(spec.key(), 1);
        List<Task> history = jobs().instanceHistory(spec.key(), 0);
        assertThat(history).hasSize(2);
        Task dropped = history.getFirst();
        assertThat(dropped.state()).isEqualTo(TaskState.LOST);
        assertThat(jobs().taskEvents(dropped.taskId()).getLast().message()).contains("invalid offers");
        assertThat(sent(spec.key())).anySatisfy(u -> {
            assertThat(u.taskId()).isEqualTo(dropped.taskId());
            assertThat(u.state()).isEqualTo("TASK_DROPPED");
            assertThat(u.reason()).isEqualTo("REASON_INVALID_OFFERS");
            assertThat(u.uuid()).isNull();
        });
        // losing a task to a stale offer is not the task's fault: its replacement did not wait
        assertThat(events(history.getLast().taskId())).doesNotContain(TaskState.THROTTLED);
        assertThat(history.getLast().ancestorId()).isEqualTo(dropped.taskId());

        jobs().killJob(spec.key(), null);
        awaitNoneActive(spec.key());
        assertAcknowledgedOnceAfterStored(spec.key());
    }

    @Test
    void anInvalidTaskIsAnsweredTaskErrorAndFails() {
        JobSpec adhoc = new JobSpec(
                new JobKey(TEAM, "test", "invalid-once"),
                JobKind.ADHOC,
                TaskConfig.of("./batch", new Resources(0.25, 64, 10)).withMaxTaskFailures(1),
                1);
        JobSpec service = service("invalid-service", 1);
        master.refuseTasks(
                info -> info.path("name").asString().startsWith(TEAM + "/test/invalid-"),
                "container image 'registry.local/app:missing' is not allowed");
        try {
            jobs().create(adhoc);
            jobs().create(service);

            await().until(() ->
                    jobs().instanceHistory(adhoc.key(), 0).getFirst().state() == TaskState.FAILED);
            Task failed = jobs().instanceHistory(adhoc.key(), 0).getFirst();
            assertThat(jobs().taskEvents(failed.taskId()).getLast().message())
                    .contains("is invalid: container image 'registry.local/app:missing' is not allowed");
            assertThat(sent(adhoc.key())).singleElement().satisfies(u -> {
                assertThat(u.state()).isEqualTo("TASK_ERROR");
                assertThat(u.reason()).isEqualTo("REASON_TASK_INVALID");
                assertThat(u.uuid()).isNull();
            });
            // an adhoc instance with no failures left stays failed
            assertThat(jobs().instanceHistory(adhoc.key(), 0)).hasSize(1);

            // a service instance is replaced, but only after a flapping penalty: no hot loop at the master
            await().until(() -> jobs().instanceHistory(service.key(), 0).size() >= 2);
            List<Task> history = jobs().instanceHistory(service.key(), 0);
            assertThat(history.getFirst().state()).isEqualTo(TaskState.FAILED);
            assertThat(jobs().taskEvents(history.get(1).taskId()).getFirst().state())
                    .isEqualTo(TaskState.THROTTLED);
        } finally {
            master.refuseTasks(null, null);
        }
        // once the master accepts the task again, the service runs
        awaitRunning(service.key(), 1);
        jobs().killJob(service.key(), null);
        awaitNoneActive(service.key());
        assertAcknowledgedOnceAfterStored(adhoc.key());
        assertAcknowledgedOnceAfterStored(service.key());
    }

    // ---- the acknowledgement rule ------------------------------------------------------------------

    /** Runs on the emulator's HTTP thread as an ACKNOWLEDGE arrives, before it is answered. */
    private static void recordStoredStates(Acknowledgement acknowledgement) {
        List<TaskState> stored = observer
                .sql("select state from task_event where task_id = :task order by id")
                .param("task", acknowledgement.taskId())
                .query(String.class)
                .list()
                .stream()
                .map(TaskState::valueOf)
                .toList();
        storedAtAcknowledgement.merge(acknowledgement.uuid(), stored, (a, b) -> b);
    }

    /**
     * Each delivery of a uuid-carrying update of the job's tasks was acknowledged exactly once (so a
     * resent update is acknowledged again, never de-duplicated), no acknowledgement names an update
     * that had no uuid, every acknowledgement came after the state it reports was stored, and the
     * master saw no protocol mistake.
     */
    private static void assertAcknowledgedOnceAfterStored(JobKey job) {
        awaitEveryDeliveryAcknowledged(job);
        List<SentUpdate> sent = sent(job);
        Set<String> reliable =
                sent.stream().map(SentUpdate::uuid).filter(uuid -> uuid != null).collect(Collectors.toSet());
        List<Acknowledgement> acknowledged = acknowledgements(job);
        assertThat(acknowledged).allSatisfy(a -> assertThat(reliable).contains(a.uuid()));
        for (Acknowledgement acknowledgement : acknowledged) {
            JsonNode status = acknowledgement.status();
            assertThat(status).as("the acknowledged update").isNotNull();
            TaskState reported = storedFor(status, hasHealthCheck(acknowledgement.taskId()));
            List<TaskState> stored = storedAtAcknowledgement.get(acknowledgement.uuid());
            assertThat(stored)
                    .as("what was stored when %s was acknowledged", acknowledgement.uuid())
                    .isNotNull();
            if (reported != null && stored.stream().noneMatch(TaskState::isTerminal)) {
                assertThat(stored)
                        .as(
                                "%s of %s acknowledged after it was stored",
                                status.path("state").asString(), acknowledgement.taskId())
                        .contains(reported);
            }
        }
        assertThat(master.violations()).isEmpty();
    }

    /** Waits until every uuid-carrying delivery of the job's tasks has been acknowledged once. */
    private static void awaitEveryDeliveryAcknowledged(JobKey job) {
        await().untilAsserted(() -> assertThat(countByUuid(acknowledgements(job), Acknowledgement::uuid))
                .isEqualTo(countByUuid(
                        sent(job).stream().filter(u -> u.uuid() != null).toList(), SentUpdate::uuid)));
    }

    /** The Borealis state an acknowledged Mesos update must have been stored as, or null for none. */
    private static TaskState storedFor(JsonNode status, boolean healthChecked) {
        return switch (status.path("state").asString()) {
            case "TASK_STARTING" -> TaskState.STARTING;
            case "TASK_RUNNING" ->
                healthChecked && !status.path("healthy").asBoolean(false) ? TaskState.STARTING : TaskState.RUNNING;
            case "TASK_FINISHED" -> TaskState.FINISHED;
            case "TASK_FAILED", "TASK_ERROR" -> TaskState.FAILED;
            case "TASK_KILLED" -> TaskState.KILLED;
            default -> null; // TASK_KILLING changes nothing in Borealis
        };
    }

    private static boolean hasHealthCheck(String taskId) {
        MesosMasterEmulator.TaskView task = master.task(taskId);
        return task != null && task.taskInfo().has("health_check");
    }

    private static <T> Map<String, Long> countByUuid(List<T> items, Function<T, String> uuid) {
        return items.stream().collect(Collectors.groupingBy(uuid, Collectors.counting()));
    }

    private static List<SentUpdate> sent(JobKey job) {
        return master.sentUpdates().stream()
                .filter(u -> u.taskId().startsWith(prefix(job)))
                .toList();
    }

    private static List<Acknowledgement> acknowledgements(JobKey job) {
        return master.acknowledgements().stream()
                .filter(a -> a.taskId().startsWith(prefix(job)))
                .toList();
    }

    private static List<String> acknowledgedStates(String taskId) {
        return master.acknowledgements().stream()
                .filter(a -> a.taskId().equals(taskId) && a.status() != null)
                .map(a -> a.status().path("state").asString())
                .toList();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private static JobService jobs() {
        return bean(JobService.class);
    }

    private static ClusterHealth health() {
        return bean(ClusterService.class).health();
    }

    private static String frameworkId() {
        return bean(MesosFrameworkRepository.class)
                .findId(MesosBackend.FRAMEWORK)
                .orElseThrow();
    }

    private static ConditionFactory await() {
        return org.awaitility.Awaitility.await()
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(50))
                .atMost(WAIT);
    }

    private static JobSpec service(String name, int instances) {
        return new JobSpec(
                new JobKey(TEAM, "test", name),
                JobKind.SERVICE,
                TaskConfig.of("exec sleep 600", new Resources(0.25, 64, 10)).withKillGracePeriod(1),
                instances);
    }

    private static String prefix(JobKey job) {
        return job.team() + "-" + job.environment() + "-" + job.name() + "-";
    }

    /** The job's current active tasks, by instance. */
    private static List<Task> current(JobKey key) {
        return jobs().job(key).instances().stream()
                .map(InstanceView::current)
                .filter(t -> t != null && t.state().isActive())
                .toList();
    }

    private static Map<Integer, Task> byInstance(JobKey key) {
        return current(key).stream().collect(Collectors.toMap(Task::instanceId, t -> t));
    }

    private static void awaitRunning(JobKey key, int instances) {
        await().until(() -> {
            List<Task> now = current(key);
            return now.size() == instances && now.stream().allMatch(t -> t.state() == TaskState.RUNNING);
        });
    }

    private static void awaitNoneActive(JobKey key) {
        await().until(() -> current(key).isEmpty()
                && bean(TaskRepository.class).inStates(TaskState.ON_AGENT, 1000).stream()
                        .noneMatch(t -> t.job().equals(key)));
    }

    private static List<TaskState> events(String taskId) {
        return jobs().taskEvents(taskId).stream().map(TaskEvent::state).toList();
    }

    /** The job's tasks the master has live (not ended), by id. */
    private static List<String> liveAtMaster(JobKey job) {
        return master.tasks().stream()
                .filter(t -> t.taskId().startsWith(prefix(job)))
                .filter(t -> !t.completed()
                        && !Set.of("TASK_KILLED", "TASK_FINISHED", "TASK_FAILED", "TASK_LOST", "TASK_GONE")
                                .contains(t.state()))
                .map(MesosMasterEmulator.TaskView::taskId)
                .toList();
    }

    /** How often each of the job's task ids was named in an ACCEPT the master took. */
    private static Map<String, Long> launches(JobKey job) {
        return master.calls("ACCEPT").stream()
                .filter(c -> c.status() == 202)
                .flatMap(c -> c.body().path("accept").path("operations").valueStream())
                .flatMap(o -> o.path("launch").path("task_infos").valueStream())
                .map(t -> t.path("task_id").path("value").asString())
                .filter(id -> id.startsWith(prefix(job)))
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }
}
