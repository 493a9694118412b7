package io.borealis.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.user.PlatformRole;
import io.borealis.job.Resources;
import io.borealis.quota.Quota;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The rollout endpoints over HTTP. The scheduling loop is off: a rollout's first batch starts in
 * the start's own transaction (old pending tasks killed, new ones created), and every control is a
 * state change in the database, so the whole contract can be checked without running processes.
 */
class RolloutsApiIT extends ApiTest {

    private static final String TEAM = "rollouts-api";

    private String lead;
    private String dev;
    private String viewer;

    @BeforeEach
    void team() {
        ensureTeam(
                TEAM,
                Map.of(
                        "ro-lead", TeamLevel.LEAD,
                        "ro-dev", TeamLevel.DEVELOPER,
                        "ro-viewer", TeamLevel.VIEWER));
        lead = tokenOf("ro-lead", PlatformRole.USER);
        dev = tokenOf("ro-dev", PlatformRole.USER);
        viewer = tokenOf("ro-viewer", PlatformRole.USER);
    }

    @Test
    void startIs201WithTheRolloutItsEventsAndLocation() {
        String name = job(4);

        Reply reply = post(dev, rollouts(name), start("sleep 700", Map.of("batchSizes", List.of(2)), "new sleep"));

        JsonNode details = reply.expect(201);
        long id = details.get("rollout").get("id").asLong();
        assertThat(reply.header("Location")).endsWith("/api/v1/rollouts/" + id);
        assertThat(details.get("rollout").get("status").asString()).isEqualTo("ROLLING_FORWARD");
        assertThat(details.get("rollout").get("startedBy").asString()).isEqualTo("ro-dev");
        assertThat(details.get("rollout").get("message").asString()).isEqualTo("new sleep");
        assertThat(details.get("rollout")
                        .get("settings")
                        .get("batchSizes")
                        .get(0)
                        .asInt())
                .isEqualTo(2);
        assertThat(details.get("batches")).hasSize(2);
        assertThat(details.get("batches").get(0).valueStream().map(JsonNode::asInt))
                .containsExactly(0, 1);
        assertThat(details.get("instances")).hasSize(4);
        assertThat(details.get("toConfig")
                        .get("processes")
                        .get(0)
                        .get("command")
                        .asString())
                .isEqualTo("sleep 700");
        assertThat(details.get("fromConfigs")
                        .valueStream()
                        .map(c -> c.get("processes").get(0).get("command").asString()))
                .containsExactly("sleep 600");
        assertThat(details.get("events").get(0).get("status").asString()).isEqualTo("ROLLING_FORWARD");
        assertThat(details.get("events").get(0).get("actor").asString()).isEqualTo("ro-dev");
        assertThat(details.get("instanceEvents")
                        .valueStream()
                        .map(e -> e.get("instanceId").asInt())
                        .distinct())
                .as("the first batch started at once")
                .containsExactlyInAnyOrder(0, 1);

        JsonNode read = get(viewer, "/api/v1/rollouts/" + id).expect(200);
        assertThat(read.get("rollout").get("id").asLong()).isEqualTo(id);
        assertThat(read.get("events")).hasSize(1);

        JsonNode list = get(viewer, rollouts(name)).expect(200);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(list.get(0).get("progress").get("total").asInt()).isEqualTo(4);
    }

    @Test
    void aWholeSpecMayBeRolledOutAndItsKeyMustBeTheJobs() {
        String name = job(2);
        Map<String, Object> spec = new HashMap<>(spec(TEAM, name, 3));
        spec.put(
                "task",
                Map.of(
                        "processes", List.of(Map.of("name", "main", "command", "sleep 800")),
                        "resources", Map.of("cpus", 0.1, "ramMb", 32, "diskMb", 10)));

        post(dev, rollouts(name), Map.of("spec", new HashMap<>(spec(TEAM, "other", 2))))
                .expectFields("spec.key");

        JsonNode details = post(dev, rollouts(name), Map.of("spec", spec)).expect(201);
        assertThat(details.get("rollout").get("newInstanceCount").asInt()).isEqualTo(3);
        assertThat(details.get("rollout").get("oldInstanceCount").asInt()).isEqualTo(2);
    }

    @Test
    void thePlanShowsBatchesChangesAndQuotaAndChangesNothing() {
        String name = job(5);

        JsonNode plan = post(
                        dev,
                        rollouts(name) + "/plan",
                        start("sleep 900", Map.of("strategy", "VARIABLE", "batchSizes", List.of(1, 2)), null))
                .expect(200);

        assertThat(plan.get("unchanged").asBoolean()).isFalse();
        assertThat(plan.get("change").valueStream().map(JsonNode::asInt)).containsExactly(0, 1, 2, 3, 4);
        assertThat(plan.get("batches").valueStream().map(b -> b.size())).containsExactly(1, 2, 2);
        assertThat(plan.get("changes").valueStream().map(c -> c.get("field").asString()))
                .contains("task.processes[0].command");
        assertThat(plan.get("quotaShortfalls")).isEmpty();
        assertThat(get(dev, rollouts(name)).expect(200)).isEmpty();

        JsonNode same = post(dev, rollouts(name) + "/plan", start("sleep 600", Map.of(), null))
                .expect(200);
        assertThat(same.get("unchanged").asBoolean()).isTrue();
    }

    @Test
    void badSettingsAre400WithEachFieldAndChangeNothing() {
        String name = job(2);

        post(dev, rollouts(name), start("sleep 700", Map.of("batchSizes", List.of(0), "minWaitSeconds", -1), null))
                .expectFields("settings.batchSizes[0]", "settings.minWaitSeconds");
        post(dev, rollouts(name), start("sleep 700", Map.of("pauseAfterBatches", List.of(2)), null))
                .expectFields("settings.pauseAfterBatches");
        post(dev, rollouts(name), start("sleep 700", Map.of("strategy", "FAST"), null))
                .expectFields("settings.strategy");
        post(dev, rollouts(name), start("sleep 700", Map.of("batchSize", 2), null))
                .expectFields("settings.batchSize");
        post(dev, rollouts(name), Map.of("settings", Map.of())).expectFields("task");
        post(dev, rollouts(name), start("sleep 600", Map.of(), null)).expectFields("task");

        assertThat(get(dev, rollouts(name)).expect(200)).isEmpty();
    }

    @Test
    void aSecondRolloutIs409AndAQuotaShortfallIs409WithTheShortfall() {
        String name = job(2);
        post(dev, rollouts(name), start("sleep 700", Map.of(), null)).expect(201);

        JsonNode busy =
                post(dev, rollouts(name), start("sleep 701", Map.of(), null)).expect(409);
        assertThat(busy.get("code").asString()).isEqualTo("conflict");
        assertThat(busy.get("message").asString()).contains("already has an active rollout");

        String small = unique("ro-small");
        ensureTeam(small, Map.of("ro-dev", TeamLevel.DEVELOPER));
        post(dev, "/api/v1/jobs", spec(small, "web", 2)).expect(201);
        asAdmin(() -> quotas.setQuota(small, new Quota(new Resources(0.3, 1024, 1024), null), true));
        Map<String, Object> bigger = Map.of(
                "task",
                Map.of(
                        "processes", List.of(Map.of("name", "main", "command", "sleep 600")),
                        "resources", Map.of("cpus", 0.5, "ramMb", 32, "diskMb", 10)));

        JsonNode quota = post(dev, "/api/v1/jobs/" + small + "/prod/web/rollouts", bigger)
                .expect(409);

        assertThat(quota.get("code").asString()).isEqualTo("quota_exceeded");
        assertThat(quota.get("shortfalls").get(0).get("resource").asString()).isEqualTo("cpus");
        assertThat(quota.get("shortfalls").get(0).get("missing").asString()).isNotBlank();
        assertThat(get(dev, "/api/v1/jobs/" + small + "/prod/web/rollouts").expect(200))
                .isEmpty();
    }

    @Test
    void leadsSteerARolloutThroughEveryControl() {
        String name = job(4);
        long id = post(dev, rollouts(name), start("sleep 700", Map.of("batchSizes", List.of(1)), null))
                .expect(201)
                .get("rollout")
                .get("id")
                .asLong();
        String path = "/api/v1/rollouts/" + id;

        assertThat(status(
                        post(lead, path + "/pause", Map.of("message", "lunch")).expect(200)))
                .isEqualTo("ROLL_FORWARD_PAUSED");
        JsonNode conflict = post(lead, path + "/pause", Map.of()).expect(409);
        assertThat(conflict.get("message").asString()).contains("ROLL_FORWARD_PAUSED");
        assertThat(status(send(lead, "POST", path + "/resume", null, null).expect(200)))
                .as("the message body is optional")
                .isEqualTo("ROLLING_FORWARD");
        assertThat(status(post(lead, path + "/rollback", Map.of("message", "looks wrong"))
                        .expect(200)))
                .isEqualTo("ROLLING_BACK");
        JsonNode aborted = post(lead, path + "/abort", Map.of()).expect(200);
        assertThat(status(aborted)).isEqualTo("ABORTED");
        assertThat(aborted.get("events").valueStream().map(e -> e.get("status").asString()))
                .containsExactly(
                        "ROLLING_FORWARD", "ROLL_FORWARD_PAUSED", "ROLLING_FORWARD", "ROLLING_BACK", "ABORTED");
        assertThat(aborted.get("events").get(1).get("message").asString()).isEqualTo("lunch");
        assertThat(aborted.get("events").get(1).get("actor").asString()).isEqualTo("ro-lead");
        assertThat(aborted.get("rollout").get("finishedAt").isNull()).isFalse();

        post(lead, path + "/resume", Map.of()).expect(409);
        post(lead, path + "/pause", Map.of("mesage", "typo")).expectFields("mesage");
    }

    @Test
    void refusalsAre401403And404AndChangeNothing() {
        String name = job(2);
        long id = post(dev, rollouts(name), start("sleep 700", Map.of(), null))
                .expect(201)
                .get("rollout")
                .get("id")
                .asLong();
        String path = "/api/v1/rollouts/" + id;

        assertThat(post(null, path + "/pause", Map.of()).expect(401).get("code").asString())
                .isEqualTo("unauthorized");
        get(null, "/api/v1/rollouts").expect(401);

        JsonNode denied = post(dev, path + "/pause", Map.of()).expect(403);
        assertThat(denied.get("message").asString()).contains("LEAD");
        JsonNode viewerStart = post(viewer, rollouts(job(1)), start("sleep 700", Map.of(), null))
                .expect(403);
        assertThat(viewerStart.get("message").asString()).contains("DEVELOPER");
        post(viewer, rollouts(name) + "/plan", start("sleep 701", Map.of(), null))
                .expect(403);
        assertThat(status(get(viewer, path).expect(200))).isEqualTo("ROLLING_FORWARD");

        String outsider = tokenOf(unique("ro-outsider"), PlatformRole.USER);
        get(outsider, path).expect(403);
        get(outsider, rollouts(name)).expect(403);

        assertThat(get(dev, "/api/v1/rollouts/999999").expect(404).get("code").asString())
                .isEqualTo("not_found");
        post(lead, "/api/v1/rollouts/999999/abort", Map.of()).expect(404);
        get(dev, rollouts("no-such-job")).expect(404);
        post(dev, rollouts("no-such-job"), start("sleep 700", Map.of(), null)).expect(404);
        get(dev, "/api/v1/rollouts/abc").expectFields("id");
    }

    @Test
    void theHistoryFiltersAcrossJobsAndRefusesBadFilters() {
        String team = unique("ro-history");
        ensureTeam(team, Map.of("ro-dev", TeamLevel.DEVELOPER, "ro-lead", TeamLevel.LEAD));
        post(dev, "/api/v1/jobs", spec(team, "a", 2)).expect(201);
        post(dev, "/api/v1/jobs", spec(team, "b", 2)).expect(201);
        long first = post(dev, "/api/v1/jobs/" + team + "/prod/a/rollouts", start("sleep 700", Map.of(), null))
                .expect(201)
                .get("rollout")
                .get("id")
                .asLong();
        long second = post(lead, "/api/v1/jobs/" + team + "/prod/b/rollouts", start("sleep 700", Map.of(), null))
                .expect(201)
                .get("rollout")
                .get("id")
                .asLong();
        post(lead, "/api/v1/rollouts/" + first + "/abort", Map.of()).expect(200);

        assertThat(ids(get(dev, "/api/v1/rollouts?team=" + team))).containsExactly(second, first);
        assertThat(ids(get(dev, "/api/v1/rollouts?job=" + team + "/prod/a"))).containsExactly(first);
        assertThat(ids(get(dev, "/api/v1/rollouts?team=" + team + "&user=ro-lead")))
                .containsExactly(second);
        assertThat(ids(get(dev, "/api/v1/rollouts?team=" + team + "&status=ABORTED")))
                .containsExactly(first);
        assertThat(ids(get(dev, "/api/v1/rollouts?team=" + team + "&status=aborted,rolling_forward")))
                .containsExactly(second, first);
        assertThat(ids(get(dev, "/api/v1/rollouts?team=" + team + "&from=2000-01-01&to=2999-01-01T00:00:00Z")))
                .containsExactly(second, first);
        assertThat(ids(get(dev, "/api/v1/rollouts?team=" + team + "&to=2000-01-01")))
                .isEmpty();
        assertThat(ids(get(dev, "/api/v1/rollouts?team=" + team + "&size=1&page=1")))
                .containsExactly(first);

        get(dev, "/api/v1/rollouts?status=DONE").expectFields("status");
        get(dev, "/api/v1/rollouts?job=" + team + "/a").expectFields("job");
        get(dev, "/api/v1/rollouts?from=yesterday&to=2026-13-01").expectFields("from", "to");
        get(dev, "/api/v1/rollouts?from=2026-02-01&to=2026-01-01").expectFields("to");
        get(dev, "/api/v1/rollouts?size=0").expectFields("size");
        get(viewer, "/api/v1/rollouts?team=" + team).expect(403);
    }

    @Test
    void theEndpointsAreDocumented() {
        JsonNode paths = get(null, "/api/v1/openapi.json").expect(200).get("paths");

        assertThat(paths.has("/api/v1/jobs/{team}/{environment}/{name}/rollouts"))
                .isTrue();
        assertThat(paths.has("/api/v1/jobs/{team}/{environment}/{name}/rollouts/plan"))
                .isTrue();
        assertThat(paths.has("/api/v1/rollouts")).isTrue();
        assertThat(paths.has("/api/v1/rollouts/{id}")).isTrue();
        for (String control : List.of("pause", "resume", "abort", "rollback")) {
            assertThat(paths.has("/api/v1/rollouts/{id}/" + control))
                    .as(control)
                    .isTrue();
        }
    }

    private String job(int instances) {
        String name = unique("ro");
        post(dev, "/api/v1/jobs", spec(TEAM, name, instances)).expect(201);
        return name;
    }

    private static String rollouts(String name) {
        return "/api/v1/jobs/" + TEAM + "/prod/" + name + "/rollouts";
    }

    private static Map<String, Object> start(String command, Map<String, Object> settings, String message) {
        Map<String, Object> body = new HashMap<>();
        body.put(
                "task",
                Map.of(
                        "processes", List.of(Map.of("name", "main", "command", command)),
                        "resources", Map.of("cpus", 0.1, "ramMb", 32, "diskMb", 10)));
        body.put("settings", settings);
        if (message != null) {
            body.put("message", message);
        }
        return body;
    }

    private static String status(JsonNode details) {
        return details.get("rollout").get("status").asString();
    }

    private static List<Long> ids(Reply reply) {
        return reply.expect(200)
                .get("items")
                .valueStream()
                .map(i -> i.get("id").asLong())
                .toList();
    }
}
