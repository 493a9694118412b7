package io.borealis.rollout;

import static io.borealis.scheduler.SchedulerHarness.LARGE_QUOTA;
import static io.borealis.scheduler.SchedulerHarness.signInAs;
import static io.borealis.scheduler.SchedulerHarness.signOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.borealis.BackendTestApplication;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.auth.user.UserAccountService;
import io.borealis.cluster.LogStream;
import io.borealis.db.testing.TestDatabase;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.quota.QuotaService;
import io.borealis.scheduler.ClusterService;
import io.borealis.scheduler.InstanceView;
import io.borealis.scheduler.JobService;
import io.borealis.scheduler.SchedulerHarness;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rollouts on the real local cluster: real processes replaced batch by batch, a crashing
 * configuration rolled back automatically, a lead pausing, resuming and aborting, and a Borealis
 * restart (the whole application context closed and started again over the same database and
 * sandboxes) in the middle of a rollout, which then finishes with every instance moved exactly once.
 */
class LocalClusterRolloutIT {

    private static final String TEAM = "rolling";
    private static final String LEAD = "rolly";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static TestDatabase database;
    private static Path workDir;
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() throws Exception {
        workDir = Files.createTempDirectory("borealis-rollout-it");
        database = TestDatabase.createDurable(TestDatabase.Kind.selected(), workDir.resolve("db"));
        context = boot();
        SchedulerHarness.prepareTeam(
                bean(TeamService.class),
                bean(QuotaService.class),
                bean(UserAccountService.class),
                TEAM,
                Map.of(LEAD, TeamLevel.LEAD),
                LARGE_QUOTA);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            signInAs(LEAD);
            JobService jobs = bean(JobService.class);
            jobs.listJobs().forEach(s -> jobs.killJob(s.key(), "test over"));
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> jobs.listJobs().isEmpty()
                            && bean(TaskRepository.class)
                                    .inStates(TaskState.ON_AGENT, 10)
                                    .isEmpty());
            signOut();
            context.close();
        }
        database.close();
    }

    @BeforeEach
    void signIn() {
        signInAs(LEAD);
    }

    @AfterEach
    void signedOut() {
        signOut();
    }

    private static ConfigurableApplicationContext boot() {
        return BackendTestApplication.bootOnLocalCluster(database, workDir);
    }

    private static <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private static RolloutService rollouts() {
        return bean(RolloutService.class);
    }

    private static JobService jobs() {
        return bean(JobService.class);
    }

    @Test
    void sixInstancesRolledToAGoodConfigurationAllRunIt() {
        JobKey key = createJob("good", 6);
        Map<Integer, String> before = liveTaskIds(key);

        Rollout started = rollouts()
                .start(key, config("echo \"v2 on $BOREALIS_INSTANCE\"; exec sleep 600"), null, settings(2), "v2");
        Rollout done = awaitEnd(started);

        assertThat(done.status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        List<Task> live = live(key);
        assertThat(live).hasSize(6).allSatisfy(t -> {
            assertThat(t.state()).isEqualTo(TaskState.RUNNING);
            assertThat(t.configId()).isEqualTo(done.toConfigId());
        });
        assertMovedExactlyOnce(key, done, before);
        assertThat(jobs().job(key).job().currentConfigId()).isEqualTo(done.toConfigId());
        String taskId = live.get(3).taskId();
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .until(() -> bean(ClusterService.class)
                        .readLog(taskId, LogStream.STDOUT, 0, 4096)
                        .data()
                        .contains("v2 on 3"));
    }

    @Test
    void aCrashingConfigurationIsRolledBackAndTheOldOneRunsEverywhere() {
        JobKey key = createJob("crashing", 6);
        long oldConfig = jobs().job(key).job().currentConfigId();

        Rollout started = rollouts().start(key, config("echo broken >&2; exit 1"), null, settings(2), "broken build");
        Rollout done = awaitEnd(started);

        assertThat(done.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        RolloutDetails details = rollouts().details(done.id());
        assertThat(details.events())
                .extracting(RolloutEvent::status)
                .containsExactly(RolloutStatus.ROLLING_FORWARD, RolloutStatus.ROLLING_BACK, RolloutStatus.ROLLED_BACK);
        RolloutEvent automatic = details.events().get(1);
        assertThat(automatic.actor()).isEqualTo("system");
        assertThat(automatic.message())
                .startsWith("Rolling back automatically:")
                .contains("exited with status 1");
        await().pollInSameThread()
                .atMost(PATIENCE)
                .untilAsserted(() -> assertThat(live(key)).hasSize(6).allSatisfy(t -> {
                    assertThat(t.state()).isEqualTo(TaskState.RUNNING);
                    assertThat(t.configId()).isEqualTo(oldConfig);
                }));
        assertThat(jobs().job(key).job().currentConfigId()).isEqualTo(oldConfig);
    }

    @Test
    void aLeadPausesResumesAndAborts() {
        JobKey key = createJob("steered", 6);
        Rollout started = rollouts().start(key, config("echo v2; exec sleep 600"), null, settings(1), null);
        await().pollInSameThread()
                .atMost(PATIENCE)
                .until(() -> progress(started).updated() >= 1);

        rollouts().pause(started.id(), "hold on");
        int touched = touched(started);
        await().pollInSameThread()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(4))
                .until(() -> touched(started) == touched && status(started) == RolloutStatus.ROLL_FORWARD_PAUSED);

        rollouts().resume(started.id(), "go on");
        await().pollInSameThread().atMost(PATIENCE).until(() -> touched(started) > touched);

        Rollout aborted = rollouts().abort(started.id(), "enough");
        assertThat(aborted.status()).isEqualTo(RolloutStatus.ABORTED);
        List<RolloutInstance> frozen = bean(RolloutRepository.class).instances(started.id());
        await().pollInSameThread()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(4))
                .until(() ->
                        bean(RolloutRepository.class).instances(started.id()).equals(frozen));
        assertThat(rollouts().details(started.id()).events())
                .extracting(RolloutEvent::status, RolloutEvent::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RolloutStatus.ROLLING_FORWARD, LEAD),
                        org.assertj.core.groups.Tuple.tuple(RolloutStatus.ROLL_FORWARD_PAUSED, LEAD),
                        org.assertj.core.groups.Tuple.tuple(RolloutStatus.ROLLING_FORWARD, LEAD),
                        org.assertj.core.groups.Tuple.tuple(RolloutStatus.ABORTED, LEAD));
        // the job is the team's again
        jobs().killJob(key, "done");
    }

    @Test
    void aBorealisRestartInTheMiddleOfARolloutResumesItAndMovesEveryInstanceExactlyOnce() {
        JobKey key = createJob("restarted", 6);
        Map<Integer, String> before = liveTaskIds(key);
        Rollout started = rollouts().start(key, config("echo v2; exec sleep 600"), null, settings(2), null);
        await().pollInSameThread()
                .atMost(PATIENCE)
                .until(() -> progress(started).updated() >= 2 && touched(started) >= 3);
        signOut();

        // Borealis stops in the middle of the second batch, and starts again over the same state
        context.close();
        context = boot();
        signInAs(LEAD);

        Rollout done = awaitEnd(started);
        assertThat(done.status()).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        assertMovedExactlyOnce(key, done, before);
        RolloutDetails details = rollouts().details(done.id());
        for (int instance = 0; instance < 6; instance++) {
            int id = instance;
            assertThat(details.instanceEvents().stream()
                            .filter(e -> e.instanceId() == id)
                            .map(InstanceEvent::state)
                            .filter(s -> s == InstanceState.UPDATING || s == InstanceState.UPDATED))
                    .as("instance " + instance)
                    .containsExactly(InstanceState.UPDATING, InstanceState.UPDATED);
        }
    }

    // helpers

    private static RolloutSettings settings(int batch) {
        return RolloutSettings.batches(batch).withMinWaitSeconds(1);
    }

    private static TaskConfig config(String command) {
        return TaskConfig.of(command, new Resources(0.1, 32, 10)).withKillGracePeriod(1);
    }

    private static JobKey createJob(String name, int instances) {
        JobKey key = new JobKey(TEAM, "test", name);
        jobs().create(new JobSpec(key, JobKind.SERVICE, config("echo v1; exec sleep 600"), instances));
        await().pollInSameThread()
                .atMost(PATIENCE)
                .until(() -> live(key).size() == instances
                        && live(key).stream().allMatch(t -> t.state() == TaskState.RUNNING));
        return key;
    }

    private static List<Task> live(JobKey key) {
        return jobs().job(key).instances().stream()
                .map(InstanceView::current)
                .filter(t -> t != null && t.state().isActive())
                .toList();
    }

    private static Map<Integer, String> liveTaskIds(JobKey key) {
        return live(key).stream().collect(Collectors.toMap(Task::instanceId, Task::taskId));
    }

    private static Rollout awaitEnd(Rollout rollout) {
        await().pollInSameThread().atMost(PATIENCE).until(() -> status(rollout).isTerminal());
        return rollouts().details(rollout.id()).rollout();
    }

    private static RolloutStatus status(Rollout rollout) {
        return rollouts().details(rollout.id()).rollout().status();
    }

    private static RolloutProgress progress(Rollout rollout) {
        return rollouts().details(rollout.id()).summary().progress();
    }

    private static int touched(Rollout rollout) {
        RolloutProgress progress = progress(rollout);
        return progress.total() - progress.pending();
    }

    /** Every instance has exactly one task on the new configuration, and its old task was killed. */
    private static void assertMovedExactlyOnce(JobKey key, Rollout rollout, Map<Integer, String> before) {
        for (var old : before.entrySet()) {
            List<Task> history = jobs().instanceHistory(key, old.getKey());
            assertThat(history)
                    .as("instance " + old.getKey())
                    .filteredOn(t -> t.configId() == rollout.toConfigId())
                    .hasSize(1);
            assertThat(jobs().task(old.getValue()).state()).isEqualTo(TaskState.KILLED);
        }
    }
}
