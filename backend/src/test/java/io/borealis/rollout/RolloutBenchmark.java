package io.borealis.rollout;

import static io.borealis.scheduler.SchedulerHarness.signInAs;
import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.BackendTestApplication;
import io.borealis.cluster.simulated.SimulatedCluster;
import io.borealis.db.testing.TestDatabase;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.scheduler.JobService;
import io.borealis.scheduler.SchedulerHarness;
import io.borealis.scheduler.SchedulerLoop;
import io.borealis.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The scheduler's own overhead per rollout batch (not a test; run with {@code ./mvnw verify
 * -Pbenchmarks -pl backend -am -Dit.test=RolloutBenchmark}): a 1,000-instance service on the
 * simulated cluster is rolled to a new configuration, 50 instances per batch, each watched 30 s.
 * The watch is simulated by moving the test clock once every instance of the batch runs, so the
 * configured wait costs no wall time and what is measured is Borealis alone: scheduling rounds
 * (rollout coordinator, placement) and the status updates they cause (kill, replacement, start),
 * each in its own transaction against the real database. Written to {@code
 * docs/benchmarks/rollout-<database>.md}.
 */
@SpringBootTest(classes = BackendTestApplication.class)
class RolloutBenchmark extends BackendTestApplication.SchedulerTest {

    static final int INSTANCES = Integer.getInteger("benchmark.instances", 1_000);
    static final int BATCH = Integer.getInteger("benchmark.batch", 50);
    static final int AGENTS = Integer.getInteger("benchmark.agents", 100);
    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JobService jobs;

    @Autowired
    RolloutService rollouts;

    @Autowired
    RolloutRepository repository;

    @Autowired
    SchedulerLoop loop;

    @Autowired
    SimulatedCluster cluster;

    @Autowired
    MutableClock clock;

    @Autowired
    io.borealis.auth.team.TeamService teams;

    @Autowired
    io.borealis.quota.QuotaService quotas;

    @Autowired
    io.borealis.auth.user.UserAccountService users;

    @Test
    void rollsOutAThousandInstancesBatchByBatch() throws IOException {
        SchedulerHarness.prepareTeam(
                teams,
                quotas,
                users,
                "bench",
                Map.of("bench", io.borealis.auth.team.TeamLevel.DEVELOPER),
                SchedulerHarness.LARGE_QUOTA);
        signInAs("bench");
        SchedulerHarness.addBenchAgents(cluster, AGENTS, 10, new Resources(16, 65_536, 500_000));
        Resources each = new Resources(0.1, 64, 10);
        JobKey key = new JobKey("bench", "prod", "rollout");
        jobs.create(new JobSpec(key, JobKind.SERVICE, TaskConfig.of("./serve --version 1", each), INSTANCES));
        SchedulerHarness.settle(loop, cluster);

        RolloutSettings settings = RolloutSettings.batches(BATCH).withMinWaitSeconds((int) WAIT.toSeconds());
        long startBegin = System.nanoTime();
        Rollout rollout = rollouts.start(key, TaskConfig.of("./serve --version 2", each), null, settings, null);
        double startMillis = (System.nanoTime() - startBegin) / 1e6;

        int batches = (INSTANCES + BATCH - 1) / BATCH;
        long[] busy = new long[batches];
        long[] inRounds = new long[batches];
        int[] rounds = new int[batches];
        int[] updates = new int[batches];
        int batch = 0;
        int totalRounds = 0;
        long wallBegin = System.nanoTime();
        while (repository.statusOf(rollout.id()).isActive() && totalRounds < 100 * batches) {
            long begin = System.nanoTime();
            loop.round();
            long roundDone = System.nanoTime();
            int delivered = cluster.flush();
            long spent = System.nanoTime() - begin;
            busy[Math.min(batch, batches - 1)] += spent;
            inRounds[Math.min(batch, batches - 1)] += roundDone - begin;
            rounds[Math.min(batch, batches - 1)]++;
            updates[Math.min(batch, batches - 1)] += delivered;
            totalRounds++;
            // the harness (not timed): which batch is under way, and the simulated watch
            List<RolloutInstance> instances = repository.instances(rollout.id());
            List<RolloutInstance> inFlight = instances.stream()
                    .filter(i -> i.state().phase(false) == InstanceState.Phase.IN_FLIGHT)
                    .toList();
            if (!inFlight.isEmpty() && inFlight.stream().allMatch(i -> i.state() == InstanceState.WAITING_HEALTHY)) {
                clock.advance(WAIT);
            }
            batch = (int) instances.stream()
                            .filter(i -> i.state() == InstanceState.UPDATED)
                            .count()
                    / BATCH;
        }
        double wallSeconds = (System.nanoTime() - wallBegin) / 1e9;
        assertThat(repository.statusOf(rollout.id())).isEqualTo(RolloutStatus.ROLLED_FORWARD);
        assertThat(rollouts.details(rollout.id()).summary().progress().updated())
                .isEqualTo(INSTANCES);

        double[] millis = Arrays.stream(busy).mapToDouble(n -> n / 1e6).toArray();
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(millis).sum();
        List<String> rows = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            rows.add(String.format(
                    Locale.ROOT,
                    "| %d | %.0f | %.0f | %.0f | %d | %d |",
                    b + 1,
                    millis[b],
                    inRounds[b] / 1e6,
                    millis[b] - inRounds[b] / 1e6,
                    rounds[b],
                    updates[b]));
        }
        String database = TestDatabase.Kind.selected().name().toLowerCase(Locale.ROOT);
        String report = """
                # Rollout benchmark (%s)

                Measured %s by `RolloutBenchmark` (`./mvnw verify -Pbenchmarks -pl backend -am -Dit.test=RolloutBenchmark`),
                on %d cores (load average %.1f at the end: the machine is shared with other builds), Java %s.
                Simulated cluster (in memory, %d agents), real database: %s.

                A service of **%,d instances** rolled to a new configuration in **%d batches of %d**, each
                instance watched %d s. The watch is simulated (the test clock jumps %d s once every instance
                of the batch runs), so the configured waits cost no wall time: every millisecond below is
                Borealis's own work per batch beyond the configured waits — the scheduling rounds (rollout
                coordinator and placement) and the status updates they cause (old task killed, replacement
                created with the new configuration, placed, started), each a transaction on the database.

                | What | Result |
                |---|---|
                | Starting the rollout (validation, diff, quota, %,d instance rows, first batch killed) | %.0f ms |
                | **Overhead per batch** mean / p95 (nearest rank) / max | **%.0f / %.0f / %.0f ms** |
                | Overhead, all %d batches | %.1f s (wall time with the harness: %.1f s) |
                | of which scheduling rounds (rollout coordinator, placement) / status updates, per batch | %.0f / %.0f ms |
                | Rounds per batch (mean) | %.1f |
                | Status updates per batch (mean) | %.0f |
                | Configured waits skipped by the simulated clock | %d x %d s = %,d s |

                Per batch (the first one also pays for the JVM's warm-up):

                | Batch | Overhead (ms) | in rounds (ms) | in status updates (ms) | Rounds | Status updates |
                |---|---|---|---|---|---|
                %s
                """.formatted(
                        database,
                        Instant.now().toString().substring(0, 10),
                        Runtime.getRuntime().availableProcessors(),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage(),
                        System.getProperty("java.version"),
                        AGENTS + 3,
                        database,
                        INSTANCES,
                        batches,
                        BATCH,
                        WAIT.toSeconds(),
                        WAIT.toSeconds(),
                        INSTANCES,
                        startMillis,
                        total / batches,
                        sorted[Math.max(0, (int) Math.ceil(0.95 * batches) - 1)],
                        sorted[batches - 1],
                        batches,
                        total / 1000,
                        wallSeconds,
                        Arrays.stream(inRounds).average().orElse(0) / 1e6,
                        total / batches - Arrays.stream(inRounds).average().orElse(0) / 1e6,
                        Arrays.stream(rounds).average().orElse(0),
                        Arrays.stream(updates).average().orElse(0),
                        batches,
                        WAIT.toSeconds(),
                        batches * WAIT.toSeconds(),
                        String.join("\n", rows));
        Path output =
                Path.of(System.getProperty("benchmark.output", "target/benchmarks"), "rollout-" + database + ".md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, report);
        System.out.println(report);
    }
}
