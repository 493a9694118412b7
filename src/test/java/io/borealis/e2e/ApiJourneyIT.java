package io.borealis.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.borealis.e2e.pages.ApiTokensPage;
import io.borealis.e2e.pages.LoginPage;
import io.borealis.e2e.support.EndToEndTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The developer's journey through the REST API with a token created in the portal: a real browser
 * creates the token, then plain HTTP with that token launches a three-instance web service on the
 * local cluster (real python processes, HTTP health checks on their assigned ports), reads a log,
 * scales to five, kills an instance and sees it replaced, and kills the job. The demo developer
 * works in team payments (8 cpus of quota): five tasks of 0.2 cpus fit.
 */
class ApiJourneyIT extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String JOB = "/api/v1/jobs/payments/devel/web-api";

    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    @Test
    void aDeveloperRunsAServiceThroughTheApiWithATokenFromThePortal() {
        LoginPage.open(browser, url("/")).signIn("dev", "borealis-dev");
        ApiTokensPage tokens = ApiTokensPage.open(browser, url("/account/tokens"));
        token = tokens.create("e2e journey");
        assertThat(token).matches("brl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        assertThat(tokens.lastUsed("e2e journey")).isEqualTo("-");

        // launch three instances that serve HTTP on their assigned port, checked by HTTP health checks
        JsonNode created = call("POST", "/api/v1/jobs", spec(3), 201);
        assertThat(created.get("instances").asInt()).isEqualTo(3);
        awaitRunning(3);

        // an instance's log: python says where it serves, and the health checks show up as requests
        String taskId = current(0).get("taskId").asString();
        int port = current(0).get("ports").get("http").asInt();
        JsonNode stdout = call("GET", "/api/v1/tasks/" + taskId + "/logs/stdout", null, 200);
        assertThat(stdout.get("data").asString()).contains("Serving HTTP on").contains("port " + port);
        await().atMost(PATIENCE)
                .until(() -> call("GET", "/api/v1/tasks/" + taskId + "/logs/stderr", null, 200)
                        .get("data")
                        .asString()
                        .contains("\"GET / HTTP/1.1\" 200"));
        HttpResponse<String> download = send("GET", "/api/v1/tasks/" + taskId + "/logs/stdout?download=true", null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("text/plain");
        assertThat(download.body()).contains("Serving HTTP on");

        // scale to five
        assertThat(call("PUT", JOB + "/instances", Map.of("instances", 5), 200)
                        .get("instances")
                        .asInt())
                .isEqualTo(5);
        awaitRunning(5);

        // kill one instance: a new task replaces it and runs
        String killed = current(2).get("taskId").asString();
        call("POST", JOB + "/kill", Map.of("instances", List.of(2), "reason", "e2e: replace it"), 202);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode task = current(2);
            return !task.get("taskId").asString().equals(killed)
                    && task.get("state").asString().equals("RUNNING");
        });
        JsonNode history = call("GET", JOB + "/instances/2/tasks", null, 200);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("taskId").asString()).isEqualTo(killed);
        assertThat(history.get(0).get("state").asString()).isEqualTo("KILLED");
        assertThat(history.get(1).get("ancestorId").asString()).isEqualTo(killed);
        assertThat(call("GET", "/api/v1/tasks/" + killed + "/events", null, 200).toString())
                .contains("e2e: replace it");

        // kill the job: every task ends
        assertThat(call("DELETE", JOB + "?reason=done", null, 202).get("status").asString())
                .isEqualTo("KILLED");
        awaitAllEnded();
        assertThat(call("GET", "/api/v1/jobs?team=payments&name=web-api", null, 200)
                        .get("total")
                        .asInt())
                .isZero();

        // the portal shows that the token was used
        ApiTokensPage after = ApiTokensPage.open(browser, url("/account/tokens"));
        assertThat(after.lastUsed("e2e journey")).endsWith("UTC");
        assertThat(after.status("e2e journey")).isEqualTo("Active");
        browser.screenshot("api-token-used");
    }

    /** Leaves no process behind if the journey stopped half-way. */
    @AfterEach
    void killTheJobIfStillThere() {
        if (token != null && send("GET", JOB, null).statusCode() == 200) {
            send("DELETE", JOB + "?reason=test%20over", null);
            awaitAllEnded();
        }
    }

    private static Map<String, Object> spec(int instances) {
        return Map.of(
                "key",
                Map.of("team", "payments", "environment", "devel", "name", "web-api"),
                "kind",
                "SERVICE",
                "instances",
                instances,
                "task",
                Map.of(
                        "processes",
                        List.of(Map.of("name", "serve", "command", "exec python3 -u -m http.server $PORT")),
                        "resources",
                        Map.of("cpus", 0.2, "ramMb", 128, "diskMb", 50),
                        "ports",
                        List.of("http"),
                        "healthCheck",
                        Map.of(
                                "kind", "HTTP",
                                "port", "http",
                                "path", "/",
                                "intervalSeconds", 1,
                                "timeoutSeconds", 2,
                                "gracePeriodSeconds", 20,
                                "consecutiveFailures", 3),
                        "killGracePeriodSeconds",
                        2));
    }

    private void awaitRunning(int instances) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode job = call("GET", JOB, null, 200);
            return job.get("instanceDetails").size() == instances
                    && tasks(job).allMatch(t -> t.get("state").asString().equals("RUNNING"));
        });
    }

    private void awaitAllEnded() {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> tasks(call("GET", JOB, null, 200))
                        .allMatch(t -> List.of("KILLED", "FINISHED", "FAILED", "LOST")
                                .contains(t.get("state").asString())));
    }

    private JsonNode current(int instance) {
        return call("GET", JOB, null, 200).get("instanceDetails").get(instance).get("task");
    }

    private static java.util.stream.Stream<JsonNode> tasks(JsonNode job) {
        return StreamSupport.stream(job.get("instanceDetails").spliterator(), false)
                .map(instance -> instance.get("task"));
    }

    /** Calls the API with the token and checks the status; returns the JSON answer. */
    private JsonNode call(String method, String path, Object body, int expectedStatus) {
        HttpResponse<String> response = send(method, path, body);
        assertThat(response.statusCode())
                .as("%s %s answered %s", method, path, response.body())
                .isEqualTo(expectedStatus);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
