package io.borealis.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.user.PlatformRole;
import io.borealis.job.Resources;
import io.borealis.quota.Quota;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The jobs and tasks endpoints over HTTP: every answer, good and bad. */
class JobsApiIT extends ApiTest {

    private static final String TEAM = "jobs-api";

    private String dev;
    private String viewer;

    @BeforeEach
    void team() {
        ensureTeam(TEAM, Map.of("jobs-dev", TeamLevel.DEVELOPER, "jobs-viewer", TeamLevel.VIEWER));
        dev = tokenOf("jobs-dev", PlatformRole.USER);
        viewer = tokenOf("jobs-viewer", PlatformRole.USER);
    }

    @Test
    void createIs201WithTheJobAndItsLocation() {
        String name = unique("web");

        Reply reply = post(dev, "/api/v1/jobs", spec(TEAM, name, 2));

        JsonNode job = reply.expect(201);
        assertThat(reply.header("Location")).endsWith("/api/v1/jobs/" + TEAM + "/prod/" + name);
        assertThat(job.get("key").get("name").asString()).isEqualTo(name);
        assertThat(job.get("kind").asString()).isEqualTo("SERVICE");
        assertThat(job.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(job.get("instances").asInt()).isEqualTo(2);
        assertThat(job.get("spec").get("task").get("resources").get("cpus").asDouble())
                .isEqualTo(0.1);
        assertThat(job.get("instanceDetails")).hasSize(2);
        JsonNode task = job.get("instanceDetails").get(0).get("task");
        assertThat(task.get("state").asString()).isEqualTo("PENDING");
        assertThat(task.get("taskId").asString()).startsWith(TEAM + "-prod-" + name + "-0-");
        assertThat(task.has("pendingReason")).isTrue();

        JsonNode read = get(viewer, "/api/v1/jobs/" + TEAM + "/prod/" + name).expect(200);
        assertThat(read.get("key")).isEqualTo(job.get("key"));
        assertThat(read.get("spec")).isEqualTo(job.get("spec"));
    }

    @Test
    void aSpecMayBeSentAsYaml() {
        String name = unique("yaml");
        String yaml = """
                key: {team: %s, environment: prod, name: %s}
                kind: ADHOC
                instances: 1
                task:
                  processes:
                    - {name: main, command: "echo hello"}
                  resources: {cpus: 0.1, ramMb: 32, diskMb: 10}
                """.formatted(TEAM, name);

        JsonNode job =
                send(dev, "POST", "/api/v1/jobs", "application/yaml", yaml).expect(201);

        assertThat(job.get("kind").asString()).isEqualTo("ADHOC");
        assertThat(job.get("spec")
                        .get("task")
                        .get("processes")
                        .get(0)
                        .get("command")
                        .asString())
                .isEqualTo("echo hello");
    }

    @Test
    void badSpecsAre400WithTheFieldsAtFault() {
        String name = unique("bad");

        JsonNode malformed = send(dev, "POST", "/api/v1/jobs", "application/json", "{\"key\": ")
                .expectFields("spec");
        assertThat(malformed.get("message").asString()).contains("is not valid JSON");

        Map<String, Object> unknownField = Map.of(
                "key", Map.of("team", TEAM, "environment", "prod", "name", name), "kind", "SERVICE", "replicas", 2);
        assertThat(post(dev, "/api/v1/jobs", unknownField)
                        .expectFields("replicas")
                        .get("fieldErrors")
                        .get(0)
                        .get("message")
                        .asString())
                .startsWith("is not a known field");

        String wrongType = json(spec(TEAM, name, 1)).replace("0.1", "\"lots\"");
        assertThat(post(dev, "/api/v1/jobs", wrongType)
                        .expectFields("task.resources.cpus")
                        .get("fieldErrors")
                        .get(0)
                        .get("message")
                        .asString())
                .startsWith("must be a number");

        String invalid = json(spec(TEAM, name, 0)).replace("0.1", "0");
        post(dev, "/api/v1/jobs", invalid).expectFields("instances", "task.resources.cpus");

        assertThat(send(dev, "POST", "/api/v1/jobs", "application/json", "")
                        .expect(400)
                        .get("code")
                        .asString())
                .isEqualTo("malformed_request");
        get(viewer, "/api/v1/jobs/" + TEAM + "/prod/" + name).expect(404);
    }

    @Test
    void aSpecInAnotherFormatIs415() {
        Reply reply = send(dev, "POST", "/api/v1/jobs", "text/plain", "key: x");

        assertThat(reply.expect(415).get("code").asString()).isEqualTo("unsupported_media_type");
        assertThat(reply.header("Accept")).contains("application/json").contains("application/yaml");
    }

    @Test
    void aKeyInUseIs409() {
        String name = unique("twice");
        post(dev, "/api/v1/jobs", spec(TEAM, name, 1)).expect(201);

        JsonNode error = post(dev, "/api/v1/jobs", spec(TEAM, name, 1)).expect(409);

        assertThat(error.get("code").asString()).isEqualTo("conflict");
        assertThat(error.get("message").asString()).contains("already exists");
    }

    @Test
    void aQuotaShortfallIs409WithEachShortResource() {
        String small = unique("small");
        ensureTeam(small, Map.of("jobs-dev", TeamLevel.DEVELOPER));
        asAdmin(() -> quotas.setQuota(small, new Quota(new Resources(0.2, 1024, 1024), null), true));

        JsonNode error = post(dev, "/api/v1/jobs", spec(small, "big", 3)).expect(409);

        assertThat(error.get("code").asString()).isEqualTo("quota_exceeded");
        assertThat(error.get("shortfalls")).hasSize(1);
        JsonNode cpus = error.get("shortfalls").get(0);
        assertThat(cpus.get("resource").asString()).isEqualTo("cpus");
        assertThat(cpus.get("requested").asString()).isEqualTo("0.3 cpus");
        assertThat(cpus.get("available").asString()).isEqualTo("0.2 cpus");
        assertThat(cpus.get("missing").asString()).isEqualTo("0.1 cpus");
        get(dev, "/api/v1/jobs/" + small + "/prod/big").expect(404);
    }

    @Test
    void theListFiltersAndPages() {
        String team = unique("listing");
        ensureTeam(team, Map.of("jobs-dev", TeamLevel.DEVELOPER));
        for (String name : List.of("list-b", "list-a", "other")) {
            post(dev, "/api/v1/jobs", spec(team, name, 1)).expect(201);
        }

        JsonNode page = get(dev, "/api/v1/jobs?team=" + team + "&name=LIST").expect(200);
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("items")
                        .valueStream()
                        .map(i -> i.get("key").get("name").asString()))
                .containsExactly("list-a", "list-b");
        JsonNode item = page.get("items").get(0);
        assertThat(item.get("instances").asInt()).isEqualTo(1);
        assertThat(item.get("pending").asInt()).isEqualTo(1);
        assertThat(item.get("running").asInt()).isZero();
        assertThat(item.get("tasks").get("PENDING").asInt()).isEqualTo(1);
        assertThat(item.get("tier").asString()).isEqualTo("PREFERRED");

        JsonNode second =
                get(dev, "/api/v1/jobs?team=" + team + "&size=1&page=1").expect(200);
        assertThat(second.get("total").asInt()).isEqualTo(3);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("key").get("name").asString()).isEqualTo("list-b");

        assertThat(get(dev, "/api/v1/jobs?team=" + team + "&state=pending")
                        .expect(200)
                        .get("total")
                        .asInt())
                .isEqualTo(3);
        assertThat(get(dev, "/api/v1/jobs?team=" + team + "&state=RUNNING")
                        .expect(200)
                        .get("total")
                        .asInt())
                .isZero();
        assertThat(get(dev, "/api/v1/jobs?team=" + team + "&environment=staging")
                        .expect(200)
                        .get("total")
                        .asInt())
                .isZero();
    }

    @Test
    void badListParametersAre400() {
        get(dev, "/api/v1/jobs?page=-1&size=0").expectFields("page", "size");
        get(dev, "/api/v1/jobs?size=501").expectFields("size");
        assertThat(get(dev, "/api/v1/jobs?size=ten")
                        .expectFields("size")
                        .get("fieldErrors")
                        .get(0)
                        .get("message")
                        .asString())
                .isEqualTo("must be a whole number");
        get(dev, "/api/v1/jobs?state=SLEEPING").expectFields("state");
    }

    @Test
    void aPlanChangesNothing() {
        String name = unique("planned");

        JsonNode plan = post(dev, "/api/v1/jobs/plan", spec(TEAM, name, 2)).expect(200);

        assertThat(plan.get("existingJob").asBoolean()).isFalse();
        assertThat(plan.get("instancesBefore").asInt()).isZero();
        assertThat(plan.get("instancesAfter").asInt()).isEqualTo(2);
        assertThat(plan.get("placements")).hasSize(2);
        assertThat(plan.get("placements").get(0).get("agentId").asString()).startsWith("local-");
        assertThat(plan.get("quotaShortfalls")).isEmpty();
        assertThat(plan.get("changes")).isNotEmpty();
        get(dev, "/api/v1/jobs/" + TEAM + "/prod/" + name).expect(404);

        post(dev, "/api/v1/jobs/plan", "{\"kind\": \"SERVICE\"}").expectFields("key", "instances", "task");
    }

    @Test
    void unknownJobsAre404AndBadKeys400() {
        JsonNode error = get(dev, "/api/v1/jobs/" + TEAM + "/prod/no-such-job").expect(404);
        assertThat(error.get("code").asString()).isEqualTo("not_found");
        assertThat(error.get("message").asString()).isEqualTo("There is no job " + TEAM + "/prod/no-such-job.");

        get(dev, "/api/v1/jobs/Not_A_Team/prod/x").expectFields("team");
        put(dev, "/api/v1/jobs/" + TEAM + "/prod/no-such-job/instances", Map.of("instances", 2))
                .expect(404);
        delete(dev, "/api/v1/jobs/" + TEAM + "/prod/no-such-job").expect(404);
    }

    @Test
    void scalingChangesTheInstanceCount() {
        String path = created(2);

        JsonNode scaled = put(dev, path + "/instances", Map.of("instances", 3)).expect(200);
        assertThat(scaled.get("instances").asInt()).isEqualTo(3);
        assertThat(scaled.get("instanceDetails")).hasSize(3);

        assertThat(put(dev, path + "/instances", Map.of("instances", 1))
                        .expect(200)
                        .get("instances")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void badScalesAre400AndChangeNothing() {
        String path = created(2);

        put(dev, path + "/instances", Map.of()).expectFields("instances");
        put(dev, path + "/instances", Map.of("instances", 0)).expectFields("instances");
        assertThat(put(dev, path + "/instances", Map.of("instances", "many"))
                        .expectFields("instances")
                        .get("fieldErrors")
                        .get(0)
                        .get("message")
                        .asString())
                .isEqualTo("must be a whole number");
        assertThat(put(dev, path + "/instances", Map.of("instance", 3))
                        .expectFields("instance")
                        .get("fieldErrors")
                        .get(0)
                        .get("message")
                        .asString())
                .isEqualTo("is not a known field; known fields: instances");
        assertThat(send(dev, "PUT", path + "/instances", "application/json", "{\"instances\": 3")
                        .expect(400)
                        .get("code")
                        .asString())
                .isEqualTo("malformed_request");
        assertThat(send(dev, "PUT", path + "/instances", "application/json", "")
                        .expect(400)
                        .get("code")
                        .asString())
                .isEqualTo("malformed_request");
        send(dev, "PUT", path + "/instances", "application/xml", "<instances>3</instances>")
                .expect(415);

        assertThat(get(dev, path).expect(200).get("instances").asInt()).isEqualTo(2);
    }

    @Test
    void killingInstancesIs202AndBadInstancesAre400() {
        String path = created(2);

        JsonNode job = post(dev, path + "/kill", Map.of("instances", List.of(1), "reason", "stuck"))
                .expect(202);

        assertThat(job.get("instances").asInt()).isEqualTo(2);
        post(dev, path + "/kill", Map.of("instances", List.of(7))).expectFields("instances");
        post(dev, path + "/kill", Map.of("reason", "none named")).expectFields("instances");
        post(dev, path + "/kill", Map.of("instances", "all")).expectFields("instances");
    }

    @Test
    void aRollingRestartIs202AndASecondOneWhileItRunsIs409() {
        String path = created(2);

        JsonNode job = post(dev, path + "/restart", Map.of("batchSize", 1)).expect(202);
        assertThat(job.get("restart").get("batchSize").asInt()).isEqualTo(1);

        assertThat(post(dev, path + "/restart", Map.of())
                        .expect(409)
                        .get("message")
                        .asString())
                .contains("already in progress");
        assertThat(delete(dev, path + "/restart").expect(202).get("restart").isNull())
                .isTrue();
        post(dev, path + "/restart", Map.of("instances", List.of(0), "batchSize", 0))
                .expectFields("batchSize");
    }

    @Test
    void killingAJobIs202AndAgain409() {
        String path = created(1);

        JsonNode killed = delete(dev, path + "?reason=done").expect(202);

        assertThat(killed.get("status").asString()).isEqualTo("KILLED");
        assertThat(killed.get("instanceDetails").get(0).get("task").get("state").asString())
                .isEqualTo("KILLED");
        assertThat(delete(dev, path).expect(409).get("message").asString()).contains("was killed");
        put(dev, path + "/instances", Map.of("instances", 2)).expect(409);
    }

    @Test
    void anInstancesTasksAndATasksEventsAndLogs() {
        String path = created(1);
        JsonNode history = get(viewer, path + "/instances/0/tasks").expect(200);
        assertThat(history).hasSize(1);
        String taskId = history.get(0).get("taskId").asString();
        get(viewer, path + "/instances/zero/tasks").expectFields("instanceId");

        JsonNode task = get(viewer, "/api/v1/tasks/" + taskId).expect(200);
        assertThat(task.get("instanceId").asInt()).isZero();
        assertThat(task.get("job").get("team").asString()).isEqualTo(TEAM);

        JsonNode events = get(viewer, "/api/v1/tasks/" + taskId + "/events").expect(200);
        assertThat(events.get(0).get("state").asString()).isEqualTo("PENDING");
        assertThat(events.get(0).get("message").asString()).contains("Created by jobs-dev");

        // never launched (the loop is off here): an empty log, read the same way as a real one
        JsonNode log = get(viewer, "/api/v1/tasks/" + taskId + "/logs/stdout?offset=0&length=100")
                .expect(200);
        assertThat(log.get("data").asString()).isEmpty();
        assertThat(log.get("nextOffset").asLong()).isZero();
        get(viewer, "/api/v1/tasks/" + taskId + "/logs/stdlog").expectFields("stream");
        get(viewer, "/api/v1/tasks/" + taskId + "/logs/stderr?length=0").expectFields("length");
        get(viewer, "/api/v1/tasks/" + taskId + "/logs/stderr?offset=end").expectFields("offset");

        Reply download = get(viewer, "/api/v1/tasks/" + taskId + "/logs/stderr?download=true");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("text/plain");
        assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + taskId + "-stderr.log\"");

        get(viewer, "/api/v1/tasks/no-such-task").expect(404);
        get(viewer, "/api/v1/tasks/no-such-task/events").expect(404);
        get(viewer, "/api/v1/tasks/no-such-task/logs/stdout").expect(404);
        get(viewer, "/api/v1/tasks/no-such-task/logs/stdout?download=true").expect(404);
    }

    @Test
    void agentsAndClusterHealth() {
        JsonNode agents = get(viewer, "/api/v1/agents").expect(200);
        assertThat(agents.valueStream().map(a -> a.get("id").asString()))
                .containsExactly("local-1", "local-2", "local-3");
        JsonNode first = agents.get(0);
        assertThat(first.get("total").get("cpus").asDouble()).isEqualTo(4.0);
        assertThat(first.get("free").get("ramMb").asLong()).isPositive();
        assertThat(first.get("ports").get(0).get("begin").asInt()).isEqualTo(31000);
        assertThat(first.get("attributes").get("rack").asString()).isEqualTo("a");

        JsonNode cluster = get(viewer, "/api/v1/cluster").expect(200);
        assertThat(cluster.get("driver").asString()).isEqualTo("local");
        assertThat(cluster.get("connected").asBoolean()).isTrue();
    }

    @Test
    void aViewerMayReadButNotChangeAndARefusalChangesNothing() {
        String path = created(1);

        JsonNode error =
                put(viewer, path + "/instances", Map.of("instances", 4)).expect(403);

        assertThat(error.get("code").asString()).isEqualTo("forbidden");
        assertThat(error.get("message").asString())
                .isEqualTo("You need the DEVELOPER level in team " + TEAM
                        + " to create, scale, restart and kill jobs (you are VIEWER). A lead of team " + TEAM
                        + " or a platform admin can grant it.");
        assertThat(get(viewer, path).expect(200).get("instances").asInt()).isEqualTo(1);
        post(viewer, "/api/v1/jobs", spec(TEAM, unique("nope"), 1)).expect(403);
    }

    /** Creates a small job; returns its path. */
    private String created(int instances) {
        String name = unique("job");
        post(dev, "/api/v1/jobs", spec(TEAM, name, instances)).expect(201);
        return "/api/v1/jobs/" + TEAM + "/prod/" + name;
    }
}
