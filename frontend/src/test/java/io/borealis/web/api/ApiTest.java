package io.borealis.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.auth.token.ApiTokenService;
import io.borealis.auth.token.TokenExpiry;
import io.borealis.auth.user.NewUserAccount;
import io.borealis.auth.user.PlatformRole;
import io.borealis.auth.user.UserAccountService;
import io.borealis.db.testing.SpringTestDatabase;
import io.borealis.job.Resources;
import io.borealis.quota.Quota;
import io.borealis.quota.QuotaService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the REST API tests: the whole app on a random port with a fresh database, called over
 * real HTTP with personal API tokens. People, teams and tokens are set up through the services as a
 * platform admin. The scheduling loop is off, so jobs' tasks stay PENDING and no process is started:
 * these tests are about the HTTP contract; the end-to-end journey runs real tasks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AtomicInteger NAMES = new AtomicInteger();
    static final Quota LARGE_QUOTA = new Quota(new Resources(1000, 1_000_000, 1_000_000), null);

    /** Tokens by port and username: each app (and database) gets its own. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    UserAccountService users;

    @Autowired
    TeamService teams;

    @Autowired
    QuotaService quotas;

    @DynamicPropertySource
    static void application(DynamicPropertyRegistry registry) {
        SpringTestDatabase.register(registry);
        registry.add("borealis.cluster.local.work-dir", () -> "target/sandboxes");
        registry.add("borealis.scheduler.enabled", () -> "false");
    }

    /** An answer: status, headers and body (parsed as JSON on demand). */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Asserts the status and, for errors, the API's error shape; returns the JSON body. */
        JsonNode expect(int expected) {
            assertThat(status).as("status of an answer with body %s", body).isEqualTo(expected);
            if (expected >= 400) {
                assertThat(header("Content-Type")).startsWith("application/json");
                JsonNode error = json();
                assertThat(error.get("status").asInt()).isEqualTo(expected);
                assertThat(error.get("code").asString()).isNotBlank();
                assertThat(error.get("message").asString()).isNotBlank();
                assertThat(error.get("fieldErrors").isArray()).isTrue();
                return error;
            }
            return body.isEmpty() ? null : json();
        }

        /** Asserts a 400 naming exactly these fields. */
        JsonNode expectFields(String... fields) {
            JsonNode error = expect(400);
            assertThat(error.get("code").asString()).isEqualTo("validation_failed");
            assertThat(error.get("fieldErrors")
                            .valueStream()
                            .map(f -> f.get("field").asString()))
                    .containsExactly(fields);
            return error;
        }
    }

    Reply get(String token, String path) {
        return send(token, "GET", path, null, null);
    }

    Reply post(String token, String path, Object body) {
        return send(token, "POST", path, "application/json", json(body));
    }

    Reply put(String token, String path, Object body) {
        return send(token, "PUT", path, "application/json", json(body));
    }

    Reply patch(String token, String path, Object body) {
        return send(token, "PATCH", path, "application/json", json(body));
    }

    Reply delete(String token, String path) {
        return send(token, "DELETE", path, null, null);
    }

    /** Sends a request; {@code token} null sends no Authorization header. */
    Reply send(String token, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object body) {
        return body instanceof String text ? text : JSON.writeValueAsString(body);
    }

    /** A token of this person (created with the account on first use). */
    String tokenOf(String username, PlatformRole role) {
        return TOKENS.computeIfAbsent(port + "/" + username, key -> {
            ensureUser(username, role);
            return as(
                    username,
                    role,
                    () -> tokens.create("tests", TokenExpiry.NEVER).text());
        });
    }

    String adminToken() {
        return tokenOf("api-admin", PlatformRole.ADMIN);
    }

    void ensureUser(String username, PlatformRole role) {
        asAdmin(() -> {
            if (users.listAccounts().stream().noneMatch(a -> a.username().equals(username))) {
                users.createAccountAsAdmin(
                        new NewUserAccount(username, "Test " + username, null, "a long test passphrase", role));
            }
            return null;
        });
    }

    /** Makes sure a team exists with these members and a large quota. */
    void ensureTeam(String slug, Map<String, TeamLevel> members) {
        members.keySet().forEach(username -> ensureUser(username, PlatformRole.USER));
        asAdmin(() -> {
            if (teams.visibleTeams().stream().noneMatch(t -> t.slug().equals(slug))) {
                teams.createTeam(slug, "Team " + slug);
            }
            members.forEach((username, level) -> teams.putMember(slug, username, level));
            quotas.setQuota(slug, LARGE_QUOTA, true);
            return null;
        });
    }

    static <T> T asAdmin(Supplier<T> action) {
        return as("root", PlatformRole.ADMIN, action);
    }

    static <T> T as(String username, PlatformRole role, Supplier<T> action) {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username, null, AuthorityUtils.createAuthorityList(role.authority())));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** A small service spec document, as JSON. */
    static Map<String, Object> spec(String team, String name, int instances) {
        return Map.of(
                "key",
                Map.of("team", team, "environment", "prod", "name", name),
                "kind",
                "SERVICE",
                "instances",
                instances,
                "task",
                Map.of(
                        "processes",
                        List.of(Map.of("name", "main", "command", "sleep 600")),
                        "resources",
                        Map.of("cpus", 0.1, "ramMb", 32, "diskMb", 10)));
    }
}
