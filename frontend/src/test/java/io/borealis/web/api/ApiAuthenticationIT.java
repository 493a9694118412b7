package io.borealis.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.token.CreatedToken;
import io.borealis.auth.token.TokenExpiry;
import io.borealis.auth.user.PlatformRole;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Who gets in: no token, a malformed header, a bad, revoked or expired token, or a disabled owner
 * all get 401 with the error shape and {@code WWW-Authenticate: Bearer}; a good token acts as its
 * owner without any session. The OpenAPI document and Swagger UI are open; unknown paths, wrong
 * methods and wrong content types answer in the error shape.
 */
class ApiAuthenticationIT extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void noTokenIs401WithTheErrorShapeAndABearerChallenge() {
        Reply reply = get(null, "/api/v1/jobs");

        JsonNode error = reply.expect(401);
        assertThat(error.get("code").asString()).isEqualTo("unauthorized");
        assertThat(error.get("message").asString()).contains("Authorization: Bearer");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"borealis\"");
        assertThat(reply.header("Set-Cookie")).isNull();
    }

    @Test
    void aBadTokenOrAnotherSchemeIs401() {
        Reply bad = get("brl_0123456789abcdef_" + "A".repeat(43), "/api/v1/jobs");
        assertThat(bad.expect(401).get("message").asString()).isEqualTo("The API token is not valid.");
        assertThat(bad.header("WWW-Authenticate")).contains("error=\"invalid_token\"");

        assertThat(get("not-a-token", "/api/v1/agents").status()).isEqualTo(401);
        Reply basic = send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("Authorization", "Basic YWRtaW46Ym9yZWFsaXMtYWRtaW4=")
                .build());
        assertThat(basic.expect(401).get("message").asString()).contains("Bearer <token>");
    }

    @Test
    void aGoodTokenActsAsItsOwnerWithoutASession() {
        String token = tokenOf(unique("reader"), PlatformRole.USER);

        Reply reply = get(token, "/api/v1/tokens");

        reply.expect(200);
        assertThat(reply.json().get(0).get("name").asString()).isEqualTo("tests");
        assertThat(reply.json().get(0).has("token")).isFalse();
        assertThat(reply.header("Set-Cookie")).isNull();
        assertThat(reply.header("Cache-Control")).contains("no-store");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aRevokedTokenIs401AtOnce() {
        String username = unique("revoker");
        ensureUser(username, PlatformRole.USER);
        CreatedToken created = as(username, PlatformRole.USER, () -> tokens.create("short-lived", TokenExpiry.NEVER));
        get(created.text(), "/api/v1/tokens").expect(200);

        delete(created.text(), "/api/v1/tokens/" + created.token().id()).expect(204);

        Reply after = get(created.text(), "/api/v1/tokens");
        assertThat(after.expect(401).get("message").asString()).contains("revoked");
    }

    @Test
    void anExpiredTokenIs401() {
        String username = unique("expirer");
        ensureUser(username, PlatformRole.USER);
        CreatedToken created = as(username, PlatformRole.USER, () -> tokens.create("month", TokenExpiry.DAYS_30));
        get(created.text(), "/api/v1/tokens").expect(200);
        // thirty days later
        jdbc.sql("update api_token set expires_at = :past where public_id = :id")
                .param("past", OffsetDateTime.ofInstant(Instant.now().minusSeconds(1), ZoneOffset.UTC))
                .param("id", created.token().id())
                .update();

        assertThat(get(created.text(), "/api/v1/tokens")
                        .expect(401)
                        .get("message")
                        .asString())
                .contains("expired");
    }

    @Test
    void aDisabledOwnersTokenIs401() {
        String username = unique("leaver");
        String token = tokenOf(username, PlatformRole.USER);
        get(token, "/api/v1/tokens").expect(200);

        patch(adminToken(), "/api/v1/users/" + username, Map.of("enabled", false))
                .expect(200);

        assertThat(get(token, "/api/v1/tokens").expect(401).get("message").asString())
                .contains("disabled");
    }

    @Test
    void thePortalsSessionDoesNotOpenTheApi() {
        // a signed-in browser's cookie must not authenticate API calls (no CSRF through the API)
        Reply reply = send(HttpRequest.newBuilder(uri("/api/v1/users"))
                .header("Cookie", "JSESSIONID=whatever")
                .build());

        reply.expect(401);
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiAreOpen() {
        Reply document = get(null, "/api/v1/openapi.json");

        JsonNode openApi = document.expect(200);
        assertThat(openApi.get("openapi").asString()).startsWith("3.");
        assertThat(openApi.get("paths").has("/api/v1/jobs/{team}/{environment}/{name}"))
                .isTrue();
        assertThat(openApi.get("paths").has("/api/v1/teams/{team}/quota")).isTrue();
        assertThat(openApi.get("components").get("securitySchemes").has("bearerToken"))
                .isTrue();
        assertThat(openApi.get("components").get("schemas").has("ApiError")).isTrue();

        Reply docs = get(null, "/api/docs");
        assertThat(docs.status()).isEqualTo(302);
        String page = URI.create(docs.header("Location")).getPath();
        Reply ui = get(null, page);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }

    @Test
    void unknownPathsUnderTheApiAre404InTheErrorShape() {
        Reply reply = get(adminToken(), "/api/v1/no-such-thing");

        assertThat(reply.expect(404).get("code").asString()).isEqualTo("not_found");
        assertThat(get(adminToken(), "/api/v2/jobs").expect(404).get("message").asString())
                .contains("/api/v2/jobs");
    }

    @Test
    void aWrongMethodIs405AndAWrongContentTypeIs415() {
        Reply wrongMethod = send(adminToken(), "PUT", "/api/v1/jobs", "application/json", "{}");
        assertThat(wrongMethod.expect(405).get("code").asString()).isEqualTo("method_not_allowed");
        assertThat(wrongMethod.header("Allow")).contains("GET").contains("POST");

        Reply wrongType = send(adminToken(), "POST", "/api/v1/teams", "text/plain", "slug=x");
        assertThat(wrongType.expect(415).get("code").asString()).isEqualTo("unsupported_media_type");
        assertThat(wrongType.json().get("message").asString()).contains("application/json");
    }

    @Test
    void anErrorIsJsonEvenForAClientThatAsksForHtml() {
        Reply reply = send(HttpRequest.newBuilder(uri("/api/v1/teams/no-such-team"))
                .header("Authorization", "Bearer " + adminToken())
                .header("Accept", "text/html")
                .build());

        reply.expect(404);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
