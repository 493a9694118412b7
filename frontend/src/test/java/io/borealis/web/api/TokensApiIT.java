package io.borealis.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.user.PlatformRole;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The caller's own tokens over HTTP. */
class TokensApiIT extends ApiTest {

    @Test
    void aNewTokenIsShownOnceAndWorks() {
        String owner = tokenOf(unique("maker"), PlatformRole.USER);

        JsonNode created = post(owner, "/api/v1/tokens", Map.of("name", "deploy", "expiresInDays", 30))
                .expect(201);

        String text = created.get("token").asString();
        JsonNode details = created.get("details");
        assertThat(text).startsWith("brl_" + details.get("id").asString() + "_");
        assertThat(details.get("name").asString()).isEqualTo("deploy");
        assertThat(details.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(details.get("hint").asString())
                .isEqualTo("brl_" + details.get("id").asString() + "_…");
        assertThat(Instant.parse(details.get("expiresAt").asString()))
                .isBetween(
                        Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));

        Reply list = get(text, "/api/v1/tokens");
        assertThat(list.expect(200).valueStream().map(t -> t.get("name").asString()))
                .containsExactly("deploy", "tests");
        assertThat(list.body()).doesNotContain(text.substring(21));
        assertThat(list.json().get(0).get("lastUsedAt").isNull()).isFalse();
    }

    @Test
    void aTokenThatNeverExpires() {
        String owner = tokenOf(unique("forever"), PlatformRole.USER);

        JsonNode created = post(owner, "/api/v1/tokens", Map.of("name", "cron")).expect(201);

        assertThat(created.get("details").get("expiresAt").isNull()).isTrue();
    }

    @Test
    void badTokenRequestsAre400AndADuplicateNameIs409() {
        String owner = tokenOf(unique("picky"), PlatformRole.USER);

        post(owner, "/api/v1/tokens", Map.of("name", "weekly", "expiresInDays", 7))
                .expectFields("expiresInDays");
        post(owner, "/api/v1/tokens", Map.of("expiresInDays", 30)).expectFields("name");
        post(owner, "/api/v1/tokens", Map.of("name", "x".repeat(65))).expectFields("name");
        post(owner, "/api/v1/tokens", Map.of("name", "ok", "scope", "all")).expectFields("scope");
        Map<String, Object> nullDays = new HashMap<>();
        nullDays.put("name", "explicit never");
        nullDays.put("expiresInDays", null);
        post(owner, "/api/v1/tokens", nullDays).expect(201);

        assertThat(post(owner, "/api/v1/tokens", Map.of("name", "tests"))
                        .expect(409)
                        .get("message")
                        .asString())
                .contains("already have a working API token named 'tests'");
    }

    @Test
    void peopleRevokeTheirOwnTokensAndAdminsAnybodys() {
        String owner = tokenOf(unique("owner"), PlatformRole.USER);
        String other = tokenOf(unique("other"), PlatformRole.USER);
        String first = post(owner, "/api/v1/tokens", Map.of("name", "first"))
                .expect(201)
                .get("details")
                .get("id")
                .asString();
        String second = post(owner, "/api/v1/tokens", Map.of("name", "second"))
                .expect(201)
                .get("details")
                .get("id")
                .asString();

        assertThat(delete(other, "/api/v1/tokens/" + first)
                        .expect(404)
                        .get("message")
                        .asString())
                .isEqualTo("You have no API token with id '" + first + "'.");
        delete(owner, "/api/v1/tokens/" + first).expect(204);
        delete(owner, "/api/v1/tokens/" + first).expect(204);
        delete(adminToken(), "/api/v1/tokens/" + second).expect(204);
        delete(owner, "/api/v1/tokens/0000000000000000").expect(404);

        assertThat(get(owner, "/api/v1/tokens")
                        .expect(200)
                        .valueStream()
                        .map(t ->
                                t.get("name").asString() + " " + t.get("status").asString()))
                .containsExactlyInAnyOrder("first REVOKED", "second REVOKED", "tests ACTIVE");
    }
}
