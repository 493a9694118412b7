package io.borealis.ui.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import io.borealis.auth.team.TeamService;
import io.borealis.db.testing.TestDatabase;
import io.borealis.job.JobKey;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.job.spec.JobSpecFormat;
import io.borealis.scheduler.JobFilter;
import io.borealis.scheduler.JobService;
import io.borealis.scheduler.JobSort;
import io.borealis.task.TaskState;
import io.borealis.ui.ViewTest;
import io.borealis.ui.jobs.JobsView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Portal round trips with a big database (not a test; run with {@code ./mvnw verify -Pbenchmarks
 * -pl frontend -am -Dit.test=PortalBenchmark}): 5,000 jobs of 3 instances and one job of 10,000
 * instances, written straight into the tables. It times, in this JVM with the app's real services
 * and database, the server's side of a round trip: the view is built and navigated to, its
 * services and queries run, the grid's first page is fetched and rendered, and the changes for the
 * browser are collected. Network and browser rendering are not included. Results go to {@code
 * docs/benchmarks/portal-<database>.md}.
 */
@WithMockUser(
        username = "bench-admin",
        roles = {"ADMIN", "USER"})
class PortalBenchmark extends ViewTest {

    static final int JOBS = Integer.getInteger("benchmark.jobs", 5_000);
    static final int BIG = Integer.getInteger("benchmark.instances", 10_000);
    static final int WARMUP = 3;
    static final int RUNS = 10;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TeamService teams;

    @Autowired
    JobService jobs;

    @Test
    void jobsPageBigJobPageAndFilterChange() throws IOException {
        long seedStart = System.nanoTime();
        seed();
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        double[] list = time(() -> {
            long begin = System.nanoTime();
            JobsView view = navigate(JobsView.class);
            Grid<?> grid = firstPage(view);
            long took = System.nanoTime() - begin;
            assertThat(grid.getDataCommunicator().getItemCount()).isGreaterThan(JOBS);
            return took;
        });
        double[] listQueries = time(() -> {
            long begin = System.nanoTime();
            int count = jobs.countJobs(JobFilter.ANY);
            int rows = jobs.findJobs(JobFilter.ANY, JobSort.BY_KEY, 0, 50).size();
            long took = System.nanoTime() - begin;
            assertThat(count).isGreaterThan(JOBS);
            assertThat(rows).isEqualTo(50);
            return took;
        });
        double[] bigQuery = time(() -> {
            long begin = System.nanoTime();
            int instances =
                    jobs.job(new JobKey("bench", "big", "huge")).instances().size();
            long took = System.nanoTime() - begin;
            assertThat(instances).isEqualTo(BIG);
            return took;
        });
        double[] filter = time(() -> {
            JobsView view = navigate(JobsView.class);
            firstPage(view);
            TextField name = $(TextField.class).id("filter-name");
            long begin = System.nanoTime();
            name.setValue("svc-01");
            Grid<?> grid = firstPage(view);
            long took = System.nanoTime() - begin;
            assertThat(grid.getDataCommunicator().getItemCount()).isEqualTo(1000);
            return took;
        });
        double[] big = time(() -> {
            long begin = System.nanoTime();
            JobView view = navigate("jobs/bench/big/huge", JobView.class);
            MockVaadin.clientRoundtrip();
            long took = System.nanoTime() - begin;
            assertThat(view.grid.size()).isEqualTo(BIG);
            return took;
        });
        JobView bigView = navigate("jobs/bench/big/huge", JobView.class);
        MockVaadin.clientRoundtrip();
        double[] refresh = time(() -> {
            jdbc.update("update task set state = case when state = 'RUNNING' then 'STARTING' else 'RUNNING' end, "
                    + "version = version + 1 where task_id in (select task_id from task where job_id = "
                    + "(select id from job where name = 'huge') order by instance_id limit 100)");
            long begin = System.nanoTime();
            bigView.refresh();
            MockVaadin.clientRoundtrip();
            return System.nanoTime() - begin;
        });
        assertThat(bigView.grid.size()).isEqualTo(BIG);

        String database = TestDatabase.Kind.selected().name().toLowerCase(Locale.ROOT);
        String report = """
                # Portal benchmark (%s)

                Measured %s by `PortalBenchmark` (`./mvnw verify -Pbenchmarks -pl frontend -am -Dit.test=PortalBenchmark`,
                with `-Dpostgres-its.skip=false` for PostgreSQL), on %d cores, Java %s, database %s, while
                other builds shared the machine (timings vary by tens of milliseconds from run to run).

                Data, written straight into the tables (%.1f s) and then analyzed: %,d jobs of 3 instances
                (two RUNNING, one PENDING) in 10 environments, plus one job of %,d instances: %,d tasks in
                all. Signed in as a platform admin, who sees every job.

                **What is timed:** the server's side of one round trip, in the app's JVM with its real
                services and database (Vaadin's browserless test driver, no HTTP): building and
                navigating to the view, the services' queries, the grid's count and first page of 50
                rows fetched and rendered, and collecting the changes the browser would be sent. The
                network, the encoding of the response and the browser's rendering are not included.
                %d warm-up runs, then %d timed runs.

                | Round trip | p50 | max |
                |---|---|---|
                | Jobs page (landing page): count, first 50 of %,d jobs sorted by key, counts by state | %.1f ms | %.1f ms |
                | …of which the list's database work alone (`countJobs` + `findJobs`, 50 rows) | %.1f ms | %.1f ms |
                | Filter change on the jobs page (name contains "svc-01"): count and first page again | %.1f ms | %.1f ms |
                | Job page of the %,d-instance job: header, %,d squares, legend, why-pending summary | %.1f ms | %.1f ms |
                | …of which reading the job and its %,d instances (`JobService.job`) | %.1f ms | %.1f ms |
                | Live refresh of that page after 100 of its tasks changed state (only the changed squares are sent) | %.1f ms | %.1f ms |

                The jobs list pages and filters in the database: one count and one page query, then the
                page's task counts by state for those 50 jobs only. The job page reads every instance's
                current task in one query.
                """.formatted(
                        database,
                        Instant.now().toString().substring(0, 10),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"),
                        database,
                        seedSeconds,
                        JOBS,
                        BIG,
                        JOBS * 3 + BIG,
                        WARMUP,
                        RUNS,
                        JOBS + 1,
                        p50(list),
                        max(list),
                        p50(listQueries),
                        max(listQueries),
                        p50(filter),
                        max(filter),
                        BIG,
                        BIG,
                        p50(big),
                        max(big),
                        BIG,
                        p50(bigQuery),
                        max(bigQuery),
                        p50(refresh),
                        max(refresh));
        Path output = Path.of(System.getProperty("benchmark.output", "target/benchmarks"));
        Files.createDirectories(output);
        Files.writeString(output.resolve("portal-" + database + ".md"), report);
        System.out.println(report);
    }

    private static Grid<?> firstPage(JobsView view) {
        @SuppressWarnings("unchecked")
        Grid<Object> grid = (Grid<Object>)
                view.getChildren().filter(c -> c instanceof Grid<?>).findFirst().orElseThrow();
        grid.getDataCommunicator().setViewportRange(0, 50);
        MockVaadin.clientRoundtrip();
        return grid;
    }

    /** Runs the work WARMUP + RUNS times; returns the timed runs in ms (the work times itself). */
    private static double[] time(Supplier<Long> work) {
        double[] times = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long took = work.get();
            if (i >= WARMUP) {
                times[i - WARMUP] = took / 1e6;
            }
        }
        return times;
    }

    private static double p50(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    /** 5,000 jobs of 3 instances and one of 10,000, inserted in batches. */
    private void seed() {
        asAdmin(() -> teams.createTeam("bench", "Benchmark"));
        Timestamp now = Timestamp.from(Instant.now());
        List<JobKey> keys = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            keys.add(new JobKey("bench", "env-" + (i % 10), String.format("svc-%05d", i)));
        }
        keys.add(new JobKey("bench", "big", "huge"));
        List<Object[]> jobRows = new ArrayList<>();
        for (JobKey key : keys) {
            int instances = key.name().equals("huge") ? BIG : 3;
            jobRows.add(new Object[] {
                key.team(), key.environment(), key.name(), "SERVICE", instances, "ACTIVE", now, "admin", now
            });
        }
        jdbc.batchUpdate(
                "insert into job (team, environment, name, kind, instance_count, status, created_at, created_by, updated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                jobRows);
        Map<String, Long> ids = new HashMap<>();
        jdbc.query("select id, name from job where team = 'bench'", row -> {
            ids.put(row.getString("name"), row.getLong("id"));
        });
        TaskConfig config = TaskConfig.of("exec python3 -m http.server $PORT", new Resources(0.1, 64, 10))
                .withPorts(List.of("http"));
        String spec = JobSpecFormat.storedJson(config);
        String fingerprint = JobSpecFormat.fingerprint(config);
        List<Object[]> configRows = new ArrayList<>();
        for (JobKey key : keys) {
            configRows.add(new Object[] {ids.get(key.name()), spec, fingerprint, now});
        }
        jdbc.batchUpdate(
                "insert into task_config (job_id, spec, fingerprint, created_at) values (?, ?, ?, ?)", configRows);
        jdbc.update("update job set current_config_id = (select c.id from task_config c where c.job_id = job.id) "
                + "where team = 'bench'");
        Map<Long, Long> configs = new HashMap<>();
        jdbc.query(
                "select id, job_id from task_config where job_id in (select id from job where team = 'bench')", row -> {
                    configs.put(row.getLong("job_id"), row.getLong("id"));
                });
        List<Object[]> taskRows = new ArrayList<>();
        for (JobKey key : keys) {
            long jobId = ids.get(key.name());
            boolean huge = key.name().equals("huge");
            int instances = huge ? BIG : 3;
            for (int instance = 0; instance < instances; instance++) {
                TaskState state = huge
                        ? (instance % 50 == 7 ? TaskState.PENDING : TaskState.RUNNING)
                        : (instance == 2 ? TaskState.PENDING : TaskState.RUNNING);
                boolean running = state == TaskState.RUNNING;
                taskRows.add(new Object[] {
                    "bench-" + jobId + "-" + instance,
                    jobId,
                    instance,
                    configs.get(jobId),
                    state.name(),
                    running ? "local-" + (instance % 3 + 1) : null,
                    running ? "local-" + (instance % 3 + 1) : null,
                    running ? "{\"http\":" + (31000 + instance % 100) + "}" : null,
                    running ? null : "0 of 3 agents have room: each has 4 cpus",
                    now,
                    running ? now : null,
                    now
                });
                if (taskRows.size() == 5_000) {
                    insertTasks(taskRows);
                    taskRows.clear();
                }
            }
        }
        insertTasks(taskRows);
        // fresh statistics, as a database that has been running for a while has them
        jdbc.execute("analyze");
    }

    private void insertTasks(List<Object[]> rows) {
        jdbc.batchUpdate(
                "insert into task (task_id, job_id, instance_id, config_id, state, agent_id, hostname, ports, "
                        + "pending_reason, state_changed_at, started_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
    }
}
