package io.borealis.scheduler;

import static io.borealis.scheduler.SchedulerHarness.signInAs;
import static io.borealis.scheduler.SchedulerHarness.signOut;
import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.auth.user.UserAccountService;
import io.borealis.cluster.mesos.emulator.MesosMasterEmulator;
import io.borealis.cluster.mesos.emulator.MesosMasterEmulator.Acknowledgement;
import io.borealis.cluster.mesos.emulator.MesosMasterEmulator.SentUpdate;
import io.borealis.db.testing.TestDatabase;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.quota.QuotaService;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Status updates processed per second on Mesos (not a test; run with {@code ./mvnw verify
 * -Pbenchmarks -pl backend -am -Dit.test=MesosStatusUpdateBenchmark}): the whole backend on the
 * Mesos driver, subscribed to the master emulator, with {@value #JOBS} x {@value #INSTANCES} tasks
 * running. Measured from the moment the emulator puts an update on the event stream to the moment
 * its ACKNOWLEDGE arrives, so each update is decoded (RecordIO, JSON), applied in a committed
 * transaction and acknowledged over HTTP. Three phases: the launch (STARTING and RUNNING of every
 * task: state changes), a flood of health check results (the emulator sends each one the instant
 * the one before it of the same task is acknowledged: as fast as Borealis takes them), and the kill
 * of every task (KILLING, then KILLED: a state change). Written to
 * {@code docs/benchmarks/mesos-<database>.md}.
 */
class MesosStatusUpdateBenchmark {

    static final int JOBS = 10;
    static final int INSTANCES = 100;
    static final int FLOOD_PER_TASK = Integer.getInteger("benchmark.flood-per-task", 20);
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private static MesosMasterEmulator master;
    private static TestDatabase database;
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() throws IOException {
        master = MesosMasterEmulator.builder()
                .heartbeatInterval(Duration.ofSeconds(1))
                .allocationInterval(Duration.ofMillis(100))
                // no resends while Borealis works through a backlog: every delivery is a first one
                .updateRetry(Duration.ofMinutes(5), Duration.ofMinutes(10))
                .start();
        for (int i = 0; i < 4; i++) {
            master.addAgent("bench-" + i, 64, 262_144, 1_000_000, "31000-31999", Map.of("rack", "r" + i % 2));
        }
        Path workDir = Files.createTempDirectory("borealis-mesos-bench");
        database = TestDatabase.create(TestDatabase.Kind.selected());
        context = MesosBackend.boot(database, workDir, master, "borealis.mesos.heartbeat-watchdog-factor=30");
        SchedulerHarness.prepareTeam(
                context.getBean(TeamService.class),
                context.getBean(QuotaService.class),
                context.getBean(UserAccountService.class),
                "bench",
                Map.of("bench", TeamLevel.DEVELOPER),
                SchedulerHarness.LARGE_QUOTA);
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

    @Test
    void statusUpdatesPerSecond() throws IOException {
        JobService jobs = context.getBean(JobService.class);
        TaskRepository tasks = context.getBean(TaskRepository.class);
        int total = JOBS * INSTANCES;
        signInAs("bench");
        try {
            // 1. launch: every task STARTING then RUNNING
            long createStart = System.nanoTime();
            TaskConfig config = TaskConfig.of("exec ./serve", new Resources(0.1, 32, 10));
            for (int j = 0; j < JOBS; j++) {
                jobs.create(new JobSpec(new JobKey("bench", "prod", "job-" + j), JobKind.SERVICE, config, INSTANCES));
            }
            await(() -> tasks.inStates(EnumSet.of(TaskState.RUNNING), total + 1).size() == total);
            double launchSeconds = (System.nanoTime() - createStart) / 1e9;
            awaitAllAcknowledged();
            Phase launch = phase("TASK_STARTING and TASK_RUNNING", u -> true);
            assertThat(launch.updates).isEqualTo(2 * total);

            // 2. the flood: health check results, sent as fast as they are acknowledged
            int before = master.sentUpdates().size();
            List<String> running = tasks.inStates(EnumSet.of(TaskState.RUNNING), total).stream()
                    .map(Task::taskId)
                    .toList();
            master.floodUpdates(running, FLOOD_PER_TASK);
            awaitAllAcknowledged();
            Set<String> flooded = master
                    .sentUpdates()
                    .subList(before, master.sentUpdates().size())
                    .stream()
                    .map(SentUpdate::uuid)
                    .collect(Collectors.toSet());
            Phase flood = phase("health check results", u -> flooded.contains(u.uuid()));
            assertThat(flood.updates).isEqualTo(total * FLOOD_PER_TASK);

            // 3. the kill: KILLING then KILLED for every task
            int beforeKill = master.sentUpdates().size();
            long killStart = System.nanoTime();
            for (int j = 0; j < JOBS; j++) {
                jobs.killJob(new JobKey("bench", "prod", "job-" + j), null);
            }
            await(() -> tasks.inStates(TaskState.ACTIVE, 1).isEmpty());
            double killSeconds = (System.nanoTime() - killStart) / 1e9;
            awaitAllAcknowledged();
            Set<String> killed = master
                    .sentUpdates()
                    .subList(beforeKill, master.sentUpdates().size())
                    .stream()
                    .map(SentUpdate::uuid)
                    .collect(Collectors.toSet());
            Phase kill = phase("TASK_KILLING and TASK_KILLED", u -> killed.contains(u.uuid()));
            assertThat(kill.updates).isEqualTo(2 * total);
            assertThat(master.violations()).isEmpty();

            write(launch, launchSeconds, flood, kill, killSeconds);
        } finally {
            signOut();
        }
    }

    /** One phase's numbers: updates, throughput from first send to last acknowledgement, latencies. */
    private record Phase(String what, int updates, double seconds, long[] latencies) {

        double perSecond() {
            return updates / seconds;
        }

        double millis(double quantile) {
            return latencies[Math.min(latencies.length - 1, (int) Math.floor(quantile * latencies.length))] / 1e6;
        }
    }

    private static Phase phase(String what, Predicate<SentUpdate> selected) {
        Map<String, Long> sentAt = new HashMap<>();
        for (SentUpdate update : master.sentUpdates()) {
            if (update.uuid() != null && selected.test(update)) {
                sentAt.putIfAbsent(update.uuid(), update.atNanos());
            }
        }
        Map<String, Long> acknowledgedAt = new HashMap<>();
        for (Acknowledgement acknowledgement : master.acknowledgements()) {
            if (sentAt.containsKey(acknowledgement.uuid())) {
                acknowledgedAt.putIfAbsent(acknowledgement.uuid(), acknowledgement.atNanos());
            }
        }
        assertThat(acknowledgedAt.keySet()).isEqualTo(sentAt.keySet());
        long first = sentAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = acknowledgedAt.values().stream()
                .mapToLong(Long::longValue)
                .max()
                .orElseThrow();
        long[] latencies = sentAt.keySet().stream()
                .mapToLong(uuid -> acknowledgedAt.get(uuid) - sentAt.get(uuid))
                .sorted()
                .toArray();
        return new Phase(what, sentAt.size(), (last - first) / 1e9, latencies);
    }

    /** Every update with a uuid the emulator sent has been acknowledged (each was sent once). */
    private static void awaitAllAcknowledged() {
        await(() -> {
            Set<String> sent = master.sentUpdates().stream()
                    .map(SentUpdate::uuid)
                    .filter(uuid -> uuid != null)
                    .collect(Collectors.toSet());
            Set<String> acknowledged = master.acknowledgements().stream()
                    .map(Acknowledgement::uuid)
                    .collect(Collectors.toSet());
            return acknowledged.containsAll(sent)
                    && master.tasks().stream().allMatch(t -> t.statusUpdateState() == null);
        });
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await()
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(100))
                .atMost(PATIENCE)
                .until(condition);
    }

    private static void write(Phase launch, double launchSeconds, Phase flood, Phase kill, double killSeconds)
            throws IOException {
        String databaseName = TestDatabase.Kind.selected().name().toLowerCase(Locale.ROOT);
        long resends =
                master.sentUpdates().stream().filter(u -> u.uuid() != null).count()
                        - master.sentUpdates().stream()
                                .map(SentUpdate::uuid)
                                .filter(uuid -> uuid != null)
                                .distinct()
                                .count();
        StringBuilder rows = new StringBuilder();
        for (Phase phase : List.of(launch, flood, kill)) {
            rows.append("| %s | %,d | %.2f s | **%,.0f** | %.1f / %.1f / %.1f / %.1f ms |%n"
                    .formatted(
                            phase.what(),
                            phase.updates(),
                            phase.seconds(),
                            phase.perSecond(),
                            phase.millis(0.50),
                            phase.millis(0.95),
                            phase.millis(0.99),
                            phase.latencies()[phase.latencies().length - 1] / 1e6));
        }
        String report = """
                # Mesos status update benchmark (%s)

                Measured %s by `MesosStatusUpdateBenchmark` (`./mvnw verify -Pbenchmarks -pl backend -am
                -Dit.test=MesosStatusUpdateBenchmark`), on %d cores, Java %s, load average %.1f when it ended
                (the machine is shared with other builds: expect noise).
                The whole backend on the Mesos driver, subscribed to the in-JVM master emulator over HTTP
                on 127.0.0.1; real database: %s. %,d tasks (%d service jobs x %d instances) on 4 agents.

                An update counts from the moment the emulator puts it on the subscription stream until
                its ACKNOWLEDGE reaches the emulator: read from the stream and decoded (RecordIO, JSON),
                applied by `StatusUpdateHandler` in one transaction (job row locked, task moved through
                the state machine, event stored) that commits, then acknowledged with an HTTP call that
                the emulator answers 202. Updates are handled one at a time, in stream order, on the
                driver's event thread. Per task Mesos sends the next update only once the previous one
                is acknowledged, so up to %,d updates are on their way at once.

                | Phase | Updates | First send to last ack | **Updates per second** | Send to ack p50 / p95 / p99 / max |
                |---|---|---|---|---|
                %s

                - Launch: every task's TASK_STARTING and TASK_RUNNING (two state changes each). The first
                  updates flow while later ACCEPTs are still being placed, sent and validated by the emulator
                  (under its lock, which holds acknowledgements back), so this row is lower than the
                  updates alone allow. Creating the jobs to every task RUNNING took %.2f s.
                - Health check results: %d per task (TASK_RUNNING, healthy), queued at once by the emulator
                  and each sent the instant the one before it is acknowledged: the emulator sends as fast
                  as Borealis acknowledges. Each one locks and reads in a transaction that commits but
                  changes nothing (the task is already RUNNING).
                - Kill: `killJob` of every job; TASK_KILLING (no change in Borealis) then TASK_KILLED
                  (a state change) per task; %.2f s from the first `killJob` to no task active.
                - Resent updates (emulator retry before an acknowledgement): %d.
                """.formatted(
                        databaseName,
                        Instant.now().toString().substring(0, 10),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage(),
                        databaseName,
                        JOBS * INSTANCES,
                        JOBS,
                        INSTANCES,
                        JOBS * INSTANCES,
                        rows.toString().strip(),
                        launchSeconds,
                        FLOOD_PER_TASK,
                        killSeconds,
                        resends);
        Path output =
                Path.of(System.getProperty("benchmark.output", "target/benchmarks"), "mesos-" + databaseName + ".md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, report);
        System.out.println(report);
    }
}
