package io.borealis.scheduler;

import static io.borealis.scheduler.SchedulerHarness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.BackendTestApplication;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.auth.user.NewUserAccount;
import io.borealis.auth.user.PlatformRole;
import io.borealis.auth.user.UserAccountService;
import io.borealis.cluster.LogStream;
import io.borealis.error.PermissionDeniedException;
import io.borealis.job.JobKey;
import io.borealis.job.Resources;
import io.borealis.quota.Quota;
import io.borealis.quota.QuotaService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who may do what, through the application services: every person (platform admin, and the lead,
 * developer and viewer of team alpha, and an outsider who is a developer of team gamma only) tries
 * every action on team alpha and on another team (beta, where none of them is a member). Allowed actions succeed; refused ones throw 403 and leave the
 * database exactly as it was.
 */
@SpringBootTest(classes = BackendTestApplication.class)
class PermissionMatrixIT extends BackendTestApplication.SchedulerTest {

    /** Persons in rows, actions in columns (see ACTIONS), for team alpha. y = allowed. */
    private static final Map<String, String> OWN_TEAM = orderedRows(
            //           RJ RL PL CR SC KI RS KJ RQ SQ RT AD AL RM
            "admin1", "y  y  y  y  y  y  y  y  y  y  y  y  y  y",
            "lead1", "y  y  y  y  y  y  y  y  y  n  n  y  n  y",
            "dev1", "y  y  y  y  y  y  y  y  y  n  n  n  n  y",
            "viewer1", "y  y  n  n  n  n  n  n  y  n  n  n  n  y",
            "outsider1", "n  n  n  n  n  n  n  n  n  n  n  n  n  n");

    private static Map<String, String> orderedRows(String... cells) {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cells.length; i += 2) {
            rows.put(cells[i], cells[i + 1]);
        }
        return rows;
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private record Attempt(String code, BiConsumer<PermissionMatrixIT, String> action) {}

    private static final List<Attempt> ACTIONS = List.of(
            new Attempt("RJ read job", (t, team) -> t.jobs.job(t.jobIn(team))),
            new Attempt("RL read log", (t, team) -> t.cluster.readLog(t.taskIn(team), LogStream.STDOUT, 0, 100)),
            new Attempt("PL plan", (t, team) -> t.jobs.plan(service(uniqueKeyIn(team), 1))),
            new Attempt("CR create job", (t, team) -> t.jobs.create(service(uniqueKeyIn(team), 1))),
            new Attempt("SC scale", (t, team) -> t.jobs.scale(t.jobIn(team), 3)),
            new Attempt("KI kill instance", (t, team) -> t.jobs.killInstances(t.jobIn(team), List.of(0), null)),
            new Attempt("RS restart", (t, team) -> t.jobs.restart(t.jobIn(team), List.of(), 1)),
            new Attempt("KJ kill job", (t, team) -> t.jobs.killJob(t.jobIn(team), null)),
            new Attempt("RQ read quota", (t, team) -> t.quotas.quota(team)),
            new Attempt(
                    "SQ set quota",
                    (t, team) -> t.quotas.setQuota(team, new Quota(new Resources(99, 99_999, 99_999), null), true)),
            new Attempt(
                    "RT rename team", (t, team) -> t.teams.renameTeam(team, "Renamed " + COUNTER.incrementAndGet())),
            new Attempt("AD add developer", (t, team) -> t.teams.putMember(team, t.spare, TeamLevel.DEVELOPER)),
            new Attempt("AL add lead", (t, team) -> t.teams.putMember(team, t.spare, TeamLevel.LEAD)),
            new Attempt("RM read members", (t, team) -> t.teams.members(team)));

    @Autowired
    JobService jobs;

    @Autowired
    ClusterService cluster;

    @Autowired
    QuotaService quotas;

    @Autowired
    TeamService teams;

    @Autowired
    UserAccountService users;

    @Autowired
    SchedulerLoop loop;

    @Autowired
    io.borealis.cluster.simulated.SimulatedCluster simulated;

    @Autowired
    JdbcClient jdbc;

    private final Map<String, JobKey> jobsByTeam = new java.util.HashMap<>();

    @BeforeEach
    void teams() {
        prepareTeam(
                teams,
                quotas,
                users,
                "alpha",
                Map.of("lead1", TeamLevel.LEAD, "dev1", TeamLevel.DEVELOPER, "viewer1", TeamLevel.VIEWER),
                LARGE_QUOTA);
        prepareTeam(teams, quotas, users, "beta", Map.of(), LARGE_QUOTA);
        prepareTeam(teams, quotas, users, "gamma", Map.of("outsider1", TeamLevel.DEVELOPER), LARGE_QUOTA);
        signInAsAdmin();
        if (users.listAccounts().stream().noneMatch(a -> a.username().equals("admin1"))) {
            users.createAccountAsAdmin(
                    new NewUserAccount("admin1", "Admin", null, "a long test passphrase", PlatformRole.ADMIN));
        }
        signOut();
    }

    @AfterEach
    void signedOut() {
        signOut();
    }

    @TestFactory
    Stream<DynamicTest> everyPersonTriesEveryActionOnTheirTeamAndAnother() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var row : OWN_TEAM.entrySet()) {
            String[] allowed = row.getValue().trim().split("\\s+");
            for (int i = 0; i < ACTIONS.size(); i++) {
                Attempt attempt = ACTIONS.get(i);
                boolean ownAllowed = allowed[i].equals("y");
                boolean otherAllowed = row.getKey().equals("admin1");
                tests.add(DynamicTest.dynamicTest(
                        row.getKey() + " " + attempt.code() + " on own team",
                        () -> check(row.getKey(), attempt, "alpha", ownAllowed)));
                tests.add(DynamicTest.dynamicTest(
                        row.getKey() + " " + attempt.code() + " on another team",
                        () -> check(row.getKey(), attempt, "beta", otherAllowed)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> onlyAdminsRunThePlatform() {
        return OWN_TEAM.keySet().stream()
                .map(person -> DynamicTest.dynamicTest(person + " platform actions", () -> {
                    boolean admin = person.equals("admin1");
                    prepareJobs();
                    signIn(person);
                    List<Runnable> platform = List.of(
                            () -> teams.createTeam("t" + COUNTER.incrementAndGet(), "New team"),
                            () -> users.createAccountAsAdmin(new NewUserAccount(
                                    "u" + COUNTER.incrementAndGet(),
                                    "U",
                                    null,
                                    "a long test passphrase",
                                    PlatformRole.USER)),
                            () -> users.setPlatformRole("viewer1", PlatformRole.USER),
                            () -> users.listAccounts());
                    for (Runnable action : platform) {
                        String before = snapshot();
                        if (admin) {
                            action.run();
                        } else {
                            assertThatThrownBy(action::run)
                                    .isInstanceOf(PermissionDeniedException.class)
                                    .hasMessageContaining("platform admin");
                            assertThat(snapshot()).isEqualTo(before);
                        }
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> peopleSeeOnlyTheirTeamsJobs() {
        return OWN_TEAM.keySet().stream()
                .map(person -> DynamicTest.dynamicTest(person + " lists jobs", () -> {
                    prepareJobs();
                    signIn(person);
                    List<String> visibleTeams = jobs.listJobs().stream()
                            .map(s -> s.key().team())
                            .distinct()
                            .toList();
                    if (person.equals("admin1")) {
                        assertThat(visibleTeams).contains("alpha", "beta");
                    } else if (person.equals("outsider1")) {
                        assertThat(visibleTeams).isEmpty(); // gamma has no jobs
                    } else {
                        assertThat(visibleTeams).containsOnly("alpha");
                    }
                }));
    }

    private void check(String person, Attempt attempt, String team, boolean allowed) {
        prepareJobs();
        String before = snapshot();
        signIn(person);
        String name = person + " " + attempt.code() + " on " + team;
        try {
            if (allowed) {
                attempt.action().accept(this, team);
            } else {
                assertThatThrownBy(() -> attempt.action().accept(this, team))
                        .as(name)
                        .isInstanceOf(PermissionDeniedException.class)
                        .hasMessageMatching("(?s).*(need|Only platform admins|Only a platform admin).*");
                signOut();
                assertThat(snapshot())
                        .as(name + ": a refused attempt changes nothing")
                        .isEqualTo(before);
            }
        } finally {
            signOut();
        }
    }

    /**
     * A clean slate for the next attempt: earlier jobs killed, quotas back to large, a fresh
     * running job in each team, and a spare account to add as a member.
     */
    private void prepareJobs() {
        signInAsAdmin();
        try {
            for (var summary : jobs.listJobs()) {
                jobs.killJob(summary.key(), "next attempt");
            }
            settle(loop, simulated);
            quotas.setQuota("alpha", LARGE_QUOTA, true);
            quotas.setQuota("beta", LARGE_QUOTA, true);
            spare = "spare" + COUNTER.incrementAndGet();
            users.createAccountAsAdmin(
                    new NewUserAccount(spare, "Spare", null, "a long test passphrase", PlatformRole.USER));
            for (String team : List.of("alpha", "beta")) {
                JobKey key = uniqueKeyIn(team);
                jobs.create(service(key, 2));
                jobsByTeam.put(team, key);
            }
            settle(loop, simulated);
        } finally {
            signOut();
        }
    }

    private JobKey jobIn(String team) {
        return jobsByTeam.get(team);
    }

    private String taskIn(String team) {
        signInAsAdmin();
        try {
            return jobs.job(jobIn(team)).instances().getFirst().current().taskId();
        } finally {
            signIn(currentPerson);
        }
    }

    private String spare;

    private String currentPerson;

    private void signIn(String person) {
        currentPerson = person;
        String role = person.equals("admin1") ? "ROLE_ADMIN" : "ROLE_USER";
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        person, null, AuthorityUtils.createAuthorityList(role)));
    }

    private static JobKey uniqueKeyIn(String team) {
        return new JobKey(team, "prod", "job-" + COUNTER.incrementAndGet());
    }

    /** Everything an action could change, as text: jobs, tasks, teams, members, quotas, accounts. */
    private String snapshot() {
        return String.join(
                "\n",
                rows(
                        "select team || '/' || environment || '/' || name || ' ' || instance_count || ' ' || status from job order by id"),
                rows("select task_id || ' ' || state from task order by task_id"),
                rows("select slug || ' ' || display_name || ' ' || archived from team order by slug"),
                rows("select team_id || ' ' || user_id || ' ' || level from team_member order by team_id, user_id"),
                rows(
                        "select team_id || ' ' || cpus || ' ' || ram_mb || ' ' || disk_mb from team_quota order by team_id"),
                rows("select username || ' ' || platform_role || ' ' || enabled from app_user order by username"),
                rows("select count(*) from job_restart"));
    }

    private String rows(String sql) {
        return String.join(",", jdbc.sql(sql).query(String.class).list());
    }
}
