package io.borealis.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.user.PlatformRole;
import io.borealis.job.JobKey;
import io.borealis.rollout.RolloutService;
import io.borealis.rollout.RolloutSettings;
import io.borealis.scheduler.JobService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what, through the REST API: the table of the service-level PermissionMatrixIT, over
 * HTTP with each person's own token. Every person (platform admin; lead, developer and viewer of
 * team alpha; an outsider who is a developer of team gamma only) tries every action on alpha and
 * on beta (where none of them is a member), rollouts included (developers start them, leads steer them). Allowed actions answer 2xx; refused ones answer 403
 * with the service's explanation and leave the database exactly as it was.
 */
class ApiPermissionMatrixIT extends ApiTest {

    private static final String ALPHA = "pm-alpha";
    private static final String BETA = "pm-beta";
    private static final String GAMMA = "pm-gamma";

    /** Persons in rows, actions in columns (see ACTIONS), on their own team alpha. y = allowed. */
    private static final Map<String, String> OWN_TEAM = rows(
            //           RJ RL PL CR SC KI RS KJ RQ SQ RT AD AL RM SR PR RE AB RB
            "pm-admin", "y  y  y  y  y  y  y  y  y  y  y  y  y  y  y  y  y  y  y",
            "pm-lead", "y  y  y  y  y  y  y  y  y  n  n  y  n  y  y  y  y  y  y",
            "pm-dev", "y  y  y  y  y  y  y  y  y  n  n  n  n  y  y  n  n  n  n",
            "pm-viewer", "y  y  n  n  n  n  n  n  y  n  n  n  n  y  n  n  n  n  n",
            "pm-outsider", "n  n  n  n  n  n  n  n  n  n  n  n  n  n  n  n  n  n  n");

    private record Attempt(String code, BiFunction<ApiPermissionMatrixIT, String, Reply> request) {}

    private static final List<Attempt> ACTIONS = List.of(
            new Attempt("RJ read job", (t, team) -> t.get(t.token, t.jobPath(team))),
            new Attempt(
                    "RL read log",
                    (t, team) -> t.get(t.token, "/api/v1/tasks/" + t.taskIn(team) + "/logs/stdout?length=100")),
            new Attempt("PL plan", (t, team) -> t.post(t.token, "/api/v1/jobs/plan", spec(team, unique("plan"), 1))),
            new Attempt("CR create job", (t, team) -> t.post(t.token, "/api/v1/jobs", spec(team, unique("new"), 1))),
            new Attempt(
                    "SC scale", (t, team) -> t.put(t.token, t.jobPath(team) + "/instances", Map.of("instances", 3))),
            new Attempt(
                    "KI kill instance",
                    (t, team) -> t.post(t.token, t.jobPath(team) + "/kill", Map.of("instances", List.of(0)))),
            new Attempt("RS restart", (t, team) -> t.post(t.token, t.jobPath(team) + "/restart", Map.of())),
            new Attempt("KJ kill job", (t, team) -> t.delete(t.token, t.jobPath(team))),
            new Attempt("RQ read quota", (t, team) -> t.get(t.token, "/api/v1/teams/" + team + "/quota")),
            new Attempt(
                    "SQ set quota",
                    (t, team) -> t.put(
                            t.token,
                            "/api/v1/teams/" + team + "/quota",
                            Map.of("cpus", 99, "ramMb", 99_999, "diskMb", 99_999, "overcommit", true))),
            new Attempt(
                    "RT rename team",
                    (t, team) -> t.patch(t.token, "/api/v1/teams/" + team, Map.of("displayName", unique("Renamed")))),
            new Attempt(
                    "AD add developer",
                    (t, team) -> t.put(
                            t.token, "/api/v1/teams/" + team + "/members/" + t.spare, Map.of("level", "DEVELOPER"))),
            new Attempt(
                    "AL add lead",
                    (t, team) ->
                            t.put(t.token, "/api/v1/teams/" + team + "/members/" + t.spare, Map.of("level", "LEAD"))),
            new Attempt("RM read members", (t, team) -> t.get(t.token, "/api/v1/teams/" + team + "/members")),
            new Attempt(
                    "SR start rollout",
                    (t, team) -> t.post(
                            t.token,
                            t.jobPath(team) + "/rollouts",
                            Map.of(
                                    "task",
                                    Map.of(
                                            "processes",
                                            List.of(Map.of("name", "main", "command", "sleep 601")),
                                            "resources",
                                            Map.of("cpus", 0.1, "ramMb", 32, "diskMb", 10))))),
            new Attempt(
                    "PR pause rollout",
                    (t, team) -> t.post(t.token, t.rolloutPath(team) + "/pause", Map.of("message", "hold"))),
            new Attempt("RE resume rollout", (t, team) -> t.post(t.token, t.rolloutPath(team) + "/resume", Map.of())),
            new Attempt("AB abort rollout", (t, team) -> t.post(t.token, t.rolloutPath(team) + "/abort", Map.of())),
            new Attempt(
                    "RB roll back rollout", (t, team) -> t.post(t.token, t.rolloutPath(team) + "/rollback", Map.of())));

    @Autowired
    JobService jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RolloutService rolloutService;

    private final Map<String, JobKey> jobsByTeam = new HashMap<>();

    /** Per team, a rollout under way (on a job of its own) for the control attempts. */
    private final Map<String, Long> rolloutsByTeam = new HashMap<>();

    /** The token of the person acting now. */
    private String token;

    /** An account that is in no team, to add as a member. */
    private String spare;

    @BeforeEach
    void teams() {
        ensureTeam(
                ALPHA, Map.of("pm-lead", TeamLevel.LEAD, "pm-dev", TeamLevel.DEVELOPER, "pm-viewer", TeamLevel.VIEWER));
        ensureTeam(BETA, Map.of());
        ensureTeam(GAMMA, Map.of("pm-outsider", TeamLevel.DEVELOPER));
        ensureUser("pm-admin", PlatformRole.ADMIN);
    }

    @TestFactory
    Stream<DynamicTest> everyPersonTriesEveryActionOnTheirTeamAndAnother() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var row : OWN_TEAM.entrySet()) {
            String[] allowed = row.getValue().trim().split("\\s+");
            for (int i = 0; i < ACTIONS.size(); i++) {
                Attempt attempt = ACTIONS.get(i);
                boolean ownAllowed = allowed[i].equals("y");
                boolean otherAllowed = row.getKey().equals("pm-admin");
                tests.add(DynamicTest.dynamicTest(
                        row.getKey() + " " + attempt.code() + " on own team",
                        () -> check(row.getKey(), attempt, ALPHA, ownAllowed)));
                tests.add(DynamicTest.dynamicTest(
                        row.getKey() + " " + attempt.code() + " on another team",
                        () -> check(row.getKey(), attempt, BETA, otherAllowed)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> onlyAdminsRunThePlatform() {
        return OWN_TEAM.keySet().stream()
                .map(person -> DynamicTest.dynamicTest(person + " platform actions", () -> {
                    token = tokenOf(person, role(person));
                    boolean admin = person.equals("pm-admin");
                    List<java.util.function.Supplier<Reply>> platform = List.of(
                            () -> post(
                                    token,
                                    "/api/v1/teams",
                                    Map.of("slug", unique("pmteam"), "displayName", "New team")),
                            () -> post(
                                    token,
                                    "/api/v1/users",
                                    Map.of(
                                            "username",
                                            unique("pmuser"),
                                            "displayName",
                                            "U",
                                            "password",
                                            "a long test passphrase",
                                            "platformRole",
                                            "USER")),
                            () -> patch(token, "/api/v1/users/pm-viewer", Map.of("platformRole", "USER")),
                            () -> get(token, "/api/v1/users"));
                    for (var action : platform) {
                        String before = snapshot();
                        Reply reply = action.get();
                        if (admin) {
                            assertThat(reply.status()).as(reply.body()).isBetween(200, 299);
                        } else {
                            assertThat(reply.expect(403).get("message").asString())
                                    .contains("platform admin");
                            assertThat(snapshot()).isEqualTo(before);
                        }
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> peopleListOnlyTheirTeamsJobs() {
        return OWN_TEAM.keySet().stream()
                .map(person -> DynamicTest.dynamicTest(person + " lists jobs", () -> {
                    prepareJobs();
                    JsonNode page = get(tokenOf(person, role(person)), "/api/v1/jobs?size=500")
                            .expect(200);
                    List<String> teams = page.get("items")
                            .valueStream()
                            .map(item -> item.get("key").get("team").asString())
                            .filter(team -> team.startsWith("pm-"))
                            .distinct()
                            .toList();
                    switch (person) {
                        case "pm-admin" -> assertThat(teams).contains(ALPHA, BETA);
                        case "pm-outsider" -> assertThat(teams).isEmpty(); // gamma has no jobs
                        default -> assertThat(teams).containsOnly(ALPHA);
                    }
                }));
    }

    private void check(String person, Attempt attempt, String team, boolean allowed) {
        prepareJobs();
        if (attempt.code().startsWith("AD") || attempt.code().startsWith("AL")) {
            spare = unique("pm-spare");
            ensureUser(spare, PlatformRole.USER);
        }
        if (attempt.code().startsWith("RE")) {
            asAdmin(() -> rolloutService.pause(rolloutsByTeam.get(team), "to be resumed"));
        }
        token = tokenOf(person, role(person));
        String name = person + " " + attempt.code() + " on " + team;
        String before = snapshot();
        Reply reply = attempt.request().apply(this, team);
        if (allowed) {
            assertThat(reply.status()).as(name + ": " + reply.body()).isBetween(200, 299);
        } else {
            JsonNode error = reply.expect(403);
            assertThat(error.get("code").asString()).isEqualTo("forbidden");
            assertThat(error.get("message").asString())
                    .as(name)
                    .matches("(?s).*(need|Only platform admins|Only a platform admin).*");
            assertThat(snapshot())
                    .as(name + ": a refused attempt changes nothing")
                    .isEqualTo(before);
        }
    }

    /** A clean slate: earlier jobs of the matrix's teams killed, a fresh job in alpha and in beta. */
    private void prepareJobs() {
        asAdmin(() -> {
            for (var summary : jobs.listJobs()) {
                if (summary.key().team().startsWith("pm-")) {
                    rolloutService
                            .active(summary.key())
                            .ifPresent(r -> rolloutService.abort(r.rollout().id(), "next attempt"));
                    jobs.killJob(summary.key(), "next attempt");
                }
            }
            quotas.setQuota(ALPHA, LARGE_QUOTA, true);
            quotas.setQuota(BETA, LARGE_QUOTA, true);
            for (String team : List.of(ALPHA, BETA)) {
                JobKey key = new JobKey(team, "prod", unique("job"));
                jobs.create(new io.borealis.job.JobSpec(
                        key,
                        io.borealis.job.JobKind.SERVICE,
                        io.borealis.job.TaskConfig.of("sleep 600", new io.borealis.job.Resources(0.1, 32, 10)),
                        2));
                jobsByTeam.put(team, key);
                JobKey rolled = new JobKey(team, "prod", unique("rolled"));
                jobs.create(new io.borealis.job.JobSpec(
                        rolled,
                        io.borealis.job.JobKind.SERVICE,
                        io.borealis.job.TaskConfig.of("sleep 600", new io.borealis.job.Resources(0.1, 32, 10)),
                        2));
                rolloutsByTeam.put(
                        team,
                        rolloutService
                                .start(
                                        rolled,
                                        io.borealis.job.TaskConfig.of(
                                                "sleep 602", new io.borealis.job.Resources(0.1, 32, 10)),
                                        null,
                                        RolloutSettings.batches(1),
                                        "matrix")
                                .id());
            }
            return null;
        });
    }

    private String jobPath(String team) {
        JobKey key = jobsByTeam.get(team);
        return "/api/v1/jobs/" + key.team() + "/" + key.environment() + "/" + key.name();
    }

    private String rolloutPath(String team) {
        return "/api/v1/rollouts/" + rolloutsByTeam.get(team);
    }

    private String taskIn(String team) {
        return asAdmin(() ->
                jobs.job(jobsByTeam.get(team)).instances().getFirst().current().taskId());
    }

    private static PlatformRole role(String person) {
        return person.equals("pm-admin") ? PlatformRole.ADMIN : PlatformRole.USER;
    }

    /** Everything an action could change, as text: jobs, tasks, teams, members, quotas, accounts. */
    private String snapshot() {
        return String.join(
                "\n",
                rows("select team || '/' || environment || '/' || name || ' ' || instance_count || ' ' || status "
                        + "from job order by id"),
                rows("select task_id || ' ' || state from task order by task_id"),
                rows("select slug || ' ' || display_name || ' ' || archived from team order by slug"),
                rows("select team_id || ' ' || user_id || ' ' || level from team_member order by team_id, user_id"),
                rows("select team_id || ' ' || cpus || ' ' || ram_mb || ' ' || disk_mb from team_quota "
                        + "order by team_id"),
                rows("select username || ' ' || platform_role || ' ' || enabled from app_user order by username"),
                rows("select count(*) from job_restart"),
                rows("select id || ' ' || status || ' ' || batch_index from rollout order by id"),
                rows("select count(*) from rollout_event"),
                rows("select rollout_id || ' ' || instance_id || ' ' || state from rollout_instance "
                        + "order by rollout_id, instance_id"),
                rows("select count(*) from rollout_instance_event"));
    }

    private String rows(String sql) {
        return String.join(",", jdbc.sql(sql).query(String.class).list());
    }

    private static Map<String, String> rows(String... cells) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i += 2) {
            rows.put(cells[i], cells[i + 1]);
        }
        return rows;
    }
}
