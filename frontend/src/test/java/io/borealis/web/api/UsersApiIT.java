package io.borealis.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.user.PlatformRole;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Accounts over HTTP: platform admins manage them; people read their own. */
class UsersApiIT extends ApiTest {

    private String admin;
    private String user;

    @BeforeEach
    void people() {
        admin = adminToken();
        user = tokenOf("plain-user", PlatformRole.USER);
    }

    @Test
    void anAdminCreatesAnAccountWith201() {
        String username = unique("carla");

        Reply reply = post(admin, "/api/v1/users", newUser(username));

        JsonNode created = reply.expect(201);
        assertThat(reply.header("Location")).endsWith("/api/v1/users/" + username);
        assertThat(created.get("username").asString()).isEqualTo(username);
        assertThat(created.get("platformRole").asString()).isEqualTo("USER");
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.has("password")).isFalse();
        assertThat(reply.body()).doesNotContain("a long passphrase");
        assertThat(get(admin, "/api/v1/users")
                        .expect(200)
                        .valueStream()
                        .map(u -> u.get("username").asString()))
                .contains(username, "api-admin");
    }

    @Test
    void badOrDuplicateAccountsAre400Or409() {
        Map<String, Object> bad = new HashMap<>(newUser("X"));
        bad.put("password", "short");
        bad.put("email", "not-an-address");
        post(admin, "/api/v1/users", bad).expectFields("username", "email", "password");

        Map<String, Object> badRole = new HashMap<>(newUser(unique("role")));
        badRole.put("platformRole", "ROOT");
        post(admin, "/api/v1/users", badRole).expectFields("platformRole");

        post(admin, "/api/v1/users", newUser("plain-user")).expect(409);
    }

    @Test
    void onlyAdminsManageAccounts() {
        String username = unique("nope");

        assertThat(get(user, "/api/v1/users").expect(403).get("message").asString())
                .startsWith("Only platform admins may manage users and platform roles.");
        post(user, "/api/v1/users", newUser(username)).expect(403);
        patch(user, "/api/v1/users/api-admin", Map.of("enabled", false)).expect(403);
        post(user, "/api/v1/users/api-admin/password", Map.of("password", "a new long passphrase"))
                .expect(403);
        get(user, "/api/v1/users/api-admin").expect(403);
        get(user, "/api/v1/users/api-admin/tokens").expect(403);

        get(admin, "/api/v1/users/" + username).expect(404);
        assertThat(get(admin, "/api/v1/users/api-admin")
                        .expect(200)
                        .get("enabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void peopleReadTheirOwnAccountAndTokens() {
        assertThat(get(user, "/api/v1/users/plain-user")
                        .expect(200)
                        .get("displayName")
                        .asString())
                .isEqualTo("Test plain-user");
        assertThat(get(user, "/api/v1/users/plain-user/tokens").expect(200)).isNotEmpty();
        assertThat(get(admin, "/api/v1/users/plain-user/tokens").expect(200)).isNotEmpty();
        get(admin, "/api/v1/users/nobody-at-all/tokens").expect(404);
    }

    @Test
    void anAdminChangesRolesAndDisablesAccounts() {
        String username = unique("changer");
        post(admin, "/api/v1/users", newUser(username)).expect(201);

        JsonNode promoted = patch(admin, "/api/v1/users/" + username, Map.of("platformRole", "ADMIN"))
                .expect(200);
        assertThat(promoted.get("platformRole").asString()).isEqualTo("ADMIN");

        JsonNode disabled = patch(admin, "/api/v1/users/" + username, Map.of("enabled", false, "platformRole", "USER"))
                .expect(200);
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("platformRole").asString()).isEqualTo("USER");

        patch(admin, "/api/v1/users/" + username, Map.of()).expectFields("body");
        patch(admin, "/api/v1/users/" + username, Map.of("enabled", "no")).expectFields("enabled");
        patch(admin, "/api/v1/users/" + username, Map.of("role", "ADMIN")).expectFields("role");
        patch(admin, "/api/v1/users/nobody-at-all", Map.of("enabled", true)).expect(404);
        assertThat(patch(admin, "/api/v1/users/api-admin", Map.of("enabled", false))
                        .expect(409)
                        .get("message")
                        .asString())
                .isEqualTo("You cannot disable your own account.");
    }

    @Test
    void anAdminSetsAPassword() {
        String username = unique("forgetful");
        post(admin, "/api/v1/users", newUser(username)).expect(201);

        post(admin, "/api/v1/users/" + username + "/password", Map.of("password", "a brand new passphrase"))
                .expect(204);

        post(admin, "/api/v1/users/" + username + "/password", Map.of("password", "short"))
                .expectFields("password");
        post(admin, "/api/v1/users/nobody-at-all/password", Map.of("password", "a brand new passphrase"))
                .expect(404);
    }

    private static Map<String, Object> newUser(String username) {
        return Map.of(
                "username",
                username,
                "displayName",
                "Carla Created",
                "email",
                username + "@example.com",
                "password",
                "a long passphrase",
                "platformRole",
                "USER");
    }
}
