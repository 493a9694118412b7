package io.borealis.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.BackendTestApplication;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.auth.user.NewUserAccount;
import io.borealis.auth.user.PlatformRole;
import io.borealis.auth.user.UserAccountService;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.simulated.SimulatedCluster;
import io.borealis.db.testing.TestDatabase;
import io.borealis.error.PermissionDeniedException;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.quota.Quota;
import io.borealis.quota.QuotaService;
import io.borealis.scheduler.JobService;
import io.borealis.scheduler.SchedulerLoop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The audit log, against a real database: one entry per action with the right fields, refusals
 * recorded, scheduler actions recorded as the system, changes rolled back when the entry cannot be
 * written, and tampering (edited, deleted, swapped or truncated rows) reported at the right entry.
 */
@SpringBootTest(classes = BackendTestApplication.class)
class AuditLogIT extends BackendTestApplication.SchedulerTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @Autowired
    JobService jobs;

    @Autowired
    TeamService teams;

    @Autowired
    QuotaService quotas;

    @Autowired
    UserAccountService users;

    @Autowired
    AuditRepository entries;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    SchedulerLoop loop;

    @Autowired
    SimulatedCluster cluster;

    @Autowired
    io.borealis.testing.MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditRetention retention;

    @Autowired
    io.borealis.auth.token.ApiTokenService tokens;

    @Autowired
    AuditService auditService;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditProperties properties;

    private String team;
    private String developer;

    @BeforeEach
    void team() {
        int n = NAMES.incrementAndGet();
        team = "audit" + n;
        developer = "auditdev" + n;
        asAdmin();
        teams.createTeam(team, "Audit team");
        users.createAccountAsAdmin(
                new NewUserAccount(developer, "Dev", null, "a long test passphrase", PlatformRole.USER));
        teams.putMember(team, developer, TeamLevel.DEVELOPER);
        quotas.setQuota(team, new Quota(new Resources(100, 100_000, 100_000), null), false);
        as(developer);
    }

    @AfterEach
    void signOut() {
        RequestOrigin.clear();
        SecurityContextHolder.clearContext();
    }

    @Test
    void creatingAJobRecordsOneEntryWithWhoWhatWhereAndTheValues() {
        RequestOrigin.set(new RequestOrigin(AuditSource.API, "10.1.2.3", "7 (ci)"));
        long before = lastSeq();

        jobs.create(spec("web", 2));

        AuditEntry entry = single(before, "job.create");
        assertThat(entry.actor()).isEqualTo(developer);
        assertThat(entry.source()).isEqualTo(AuditSource.API);
        assertThat(entry.clientAddress()).isEqualTo("10.1.2.3");
        assertThat(entry.actorToken()).isEqualTo("7 (ci)");
        assertThat(entry.team()).isEqualTo(team);
        assertThat(entry.target()).isEqualTo(team + "/prod/web");
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(entry.changes())
                .contains("\"instances\":{\"before\":null,\"after\":\"2\"}")
                .contains("\"task.environment.SECRET\":{\"before\":null,\"after\":\"(set)\"}")
                .doesNotContain("hunter2");
    }

    @Test
    void scalingRecordsOnlyTheChangedField() {
        jobs.create(spec("web", 2));
        long before = lastSeq();

        jobs.scale(key("web"), 4);

        AuditEntry entry = single(before, "job.scale");
        assertThat(entry.changes()).isEqualTo("{\"instances\":{\"before\":\"2\",\"after\":\"4\"}}");
    }

    @Test
    void killsAndRestartsAreRecordedWithTheirReasonAndInstances() {
        jobs.create(spec("web", 3));
        loop.round();
        cluster.flush();

        long before = lastSeq();
        jobs.killInstances(key("web"), List.of(2, 0), "stuck");
        assertThat(single(before, "job.kill-instances"))
                .satisfies(e -> assertThat(e.target()).isEqualTo(team + "/prod/web instances 0,2"))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("stuck"));

        before = lastSeq();
        jobs.restart(key("web"), List.of(), 1);
        assertThat(single(before, "job.restart").message()).isEqualTo("Rolling restart, 1 at a time");

        before = lastSeq();
        jobs.killJob(key("web"), "retired");
        assertThat(single(before, "job.kill").changes())
                .contains("\"status\":{\"before\":\"ACTIVE\",\"after\":\"KILLED\"}");
    }

    @Test
    void teamMembershipQuotaAndUserChangesAreRecorded() {
        asAdmin();
        long before = lastSeq();
        teams.renameTeam(team, "Renamed");
        assertThat(single(before, "team.rename").changes()).contains("\"before\":\"Audit team\",\"after\":\"Renamed\"");

        before = lastSeq();
        teams.putMember(team, developer, TeamLevel.LEAD);
        assertThat(single(before, "member.put").changes())
                .isEqualTo("{\"level\":{\"before\":\"DEVELOPER\",\"after\":\"LEAD\"}}");

        before = lastSeq();
        quotas.setQuota(team, new Quota(new Resources(50, 100_000, 100_000), 10), false);
        assertThat(single(before, "quota.set").changes())
                .contains("\"cpus\":{\"before\":\"100.0\",\"after\":\"50.0\"}")
                .contains("\"maxTasks\":{\"before\":null,\"after\":\"10\"}")
                .doesNotContain("ramMb");

        before = lastSeq();
        users.setPlatformRole(developer, PlatformRole.ADMIN);
        assertThat(single(before, "user.role").changes()).contains("\"before\":\"USER\",\"after\":\"ADMIN\"");

        before = lastSeq();
        users.resetPassword(developer, "another long passphrase");
        AuditEntry reset = single(before, "user.reset-password");
        assertThat(String.valueOf(reset.changes()) + reset.message()).doesNotContain("another long passphrase");

        before = lastSeq();
        teams.removeMember(team, developer);
        assertThat(single(before, "member.remove").target()).isEqualTo(team + " " + developer);

        before = lastSeq();
        teams.setArchived(team, true);
        assertThat(single(before, "team.archive").changes())
                .contains("\"archived\":{\"before\":\"false\",\"after\":\"true\"}");
    }

    @Test
    void creatingAndRevokingAnApiTokenIsRecordedWithoutTheSecret() {
        long before = lastSeq();
        var created = tokens.create("ci", io.borealis.auth.token.TokenExpiry.DAYS_30);

        AuditEntry create = single(before, "token.create");
        assertThat(create.target()).isEqualTo(created.token().id() + " (ci)");
        assertThat(create.actor()).isEqualTo(developer);
        assertThat(String.valueOf(create.changes()) + create.message() + create.target())
                .doesNotContain(created.text());

        before = lastSeq();
        tokens.revoke(created.token().id());
        assertThat(single(before, "token.revoke").target())
                .isEqualTo(created.token().id() + " (ci) of " + developer);
    }

    @Test
    void aRefusedAttemptIsRecordedAndChangesNothing() {
        jobs.create(spec("web", 2));
        as("nobody-" + NAMES.incrementAndGet());
        long before = lastSeq();

        assertThatThrownBy(() -> jobs.scale(key("web"), 9)).isInstanceOf(PermissionDeniedException.class);

        AuditEntry entry = single(before, "job.scale");
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(entry.message()).contains("You need the DEVELOPER level in team " + team);
        as(developer);
        assertThat(jobs.find(key("web")).orElseThrow().instanceCount()).isEqualTo(2);
    }

    @Test
    void theSchedulerReplacingATaskIsRecordedAsTheSystemWithTheCause() {
        jobs.create(spec("web", 1));
        loop.round();
        cluster.flush();
        String taskId = jobs.job(key("web")).instances().getFirst().current().taskId();
        clock.advance(Duration.ofMinutes(10));
        long before = lastSeq();

        cluster.report(taskId, ClusterTaskState.FAILED, "exit 1", null);
        cluster.flush();

        AuditEntry entry = single(before, "task.reschedule");
        assertThat(entry.actor()).isEqualTo("system");
        assertThat(entry.source()).isEqualTo(AuditSource.SYSTEM);
        assertThat(entry.message()).contains("replaced " + taskId + ", which ended FAILED");
    }

    @Test
    void whenTheEntryCannotBeWrittenTheChangeIsRolledBack() {
        jobs.create(spec("web", 2));
        jdbc.sql("alter table audit_entry add constraint ck_audit_refuse_everything check (seq <= " + lastSeq() + ")")
                .update();
        try {
            assertThatThrownBy(() -> jobs.scale(key("web"), 5)).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> jobs.create(spec("other", 1))).isInstanceOf(RuntimeException.class);
        } finally {
            jdbc.sql("alter table audit_entry drop constraint ck_audit_refuse_everything")
                    .update();
        }
        assertThat(jobs.find(key("web")).orElseThrow().instanceCount()).isEqualTo(2);
        assertThat(jobs.find(key("other"))).isEmpty();
        assertThat(jobs.job(key("web")).instances()).hasSize(2);
    }

    @Test
    void anIntactChainVerifies() {
        jobs.create(spec("web", 1));
        jobs.scale(key("web"), 2);

        AuditVerifier.Verdict verdict = verifier.verify();

        assertThat(verdict.intact()).as(verdict.problem()).isTrue();
        assertThat(verdict.entriesChecked())
                .isEqualTo(jdbc.sql("select count(*) from audit_entry")
                        .query(Long.class)
                        .single());
    }

    @Test
    void editingARowIsDetectedAtThatEntry() {
        jobs.create(spec("web", 1));
        long seq = lastSeq();
        tamper("update audit_entry set actor = 'someone-else' where seq = " + seq);
        try {
            assertThat(verifier.verify())
                    .satisfies(v -> assertThat(v.intact()).isFalse())
                    .satisfies(v -> assertThat(v.brokenAtSeq()).isEqualTo(seq))
                    .satisfies(v -> assertThat(v.problem()).contains("was changed after it was written"));
        } finally {
            tamper("update audit_entry set actor = '" + developer + "' where seq = " + seq);
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void deletingOrSwappingRowsIsDetected() {
        jobs.create(spec("a", 1));
        jobs.create(spec("b", 1));
        jobs.create(spec("c", 1));
        long last = lastSeq();
        Map<String, Object> saved = jdbc.sql("select * from audit_entry where seq = " + (last - 1))
                .query()
                .singleRow();

        tamper("delete from audit_entry where seq = " + (last - 1));
        try {
            assertThat(verifier.verify().brokenAtSeq()).isEqualTo(last - 1);
            assertThat(verifier.verify().problem()).contains("entry " + (last - 1) + " is missing");
        } finally {
            restore(saved);
        }

        // swap the contents of two entries (keeping their numbers)
        swapTargets(last - 2, last);
        try {
            assertThat(verifier.verify().brokenAtSeq()).isEqualTo(last - 2);
        } finally {
            swapTargets(last - 2, last);
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void cuttingEntriesOffTheEndIsDetected() {
        jobs.create(spec("web", 1));
        long last = lastSeq();
        Map<String, Object> saved = jdbc.sql("select * from audit_entry where seq = " + last)
                .query()
                .singleRow();
        tamper("delete from audit_entry where seq = " + last);
        try {
            AuditVerifier.Verdict verdict = verifier.verify();
            assertThat(verdict.intact()).isFalse();
            assertThat(verdict.problem()).contains("entries were removed from the end");
        } finally {
            restore(saved);
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void retentionExportsRemovesAndRecordsOldEntriesAndTheChainStillVerifies() throws Exception {
        jobs.create(spec("old", 1));
        long lastOld = lastSeq();
        clock.advance(Duration.ofDays(40));
        jobs.create(spec("new", 1));
        asAdmin();

        int removed = retention.removeOlderThan(clock.instant().minus(Duration.ofDays(30)));

        assertThat(removed).isEqualTo((int) lastOld);
        assertThat(jdbc.sql("select min(seq) from audit_entry")
                        .query(Long.class)
                        .single())
                .isEqualTo(lastOld + 1);
        AuditEntry record = entries.search(
                        new AuditFilter(null, null, null, null, "audit.retention", null, null, null, null), null, 1)
                .getFirst();
        assertThat(record.actor()).isEqualTo("system");
        assertThat(record.message()).startsWith("Removed entries 1.." + lastOld + " (last hash ");
        try (var files = java.nio.file.Files.list(properties.exportDir())) {
            var export = files.filter(f -> f.getFileName().toString().endsWith(String.format("%010d.jsonl", lastOld)))
                    .findFirst()
                    .orElseThrow();
            assertThat(java.nio.file.Files.readAllLines(export)).hasSize((int) lastOld);
        }
        AuditVerifier.Verdict verdict = verifier.verify();
        assertThat(verdict.intact()).as(verdict.problem()).isTrue();
    }

    @Test
    void leadsReadTheirTeamsEntriesAdminsAllAndOthersNone() {
        jobs.create(spec("web", 1));
        asAdmin();
        String otherTeam = "auditother" + NAMES.incrementAndGet();
        teams.createTeam(otherTeam, "Other");
        teams.putMember(team, developer, TeamLevel.LEAD);

        as(developer);
        List<AuditEntry> seen = auditService.search(AuditFilter.ALL, null, 500);
        assertThat(seen).isNotEmpty().allMatch(e -> team.equals(e.team()));
        assertThatThrownBy(() -> auditService.search(
                        new AuditFilter(null, null, null, otherTeam, null, null, null, null, null), null, 10))
                .isInstanceOf(PermissionDeniedException.class);

        asAdmin();
        assertThat(auditService.search(AuditFilter.ALL, null, 500)).anyMatch(e -> otherTeam.equals(e.team()));

        as("plain-" + NAMES.incrementAndGet());
        long before = lastSeq();
        assertThatThrownBy(() -> auditService.search(AuditFilter.ALL, null, 10))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("Only team leads");
        assertThat(single(before, "audit.read").outcome()).isEqualTo(AuditOutcome.DENIED);
    }

    @Test
    void filtersAndExportsFindAJobsHistory() {
        jobs.create(spec("web", 1));
        jobs.scale(key("web"), 3);
        jobs.create(spec("api", 1));
        asAdmin();
        AuditFilter webHistory = new AuditFilter(null, null, null, team, "job.", team + "/prod/web", null, null, null);

        assertThat(auditService.search(webHistory, null, 50))
                .extracting(AuditEntry::action)
                .containsExactly("job.scale", "job.create");
        var csv = new java.io.StringWriter();
        assertThat(auditService.exportCsv(webHistory, csv)).isEqualTo(2);
        assertThat(csv.toString().lines()).hasSize(3).first().asString().startsWith("seq,at,actor");
        var json = new java.io.StringWriter();
        assertThat(auditService.exportJson(webHistory, json)).isEqualTo(2);
        assertThat(json.toString().lines()).allMatch(line -> line.startsWith("{\"seq\":"));
        assertThat(auditService.count(new AuditFilter(null, null, null, team, null, null, null, "web", null)))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTargetPrefixFindsExactlyTheEntriesStartingWithItWildcardsIncluded() {
        asAdmin();
        String base = team + "/prod/";
        for (String name : List.of("web", "web_x", "webx", "wec", "we%b", "wea")) {
            trail.recordApart(AuditRecord.of("job.create").team(team).target(base + name));
        }

        assertThat(targets(base + "web")).containsExactlyInAnyOrder(base + "web", base + "web_x", base + "webx");
        assertThat(targets(base + "web_")).containsExactly(base + "web_x");
        assertThat(targets(base + "we%")).containsExactly(base + "we%b");
        assertThat(targets(base + "wec")).containsExactly(base + "wec");
    }

    private List<String> targets(String prefix) {
        AuditFilter filter = new AuditFilter(null, null, null, null, null, prefix, null, null, null);
        return auditService.search(filter, null, 50).stream()
                .map(AuditEntry::target)
                .toList();
    }

    private void swapTargets(long a, long b) {
        String targetA = jdbc.sql("select target from audit_entry where seq = " + a)
                .query(String.class)
                .single();
        String targetB = jdbc.sql("select target from audit_entry where seq = " + b)
                .query(String.class)
                .single();
        assertThat(targetA).isNotEqualTo(targetB);
        tamper("update audit_entry set target = '" + targetB + "' where seq = " + a);
        tamper("update audit_entry set target = '" + targetA + "' where seq = " + b);
    }

    private void restore(Map<String, Object> row) {
        tamper(
                "insert into audit_entry (" + AuditRepository.COLUMNS
                        + ") values (:seq, :at, :actor, :actor_token, :source, "
                        + ":client_address, :action, :team, :target, :outcome, :reason, :message, :changes, :prev_hash, :entry_hash)",
                row);
    }

    /** A database administrator's write, past the PostgreSQL trigger that refuses it to the application. */
    private void tamper(String sql) {
        tamper(sql, Map.of());
    }

    private void tamper(String sql, Map<String, Object> params) {
        boolean postgres = TestDatabase.Kind.selected() == TestDatabase.Kind.POSTGRES;
        if (postgres) {
            jdbc.sql("alter table audit_entry disable trigger user").update();
        }
        try {
            var statement = jdbc.sql(sql);
            for (var param : params.entrySet()) {
                statement = statement.param(param.getKey().toLowerCase(java.util.Locale.ROOT), param.getValue());
            }
            statement.update();
        } finally {
            if (postgres) {
                jdbc.sql("alter table audit_entry enable trigger user").update();
            }
        }
    }

    private long lastSeq() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_entry")
                .query(Long.class)
                .single();
    }

    /** The one entry of {@code action} written after {@code seq} (and no other entry of it). */
    private AuditEntry single(long seq, String action) {
        List<AuditEntry> after = entries.after(seq, 100).stream()
                .filter(e -> e.action().equals(action))
                .toList();
        assertThat(after).as("entries of " + action).hasSize(1);
        return after.getFirst();
    }

    private JobSpec spec(String name, int instances) {
        return new JobSpec(
                key(name),
                JobKind.SERVICE,
                TaskConfig.of("./run", new Resources(0.1, 32, 10)).withEnvironment(Map.of("SECRET", "hunter2")),
                instances);
    }

    private JobKey key(String name) {
        return new JobKey(team, "prod", name);
    }

    private static void asAdmin() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "root", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
    }

    private static void as(String user) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        user, null, AuthorityUtils.createAuthorityList("ROLE_USER")));
    }
}
