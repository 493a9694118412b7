package io.borealis.scheduler;

import static io.borealis.scheduler.SchedulerHarness.signInAs;
import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.BackendTestApplication;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.simulated.SimulatedCluster;
import io.borealis.db.testing.TestDatabase;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.task.Task;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Scheduler throughput (not a test; run with {@code ./mvnw verify -Pbenchmarks}): jobs totalling
 * 100,000 tasks are created and placed on 10,000 simulated agents, then status updates are
 * applied one by one. Reports placements per second and the time from a status update's arrival
 * to its commit, written to {@code docs/benchmarks/scheduler-<database>.md}.
 */
@SpringBootTest(classes = BackendTestApplication.class, properties = "borealis.scheduler.placement-batch=10000")
class SchedulerBenchmark extends BackendTestApplication.SchedulerTest {

    static final int AGENTS = Integer.getInteger("benchmark.agents", 10_000);
    static final int JOBS = Integer.getInteger("benchmark.jobs", 100);
    static final int INSTANCES = Integer.getInteger("benchmark.instances", 1_000);
    static final int UPDATES = Integer.getInteger("benchmark.updates", 5_000);

    @Autowired
    JobService jobs;

    @Autowired
    SchedulerLoop loop;

    @Autowired
    SimulatedCluster cluster;

    @Autowired
    TaskRepository tasks;

    @Autowired
    StatusUpdateHandler handler;

    @Autowired
    io.borealis.auth.team.TeamService teams;

    @Autowired
    io.borealis.quota.QuotaService quotas;

    @Autowired
    io.borealis.auth.user.UserAccountService users;

    @Test
    void placesOneHundredThousandTasksOnTenThousandAgents() throws IOException {
        SchedulerHarness.prepareTeam(
                teams,
                quotas,
                users,
                "bench",
                Map.of("bench", io.borealis.auth.team.TeamLevel.DEVELOPER),
                SchedulerHarness.LARGE_QUOTA);
        signInAs("bench");
        SchedulerHarness.addBenchAgents(cluster, AGENTS, 40, new Resources(8, 32_768, 500_000));
        cluster.autoStart(false);

        long createStart = System.nanoTime();
        TaskConfig config = TaskConfig.of("./serve", new Resources(0.1, 64, 10)).withPorts(List.of("http"));
        for (int j = 0; j < JOBS; j++) {
            jobs.create(new JobSpec(new JobKey("bench", "prod", "job-" + j), JobKind.SERVICE, config, INSTANCES));
        }
        double createSeconds = seconds(createStart);

        int total = JOBS * INSTANCES;
        long placeStart = System.nanoTime();
        int placed = 0;
        int rounds = 0;
        while (placed < total && rounds < 1_000) {
            placed += loop.round().placed();
            rounds++;
        }
        double placeSeconds = seconds(placeStart);
        assertThat(placed).isEqualTo(total);

        List<Task> assigned = tasks.inStates(EnumSet.of(TaskState.ASSIGNED), UPDATES);
        long[] latencies = new long[assigned.size()];
        long updatesStart = System.nanoTime();
        for (int i = 0; i < assigned.size(); i++) {
            cluster.report(assigned.get(i).taskId(), ClusterTaskState.RUNNING, "Running", null);
            var update = cluster.flushOneForBenchmark();
            long start = System.nanoTime();
            handler.onStatus(update);
            latencies[i] = System.nanoTime() - start;
        }
        double updateSeconds = seconds(updatesStart);
        assertThat(tasks.inStates(EnumSet.of(TaskState.RUNNING), UPDATES + 1)).hasSize(assigned.size());

        Arrays.sort(latencies);
        String database = TestDatabase.Kind.selected().name().toLowerCase(Locale.ROOT);
        String report = """
                # Scheduler benchmark (%s)

                Measured %s by `SchedulerBenchmark` (`./mvnw verify -Pbenchmarks`), on %d cores, Java %s.
                Simulated cluster (in memory), real database: %s.

                | What | Result |
                |---|---|
                | Agents | %,d |
                | Jobs x instances | %,d x %,d = %,d tasks |
                | Creating the jobs (tasks stored PENDING) | %.1f s (%,.0f tasks/s) |
                | Placing every task (%d rounds of up to 10,000) | %.1f s |
                | **Placements per second** | **%,.0f** |
                | Status updates applied (RUNNING), one at a time | %,d in %.1f s (%,.0f/s) |
                | **Status update, arrival to commit** p50 / p95 / p99 / max | **%.2f / %.2f / %.2f / %.2f ms** |

                A placement is: chosen by `Placement` (pure), stored as ASSIGNED with its event (batched
                JDBC), launch handed to the driver. A status update is: job row locked, task moved through
                the state machine with its event, committed, acknowledged.
                """.formatted(
                        database,
                        Instant.now().toString().substring(0, 10),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"),
                        database,
                        AGENTS,
                        JOBS,
                        INSTANCES,
                        total,
                        createSeconds,
                        total / createSeconds,
                        rounds,
                        placeSeconds,
                        total / placeSeconds,
                        latencies.length,
                        updateSeconds,
                        latencies.length / updateSeconds,
                        millis(latencies, 0.50),
                        millis(latencies, 0.95),
                        millis(latencies, 0.99),
                        latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
        Path output =
                Path.of(System.getProperty("benchmark.output", "target/benchmarks"), "scheduler-" + database + ".md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, report);
        System.out.println(report);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))] / 1e6;
    }
}
