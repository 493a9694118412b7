package io.borealis.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.user.PlatformRole;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every change that can be made over the REST API leaves exactly one audit entry naming the token's
 * owner and the token, the source API, the client's address, the action, team and target, the
 * outcome and the changed fields; a refused attempt leaves one DENIED entry and changes nothing.
 */
class AuditCompletenessApiIT extends ApiTest {

    private static final String TEAM = "audit-complete";
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

    @Autowired
    JdbcClient jdbc;

    private String admin;
    private String dev;
    private String viewer;
    private String lead;

    @BeforeEach
    void people() {
        ensureTeam(
                TEAM,
                Map.of(
                        "complete-dev", TeamLevel.DEVELOPER,
                        "complete-viewer", TeamLevel.VIEWER,
                        "complete-lead", TeamLevel.LEAD));
        admin = adminToken();
        lead = tokenOf("complete-lead", PlatformRole.USER);
        dev = tokenOf("complete-dev", PlatformRole.USER);
        viewer = tokenOf("complete-viewer", PlatformRole.USER);
    }

    /** One stored entry, as the table holds it. */
    record Entry(
            long seq,
            String actor,
            String token,
            String source,
            String clientAddress,
            String action,
            String team,
            String target,
            String outcome,
            String reason,
            String message,
            JsonNode changes) {

        String before(String field) {
            JsonNode value = changes.get(field).get("before");
            return value.isNull() ? null : value.asString();
        }

        String after(String field) {
            JsonNode value = changes.get(field).get("after");
            return value.isNull() ? null : value.asString();
        }
    }

    private long head() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_entry")
                .query(Long.class)
                .single();
    }

    private List<Entry> since(long seq) {
        return jdbc.sql("select seq, actor, actor_token, source, client_address, action, team, target, outcome, "
                        + "reason, message, changes from audit_entry where seq > :seq order by seq")
                .param("seq", seq)
                .query((row, n) -> new Entry(
                        row.getLong("seq"),
                        row.getString("actor"),
                        row.getString("actor_token"),
                        row.getString("source"),
                        row.getString("client_address"),
                        row.getString("action"),
                        row.getString("team"),
                        row.getString("target"),
                        row.getString("outcome"),
                        row.getString("reason"),
                        row.getString("message"),
                        row.getString("changes") == null ? null : JSON.readTree(row.getString("changes"))))
                .list();
    }

    /** Runs the request and answers the one entry it left, checked for who, how and from where. */
    private Entry onlyEntryOf(String token, String owner, Runnable request) {
        long before = head();
        request.run();
        List<Entry> entries = since(before);
        assertThat(entries).as("entries recorded by one request").hasSize(1);
        Entry entry = entries.getFirst();
        assertThat(entry.actor()).isEqualTo(owner);
        assertThat(entry.token()).isEqualTo(idOf(token));
        assertThat(entry.source()).isEqualTo("API");
        assertThat(entry.clientAddress()).isIn(LOOPBACK);
        return entry;
    }

    private static String idOf(String token) {
        return token.substring("brl_".length(), "brl_".length() + 16);
    }

    private void assertSuccess(Entry entry, String action, String team, String target) {
        assertThat(entry.action()).isEqualTo(action);
        assertThat(entry.team()).isEqualTo(team);
        assertThat(entry.target()).isEqualTo(target);
        assertThat(entry.outcome()).isEqualTo("SUCCESS");
    }

    private String newJob(int instances) {
        String name = unique("job");
        post(dev, "/api/v1/jobs", spec(TEAM, name, instances)).expect(201);
        return name;
    }

    // jobs

    @Test
    void jobCreate() {
        String name = unique("create");
        Entry entry = onlyEntryOf(
                dev,
                "complete-dev",
                () -> post(dev, "/api/v1/jobs", spec(TEAM, name, 2)).expect(201));
        assertSuccess(entry, "job.create", TEAM, TEAM + "/prod/" + name);
        assertThat(entry.before("instances")).isNull();
        assertThat(entry.after("instances")).isEqualTo("2");
        assertThat(entry.after("kind")).isEqualTo("SERVICE");
    }

    @Test
    void jobScale() {
        String name = newJob(2);
        Entry entry = onlyEntryOf(
                dev,
                "complete-dev",
                () -> put(dev, "/api/v1/jobs/" + TEAM + "/prod/" + name + "/instances", Map.of("instances", 4))
                        .expect(200));
        assertSuccess(entry, "job.scale", TEAM, TEAM + "/prod/" + name);
        assertThat(entry.before("instances")).isEqualTo("2");
        assertThat(entry.after("instances")).isEqualTo("4");
    }

    @Test
    void jobRestart() {
        String name = newJob(2);
        Entry entry = onlyEntryOf(
                dev,
                "complete-dev",
                () -> post(dev, "/api/v1/jobs/" + TEAM + "/prod/" + name + "/restart", Map.of("batchSize", 2))
                        .expect(202));
        assertSuccess(entry, "job.restart", TEAM, TEAM + "/prod/" + name + " instances 0,1");
        assertThat(entry.message()).contains("2 at a time");
    }

    @Test
    void jobKill() {
        String name = newJob(1);
        Entry entry = onlyEntryOf(
                dev,
                "complete-dev",
                () -> delete(dev, "/api/v1/jobs/" + TEAM + "/prod/" + name + "?reason=retired")
                        .expect(202));
        assertSuccess(entry, "job.kill", TEAM, TEAM + "/prod/" + name);
        assertThat(entry.reason()).isEqualTo("retired");
        assertThat(entry.before("status")).isEqualTo("ACTIVE");
        assertThat(entry.after("status")).isEqualTo("KILLED");
    }

    @Test
    void jobKillInstances() {
        String name = newJob(3);
        Entry entry = onlyEntryOf(
                dev,
                "complete-dev",
                () -> post(
                                dev,
                                "/api/v1/jobs/" + TEAM + "/prod/" + name + "/kill",
                                Map.of("instances", List.of(0, 2), "reason", "stuck"))
                        .expect(202));
        assertSuccess(entry, "job.kill-instances", TEAM, TEAM + "/prod/" + name + " instances 0,2");
        assertThat(entry.reason()).isEqualTo("stuck");
    }

    @Test
    void jobRestartCancel() {
        String name = newJob(2);
        String path = "/api/v1/jobs/" + TEAM + "/prod/" + name + "/restart";
        post(dev, path, Map.of()).expect(202);
        Entry entry = onlyEntryOf(dev, "complete-dev", () -> delete(dev, path).expect(202));
        assertSuccess(entry, "job.restart-cancel", TEAM, TEAM + "/prod/" + name);
    }

    @Test
    void aRefusedScaleIsRecordedAsDeniedAndChangesNothing() {
        String name = newJob(2);
        String path = "/api/v1/jobs/" + TEAM + "/prod/" + name;
        Entry entry = onlyEntryOf(
                viewer,
                "complete-viewer",
                () -> put(viewer, path + "/instances", Map.of("instances", 5)).expect(403));
        assertThat(entry.action()).isEqualTo("job.scale");
        assertThat(entry.team()).isEqualTo(TEAM);
        assertThat(entry.target()).isEqualTo(TEAM + "/prod/" + name);
        assertThat(entry.outcome()).isEqualTo("DENIED");
        assertThat(entry.message()).isNotBlank();
        assertThat(entry.changes()).isNull();
        assertThat(get(dev, path).expect(200).get("instances").asInt()).isEqualTo(2);
    }

    @Test
    void aRefusedUserCreationIsRecordedAsDeniedAndChangesNothing() {
        String username = unique("never");
        Entry entry = onlyEntryOf(
                dev,
                "complete-dev",
                () -> post(dev, "/api/v1/users", newUser(username)).expect(403));
        assertThat(entry.action()).isEqualTo("user.create");
        assertThat(entry.target()).isEqualTo(username);
        assertThat(entry.outcome()).isEqualTo("DENIED");
        get(admin, "/api/v1/users/" + username).expect(404);
    }

    // teams

    @Test
    void teamCreate() {
        String slug = unique("tc");
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> post(admin, "/api/v1/teams", Map.of("slug", slug, "displayName", "Team C"))
                        .expect(201));
        assertSuccess(entry, "team.create", slug, slug);
        assertThat(entry.before("displayName")).isNull();
        assertThat(entry.after("displayName")).isEqualTo("Team C");
    }

    @Test
    void teamRename() {
        String slug = newTeam();
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> patch(admin, "/api/v1/teams/" + slug, Map.of("displayName", "Renamed"))
                        .expect(200));
        assertSuccess(entry, "team.rename", slug, slug);
        assertThat(entry.before("displayName")).isEqualTo("Team " + slug);
        assertThat(entry.after("displayName")).isEqualTo("Renamed");
    }

    @Test
    void teamArchive() {
        String slug = newTeam();
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> patch(admin, "/api/v1/teams/" + slug, Map.of("archived", true))
                        .expect(200));
        assertSuccess(entry, "team.archive", slug, slug);
        assertThat(entry.before("archived")).isEqualTo("false");
        assertThat(entry.after("archived")).isEqualTo("true");
    }

    @Test
    void teamUnarchive() {
        String slug = newTeam();
        patch(admin, "/api/v1/teams/" + slug, Map.of("archived", true)).expect(200);
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> patch(admin, "/api/v1/teams/" + slug, Map.of("archived", false))
                        .expect(200));
        assertSuccess(entry, "team.unarchive", slug, slug);
        assertThat(entry.before("archived")).isEqualTo("true");
        assertThat(entry.after("archived")).isEqualTo("false");
    }

    @Test
    void memberPut() {
        String slug = newTeam();
        ensureUser("complete-member", PlatformRole.USER);
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> put(admin, "/api/v1/teams/" + slug + "/members/complete-member", Map.of("level", "DEVELOPER"))
                        .expect(200));
        assertSuccess(entry, "member.put", slug, slug + " complete-member");
        assertThat(entry.before("level")).isNull();
        assertThat(entry.after("level")).isEqualTo("DEVELOPER");
    }

    @Test
    void memberRemove() {
        String slug = newTeam();
        ensureTeam(slug, Map.of("complete-member", TeamLevel.VIEWER));
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> delete(admin, "/api/v1/teams/" + slug + "/members/complete-member")
                        .expect(204));
        assertSuccess(entry, "member.remove", slug, slug + " complete-member");
        assertThat(entry.before("level")).isEqualTo("VIEWER");
        assertThat(entry.after("level")).isNull();
    }

    @Test
    void quotaSet() {
        String slug = newTeam();
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> put(admin, "/api/v1/teams/" + slug + "/quota", Map.of("cpus", 8, "ramMb", 4096, "diskMb", 1024))
                        .expect(200));
        assertSuccess(entry, "quota.set", slug, slug);
        assertThat(entry.before("cpus")).isEqualTo("1000.0");
        assertThat(entry.after("cpus")).isEqualTo("8.0");
        assertThat(entry.after("ramMb")).isEqualTo("4096");
    }

    private String newTeam() {
        String slug = unique("team");
        ensureTeam(slug, Map.of());
        return slug;
    }

    // users

    private static Map<String, Object> newUser(String username) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("displayName", "New " + username);
        body.put("password", "a long test passphrase");
        body.put("platformRole", "USER");
        return body;
    }

    @Test
    void userCreate() {
        String username = unique("newbie");
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> post(admin, "/api/v1/users", newUser(username)).expect(201));
        assertSuccess(entry, "user.create", null, username);
        assertThat(entry.before("platformRole")).isNull();
        assertThat(entry.after("platformRole")).isEqualTo("USER");
        assertThat(entry.after("displayName")).isEqualTo("New " + username);
        assertThat(entry.changes().toString()).doesNotContain("passphrase");
    }

    @Test
    void userDisable() {
        String username = unique("off");
        ensureUser(username, PlatformRole.USER);
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> patch(admin, "/api/v1/users/" + username, Map.of("enabled", false))
                        .expect(200));
        assertSuccess(entry, "user.disable", null, username);
        assertThat(entry.before("enabled")).isEqualTo("true");
        assertThat(entry.after("enabled")).isEqualTo("false");
    }

    @Test
    void userEnable() {
        String username = unique("on");
        ensureUser(username, PlatformRole.USER);
        patch(admin, "/api/v1/users/" + username, Map.of("enabled", false)).expect(200);
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> patch(admin, "/api/v1/users/" + username, Map.of("enabled", true))
                        .expect(200));
        assertSuccess(entry, "user.enable", null, username);
        assertThat(entry.before("enabled")).isEqualTo("false");
        assertThat(entry.after("enabled")).isEqualTo("true");
    }

    @Test
    void userPasswordReset() {
        String username = unique("forgot");
        ensureUser(username, PlatformRole.USER);
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> post(
                                admin,
                                "/api/v1/users/" + username + "/password",
                                Map.of("password", "another long phrase 7"))
                        .expect(204));
        assertSuccess(entry, "user.reset-password", null, username);
        assertThat(entry.message()).isEqualTo("Password reset");
        assertThat(entry.changes()).isNull(); // the password is never recorded
    }

    @Test
    void userRoleChange() {
        String username = unique("promoted");
        ensureUser(username, PlatformRole.USER);
        Entry entry = onlyEntryOf(
                admin,
                "api-admin",
                () -> patch(admin, "/api/v1/users/" + username, Map.of("platformRole", "ADMIN"))
                        .expect(200));
        assertSuccess(entry, "user.role", null, username);
        assertThat(entry.before("platformRole")).isEqualTo("USER");
        assertThat(entry.after("platformRole")).isEqualTo("ADMIN");
    }

    // tokens

    @Test
    void tokenCreateAndRevoke() {
        String name = unique("ci");
        String[] id = new String[1];
        Entry created = onlyEntryOf(dev, "complete-dev", () -> {
            JsonNode token = post(dev, "/api/v1/tokens", Map.of("name", name)).expect(201);
            id[0] = token.get("details").get("id").asString();
        });
        assertSuccess(created, "token.create", null, id[0] + " (" + name + ")");
        assertThat(created.before("expires")).isNull();
        assertThat(created.after("expires")).isNotBlank();

        Entry revoked = onlyEntryOf(
                dev,
                "complete-dev",
                () -> delete(dev, "/api/v1/tokens/" + id[0]).expect(204));
        assertSuccess(revoked, "token.revoke", null, id[0] + " (" + name + ") of complete-dev");
    }

    // rollouts

    private long startRollout(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put(
                "task",
                Map.of(
                        "processes", List.of(Map.of("name", "main", "command", "sleep 700")),
                        "resources", Map.of("cpus", 0.1, "ramMb", 32, "diskMb", 10)));
        body.put("settings", Map.of("batchSizes", List.of(1)));
        body.put("message", "new sleep");
        return post(dev, "/api/v1/jobs/" + TEAM + "/prod/" + name + "/rollouts", body)
                .expect(201)
                .get("rollout")
                .get("id")
                .asLong();
    }

    @Test
    void rolloutStart() {
        String name = newJob(2);
        long[] id = new long[1];
        Entry entry = onlyEntryOf(dev, "complete-dev", () -> id[0] = startRollout(name));
        assertSuccess(entry, "rollout.start", TEAM, "rollout " + id[0] + " of " + TEAM + "/prod/" + name);
        assertThat(entry.reason()).isEqualTo("new sleep");
        assertThat(entry.message()).contains("batches of 1");
        assertThat(entry.before("task.processes[0].command")).isEqualTo("sleep 600");
        assertThat(entry.after("task.processes[0].command")).isEqualTo("sleep 700");
    }

    @Test
    void rolloutPauseResumeAndRollback() {
        String name = newJob(3);
        long id = startRollout(name);
        String target = "rollout " + id + " of " + TEAM + "/prod/" + name;
        String controls = "/api/v1/rollouts/" + id;

        Entry paused = onlyEntryOf(
                lead,
                "complete-lead",
                () -> post(lead, controls + "/pause", Map.of("message", "look at the canary"))
                        .expect(200));
        assertSuccess(paused, "rollout.pause", TEAM, target);
        assertThat(paused.reason()).isEqualTo("look at the canary");
        assertThat(paused.before("status")).isEqualTo("ROLLING_FORWARD");
        assertThat(paused.after("status")).isEqualTo("ROLL_FORWARD_PAUSED");

        Entry resumed = onlyEntryOf(
                lead,
                "complete-lead",
                () -> post(lead, controls + "/resume", Map.of()).expect(200));
        assertSuccess(resumed, "rollout.resume", TEAM, target);
        assertThat(resumed.after("status")).isEqualTo("ROLLING_FORWARD");

        Entry rolledBack = onlyEntryOf(
                lead,
                "complete-lead",
                () -> post(lead, controls + "/rollback", Map.of()).expect(200));
        assertSuccess(rolledBack, "rollout.rollback", TEAM, target);
        assertThat(rolledBack.after("status")).isEqualTo("ROLLING_BACK");
    }

    @Test
    void rolloutAbortAndARefusedControl() {
        String name = newJob(2);
        long id = startRollout(name);
        String target = "rollout " + id + " of " + TEAM + "/prod/" + name;

        Entry refused = onlyEntryOf(
                dev,
                "complete-dev",
                () -> post(dev, "/api/v1/rollouts/" + id + "/abort", Map.of()).expect(403));
        assertThat(refused.action()).isEqualTo("rollout.abort");
        assertThat(refused.outcome()).isEqualTo("DENIED");
        assertThat(refused.target()).isEqualTo(target);
        assertThat(get(dev, "/api/v1/rollouts/" + id)
                        .expect(200)
                        .get("rollout")
                        .get("status")
                        .asString())
                .isEqualTo("ROLLING_FORWARD");

        Entry aborted = onlyEntryOf(
                lead,
                "complete-lead",
                () -> post(lead, "/api/v1/rollouts/" + id + "/abort", Map.of()).expect(200));
        assertSuccess(aborted, "rollout.abort", TEAM, target);
        assertThat(aborted.after("status")).isEqualTo("ABORTED");
    }
}
