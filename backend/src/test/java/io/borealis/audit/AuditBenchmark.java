package io.borealis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.BackendTestApplication;
import io.borealis.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audit log query latency at 1,000,000 and 10,000,000 entries for the audit page's common filters
 * (first page and a page 10,000 entries deep), and what writing one entry adds to an action. Not a
 * test; run with {@code ./mvnw verify -Pbenchmarks -pl backend -am -Dit.test=AuditBenchmark}. On
 * PostgreSQL it measures both sizes (the ask); on H2 only the first (an in-memory table of ten
 * million rows would measure the heap, not the queries). Results: docs/benchmarks/audit-<db>.md.
 */
@SpringBootTest(classes = BackendTestApplication.class)
class AuditBenchmark extends BackendTestApplication.SchedulerTest {

    private static final int PAGE = 50;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditService service;

    @Autowired
    AuditTrail trail;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void queryLatencyAtOneAndTenMillionEntries() throws IOException {
        boolean postgres = TestDatabase.Kind.selected() == TestDatabase.Kind.POSTGRES;
        List<Integer> sizes = postgres ? List.of(1_000_000, 10_000_000) : List.of(1_000_000);
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "bench-admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        StringBuilder report = new StringBuilder();
        String database = postgres ? "postgres" : "h2";
        report.append("# Audit log benchmark (")
                .append(database)
                .append(")\n\n")
                .append("Measured ")
                .append(Instant.now().toString(), 0, 10)
                .append(
                        " by `AuditBenchmark` (`./mvnw verify -Pbenchmarks -pl backend -am -Dit.test=AuditBenchmark`), on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(System.getProperty("java.version"))
                .append(
                        ".\nSynthetic entries: 2,000 people, 200 teams, 5,000 jobs, 20 actions, a year of timestamps, 3% refusals. ")
                .append(
                        "Each figure is the median of 5 runs through `AuditService.search` (what the page and the API call), ")
                .append("first page (50 newest) and a page 10,000 entries deep (keyset: `seq < last seen`).\n\n");
        int loaded = 0;
        for (int size : sizes) {
            long started = System.nanoTime();
            generate(loaded, size, postgres);
            loaded = size;
            double loadSeconds = (System.nanoTime() - started) / 1e9;
            report.append("## ")
                    .append(String.format(Locale.ROOT, "%,d", size))
                    .append(" entries\n\n")
                    .append(String.format(Locale.ROOT, "Loaded in %.0f s.%n%n", loadSeconds))
                    .append("| Filter | First page (ms) | 10,000 deep (ms) |\n|---|---|---|\n");
            Instant newest = jdbc.sql("select max(at) from audit_entry")
                    .query(java.time.OffsetDateTime.class)
                    .single()
                    .toInstant();
            Map<String, AuditFilter> filters = new LinkedHashMap<>();
            filters.put("none (newest first)", AuditFilter.ALL);
            filters.put("team", filter(null, null, null, "team-17", null, null, null, null, null));
            filters.put("actor", filter(null, null, "user-42", null, null, null, null, null, null));
            filters.put("action prefix `job.`", filter(null, null, null, null, "job.", null, null, null, null));
            filters.put(
                    "target = one job's history",
                    filter(null, null, null, null, null, "team-117/prod/job-317", null, null, null));
            filters.put(
                    "last 7 days",
                    filter(newest.minus(Duration.ofDays(7)), null, null, null, null, null, null, null, null));
            filters.put("outcome DENIED", filter(null, null, null, null, null, null, AuditOutcome.DENIED, null, null));
            filters.put("text \"stuck\"", filter(null, null, null, null, null, null, null, "stuck", null));
            filters.put(
                    "a lead's 3 teams",
                    filter(null, null, null, null, null, null, null, null, Set.of("team-1", "team-2", "team-3")));
            for (var entry : filters.entrySet()) {
                double first = median(() -> service.search(entry.getValue(), null, PAGE));
                Long deepCursor = cursorAfter(entry.getValue(), 10_000);
                String deep = deepCursor == null
                        ? "fewer than 10,000 match"
                        : String.format(
                                Locale.ROOT, "%.1f", median(() -> service.search(entry.getValue(), deepCursor, PAGE)));
                report.append("| ")
                        .append(entry.getKey())
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", first))
                        .append(" | ")
                        .append(deep)
                        .append(" |\n");
            }
            double count = median(() -> List.of(service.count(filters.get("team"))));
            report.append(String.format(
                    Locale.ROOT, "%nCounting one team's entries (the page's total): %.1f ms.%n%n", count));
        }
        report.append(actionCost());
        Path output = Path.of(System.getProperty("benchmark.output", "target/benchmarks"), "audit-" + database + ".md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, report.toString());
        System.out.println(report);
        assertThat(jdbc.sql("select count(*) from audit_entry")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(loaded);
    }

    /** What one audit entry costs inside an action's transaction (lock the head, hash, insert). */
    private String actionCost() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        int runs = 2_000;
        long[] withEntry = new long[runs];
        long[] without = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            tx.executeWithoutResult(s -> jdbc.sql("update audit_head set last_seq = last_seq where id = 1")
                    .update());
            without[i] = System.nanoTime() - start;
            start = System.nanoTime();
            tx.executeWithoutResult(s -> trail.record(AuditRecord.of("bench.action")
                    .team("team-1")
                    .target("team-1/prod/job-1")
                    .change("instances", 3, 4)));
            withEntry[i] = System.nanoTime() - start;
        }
        Arrays.sort(withEntry);
        Arrays.sort(without);
        return String.format(
                Locale.ROOT,
                "## Cost of an entry%n%nA transaction that only touches one row: p50 %.2f ms, "
                        + "p95 %.2f ms. The same with one audit entry written in it: p50 %.2f ms, p95 %.2f ms "
                        + "(%,d runs each, sequential). Entries are appended one at a time (the chain's head row is locked), "
                        + "so concurrent actions queue for that lock for about this long.%n",
                without[runs / 2] / 1e6,
                without[runs * 95 / 100] / 1e6,
                withEntry[runs / 2] / 1e6,
                withEntry[runs * 95 / 100] / 1e6,
                runs);
    }

    private Long cursorAfter(AuditFilter filter, int depth) {
        Long cursor = null;
        int seen = 0;
        while (seen < depth) {
            List<AuditEntry> page = service.search(filter, cursor, AuditService.MAX_PAGE);
            if (page.isEmpty()) {
                return null;
            }
            seen += page.size();
            cursor = page.getLast().seq();
        }
        return cursor;
    }

    private static double median(Supplier<List<?>> query) {
        query.get(); // warm up
        double[] runs = new double[5];
        for (int i = 0; i < runs.length; i++) {
            long start = System.nanoTime();
            query.get();
            runs[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(runs);
        return runs[runs.length / 2];
    }

    private static AuditFilter filter(
            Instant from,
            Instant to,
            String actor,
            String team,
            String action,
            String target,
            AuditOutcome outcome,
            String text,
            Set<String> teams) {
        return new AuditFilter(from, to, actor, team, action, target, outcome, text, teams);
    }

    /** Entries {@code from+1..to}, generated inside the database (fake hashes: querying does not check them). */
    private void generate(int from, int to, boolean postgres) {
        String actions =
                "array['job.create','job.scale','job.kill','job.kill-instances','job.restart','task.reschedule',"
                        + "'rollout.start','rollout.pause','rollout.resume','rollout.abort','rollout.rollback','quota.set',"
                        + "'team.create','member.put','member.remove','user.create','user.role','auth.sign-in','auth.sign-out','token.create']";
        if (postgres) {
            jdbc.sql("alter table audit_entry disable trigger user").update();
            jdbc.sql(
                            "insert into audit_entry (seq, at, actor, actor_token, source, client_address, action, team, target, outcome, "
                                    + "reason, message, changes, prev_hash, entry_hash) "
                                    + "select g, timestamp with time zone '2026-01-01 00:00:00+00' + (g * interval '3 second') * (31536000.0 / 3 / :total), "
                                    + "'user-' || (g % 2000), null, case when g % 5 = 0 then 'API' else 'UI' end, '10.0.' || (g % 250) || '.' || (g % 200), "
                                    + "(" + actions
                                    + ")[1 + (g % 20)], 'team-' || (g % 200), 'team-' || (g % 200) || '/prod/job-' || (g % 5000), "
                                    + "case when g % 33 = 0 then 'DENIED' else 'SUCCESS' end, case when g % 97 = 0 then 'stuck instance' else null end, "
                                    + "null, '{\"instances\":{\"before\":\"3\",\"after\":\"4\"}}', repeat('0', 64), md5(g::text) || md5(g::text) "
                                    + "from generate_series(:from, :to) as g")
                    .param("total", 10_000_000)
                    .param("from", from + 1)
                    .param("to", to)
                    .update();
            jdbc.sql("alter table audit_entry enable trigger user").update();
            jdbc.sql("analyze audit_entry").update();
        } else {
            List<Object[]> batch = new ArrayList<>();
            String[] names = actions.substring(7, actions.length() - 2).split("','");
            for (int g = from + 1; g <= to; g++) {
                batch.add(new Object[] {
                    g,
                    java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z").plusSeconds(g * 3L),
                    "user-" + (g % 2000),
                    g % 5 == 0 ? "API" : "UI",
                    names[g % 20],
                    "team-" + (g % 200),
                    "team-" + (g % 200) + "/prod/job-" + (g % 5000),
                    g % 33 == 0 ? "DENIED" : "SUCCESS",
                    g % 97 == 0 ? "stuck instance" : null,
                    "0".repeat(64),
                    "h" + g
                });
                if (batch.size() == 10_000 || g == to) {
                    new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                            .batchUpdate(
                                    "insert into audit_entry (seq, at, actor, source, action, team, target, outcome, reason, "
                                            + "prev_hash, entry_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    batch);
                    batch.clear();
                }
            }
        }
        jdbc.sql("update audit_head set last_seq = :seq where id = 1")
                .param("seq", to)
                .update();
    }

    @Autowired
    javax.sql.DataSource dataSource;
}
