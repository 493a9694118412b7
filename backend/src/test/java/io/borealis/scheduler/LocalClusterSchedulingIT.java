package io.borealis.scheduler;

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
import io.borealis.job.HealthCheck;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.quota.QuotaService;
import io.borealis.task.Task;
import io.borealis.task.TaskEvent;
import io.borealis.task.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scheduler driving the real local cluster: real processes, real logs, real signals and health
 * checks, and a Borealis restart (the whole application context closed and started again over the
 * same database and sandboxes) that neither loses nor duplicates a running task.
 */
class LocalClusterSchedulingIT {

    private static TestDatabase database;
    private static Path workDir;
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() throws Exception {
        workDir = Files.createTempDirectory("borealis-local-it");
        // a file database for H2, as in the embedded default: it outlives the first context
        database = TestDatabase.createDurable(TestDatabase.Kind.selected(), workDir.resolve("db"));
        context = boot();
        SchedulerHarness.prepareTeam(
                bean(TeamService.class),
                bean(QuotaService.class),
                bean(UserAccountService.class),
                "local",
                Map.of("ops", TeamLevel.DEVELOPER),
                LARGE_QUOTA);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            signInAs("ops");
            JobService jobs = bean(JobService.class);
            jobs.listJobs().forEach(s -> jobs.killJob(s.key(), "test over"));
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> jobs.listJobs().isEmpty()
                            && bean(io.borealis.task.TaskRepository.class)
                                    .inStates(TaskState.ON_AGENT, 10)
                                    .isEmpty());
            signOut();
            context.close();
        }
        database.close();
    }

    private static ConfigurableApplicationContext boot() {
        return BackendTestApplication.bootOnLocalCluster(database, workDir);
    }

    private static <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private static JobService jobs() {
        return bean(JobService.class);
    }

    private static List<Task> active(JobKey key) {
        return jobs().job(key).instances().stream()
                .map(InstanceView::current)
                .filter(t -> t != null && t.state().isActive())
                .toList();
    }

    private static JobSpec service(String name, String command, int instances) {
        return new JobSpec(
                new JobKey("local", "test", name),
                JobKind.SERVICE,
                TaskConfig.of(command, new Resources(0.1, 32, 10)).withKillGracePeriod(1),
                instances);
    }

    @Test
    void aRealProcessRunsAndItsLogsCanBeRead() {
        signInAs("ops");
        try {
            JobSpec spec = service("hello", "echo \"hello from $BOREALIS_INSTANCE\"; echo oops >&2; exec sleep 600", 2);
            jobs().create(spec);

            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> active(spec.key()).stream()
                                    .filter(t -> t.state() == TaskState.RUNNING)
                                    .count()
                            == 2);
            String taskId = active(spec.key()).getFirst().taskId();
            ClusterService cluster = bean(ClusterService.class);
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(cluster.readLog(taskId, LogStream.STDOUT, 0, 4096).data())
                        .contains("hello from 0");
                assertThat(cluster.readLog(taskId, LogStream.STDERR, -100, 4096).data())
                        .contains("oops");
            });
            jobs().killJob(spec.key(), null);
        } finally {
            signOut();
        }
    }

    @Test
    void aFailingCommandIsRetriedAndThrottled() {
        signInAs("ops");
        try {
            JobSpec spec = service("failing", "echo crash >&2; exit 3", 1);
            jobs().create(spec);

            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> jobs().instanceHistory(spec.key(), 0).stream()
                                    .filter(t -> t.state() == TaskState.FAILED)
                                    .count()
                            >= 2);
            List<Task> history = jobs().instanceHistory(spec.key(), 0);
            Task firstFailure = history.stream()
                    .filter(t -> t.state() == TaskState.FAILED)
                    .findFirst()
                    .orElseThrow();
            assertThat(jobs().taskEvents(firstFailure.taskId()))
                    .extracting(TaskEvent::message)
                    .anyMatch(m -> m.contains("exited with status 3"));
            assertThat(history)
                    .anyMatch(t -> jobs().taskEvents(t.taskId()).getFirst().state() == TaskState.THROTTLED);
            assertThat(history.getLast().failureCount()).isGreaterThanOrEqualTo(2);
            jobs().killJob(spec.key(), null);
        } finally {
            signOut();
        }
    }

    @Test
    void aKillIsForcedAfterTheGracePeriod() {
        signInAs("ops");
        try {
            JobSpec spec = service("stubborn", "trap '' TERM; while true; do sleep 1; done", 1);
            jobs().create(spec);
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> !active(spec.key()).isEmpty()
                            && active(spec.key()).getFirst().state() == TaskState.RUNNING);
            String taskId = active(spec.key()).getFirst().taskId();

            long start = System.nanoTime();
            jobs().killJob(spec.key(), "stop it");

            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> jobs().task(taskId).state() == TaskState.KILLED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(active(spec.key())).isEmpty();
        } finally {
            signOut();
        }
    }

    @Test
    void aFailingHealthCheckKillsTheTaskAndItIsReplaced() {
        signInAs("ops");
        try {
            JobSpec spec = service("unhealthy", "exec sleep 600", 1);
            spec = spec.withTask(spec.task()
                    .withHealthCheck(
                            HealthCheck.command("echo not ready; exit 1").withTiming(1, 1, 0, 2)));
            jobs().create(spec);
            JobKey key = spec.key();

            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> jobs().instanceHistory(key, 0).size() >= 2);
            Task failed = jobs().instanceHistory(key, 0).getFirst();
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> jobs().task(failed.taskId()).state() == TaskState.FAILED);
            assertThat(jobs().taskEvents(failed.taskId()))
                    .extracting(TaskEvent::message)
                    .anyMatch(m -> m.contains("Health check failed"));
            assertThat(jobs().taskEvents(failed.taskId()))
                    .extracting(TaskEvent::state)
                    .doesNotContain(TaskState.RUNNING);
            jobs().killJob(key, null);
        } finally {
            signOut();
        }
    }

    @Test
    void aBorealisRestartLosesNothingAndDuplicatesNothing() throws Exception {
        signInAs("ops");
        JobSpec spec = service("durable", "exec sleep 600", 3);
        List<Task> before;
        try {
            jobs().create(spec);
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> active(spec.key()).stream()
                                    .filter(t -> t.state() == TaskState.RUNNING)
                                    .count()
                            == 3);
            before = active(spec.key());
        } finally {
            signOut();
        }
        Map<String, Long> pids = pids(before);
        assertThat(pids).hasSize(3);

        // Borealis stops; while it is down, one task's process dies
        context.close();
        ProcessHandle.of(pids.get(before.get(2).taskId())).ifPresent(ProcessHandle::destroyForcibly);
        for (Task task : before.subList(0, 2)) {
            assertThat(ProcessHandle.of(pids.get(task.taskId())).map(ProcessHandle::isAlive))
                    .contains(true);
        }

        context = boot();
        signInAs("ops");
        try {
            await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
                List<Task> now = active(spec.key());
                return now.size() == 3
                        && now.stream().allMatch(t -> t.state() == TaskState.RUNNING)
                        && !now.get(2).taskId().equals(before.get(2).taskId());
            });
            List<Task> after = active(spec.key());
            assertThat(after.get(0).taskId()).isEqualTo(before.get(0).taskId());
            assertThat(after.get(1).taskId()).isEqualTo(before.get(1).taskId());
            assertThat(jobs().task(before.get(2).taskId()).state()).isEqualTo(TaskState.LOST);
            assertThat(after.get(2).ancestorId()).isEqualTo(before.get(2).taskId());
            // the adopted processes are the very same ones: nothing was started twice
            assertThat(pids(after.subList(0, 2)))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            before.get(0).taskId(), pids.get(before.get(0).taskId()),
                            before.get(1).taskId(), pids.get(before.get(1).taskId())));
            jobs().killJob(spec.key(), null);
        } finally {
            signOut();
        }
    }

    /** The wrapper process id of each task, from its sandbox's manifest. */
    private static Map<String, Long> pids(List<Task> tasks) throws Exception {
        Map<String, Long> pids = new java.util.HashMap<>();
        for (Task task : tasks) {
            Path manifest =
                    workDir.resolve(task.agentId()).resolve(task.taskId()).resolve("task.json");
            Optional<String> pid = Files.readAllLines(manifest).stream()
                    .flatMap(line -> java.util.regex.Pattern.compile("\"pid\"\\s*:\\s*(\\d+)")
                            .matcher(line)
                            .results())
                    .map(m -> m.group(1))
                    .findFirst();
            pid.ifPresent(p -> pids.put(task.taskId(), Long.parseLong(p)));
        }
        return pids;
    }
}
