package io.borealis.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.user.PlatformRole;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Teams, members and quotas over HTTP. */
class TeamsApiIT extends ApiTest {

    private String admin;
    private String lead;
    private String member;
    private String team;

    @BeforeEach
    void people() {
        admin = adminToken();
        team = unique("crew");
        ensureTeam(team, Map.of("crew-lead", TeamLevel.LEAD, "crew-dev", TeamLevel.DEVELOPER));
        lead = tokenOf("crew-lead", PlatformRole.USER);
        member = tokenOf("crew-dev", PlatformRole.USER);
    }

    @Test
    void anAdminCreatesATeamWith201AndItsLocation() {
        String slug = unique("newteam");

        Reply reply = post(admin, "/api/v1/teams", Map.of("slug", slug, "displayName", "New Team"));

        JsonNode created = reply.expect(201);
        assertThat(reply.header("Location")).endsWith("/api/v1/teams/" + slug);
        assertThat(created.get("slug").asString()).isEqualTo(slug);
        assertThat(created.get("displayName").asString()).isEqualTo("New Team");
        assertThat(created.get("archived").asBoolean()).isFalse();
        assertThat(created.get("createdBy").asString()).isEqualTo("api-admin");
        assertThat(get(admin, "/api/v1/teams/" + slug).expect(200)).isEqualTo(created);
    }

    @Test
    void badOrDuplicateTeamsAre400Or409AndOnlyAdminsCreate() {
        post(admin, "/api/v1/teams", Map.of("slug", "Bad Slug", "displayName", " "))
                .expectFields("slug", "displayName");
        post(admin, "/api/v1/teams", Map.of("slug", team, "displayName", "Again"))
                .expect(409);
        post(admin, "/api/v1/teams", "[]").expectFields("body");

        String slug = unique("notmine");
        JsonNode refused = post(lead, "/api/v1/teams", Map.of("slug", slug, "displayName", "Mine"))
                .expect(403);
        assertThat(refused.get("message").asString())
                .startsWith("Only platform admins may create, rename and archive teams.");
        get(admin, "/api/v1/teams/" + slug).expect(404);
    }

    @Test
    void peopleSeeTheirOwnTeamsAndAdminsAll() {
        assertThat(get(member, "/api/v1/teams")
                        .expect(200)
                        .valueStream()
                        .map(t -> t.get("slug").asString()))
                .contains(team)
                .doesNotContain("payments");
        assertThat(get(admin, "/api/v1/teams")
                        .expect(200)
                        .valueStream()
                        .map(t -> t.get("slug").asString()))
                .contains(team, "payments");
        get(member, "/api/v1/teams/payments").expect(403);
        get(admin, "/api/v1/teams/no-such-team").expect(404);
    }

    @Test
    void anAdminRenamesAndArchivesATeam() {
        JsonNode renamed = patch(admin, "/api/v1/teams/" + team, Map.of("displayName", "The Crew"))
                .expect(200);
        assertThat(renamed.get("displayName").asString()).isEqualTo("The Crew");

        JsonNode archived = patch(admin, "/api/v1/teams/" + team, Map.of("archived", true, "displayName", "Old Crew"))
                .expect(200);
        assertThat(archived.get("archived").asBoolean()).isTrue();
        assertThat(archived.get("displayName").asString()).isEqualTo("Old Crew");
        assertThat(post(member, "/api/v1/jobs", spec(team, "late", 1))
                        .expectFields("key.team")
                        .get("message")
                        .asString())
                .contains("is archived");

        patch(admin, "/api/v1/teams/" + team, Map.of()).expectFields("body");
        patch(admin, "/api/v1/teams/" + team, Map.of("archive", true)).expectFields("archive");
        patch(admin, "/api/v1/teams/" + team, Map.of("archived", "yes")).expectFields("archived");
        patch(admin, "/api/v1/teams/no-such-team", Map.of("archived", true)).expect(404);
        patch(lead, "/api/v1/teams/" + team, Map.of("displayName", "Leads rename"))
                .expect(403);
    }

    @Test
    void aLeadManagesMembersBelowLead() {
        ensureUser("crew-new", PlatformRole.USER);

        JsonNode added = put(lead, "/api/v1/teams/" + team + "/members/crew-new", Map.of("level", "VIEWER"))
                .expect(200);
        assertThat(added.get("username").asString()).isEqualTo("crew-new");
        assertThat(added.get("level").asString()).isEqualTo("VIEWER");
        assertThat(added.get("addedBy").asString()).isEqualTo("crew-lead");
        assertThat(get(member, "/api/v1/teams/" + team + "/members")
                        .expect(200)
                        .valueStream()
                        .map(m -> m.get("username").asString() + " "
                                + m.get("level").asString()))
                .contains("crew-new VIEWER", "crew-lead LEAD", "crew-dev DEVELOPER");

        assertThat(put(lead, "/api/v1/teams/" + team + "/members/crew-new", Map.of("level", "LEAD"))
                        .expect(403)
                        .get("message")
                        .asString())
                .startsWith("Only a platform admin may make someone a lead");
        put(member, "/api/v1/teams/" + team + "/members/crew-new", Map.of("level", "DEVELOPER"))
                .expect(403);

        delete(lead, "/api/v1/teams/" + team + "/members/crew-new").expect(204);
        delete(lead, "/api/v1/teams/" + team + "/members/crew-new").expect(404);
    }

    @Test
    void badMembershipsAre400() {
        assertThat(put(admin, "/api/v1/teams/" + team + "/members/crew-dev", Map.of("level", "BOSS"))
                        .expectFields("level")
                        .get("fieldErrors")
                        .get(0)
                        .get("message")
                        .asString())
                .isEqualTo("must be one of VIEWER, DEVELOPER, LEAD");
        put(admin, "/api/v1/teams/" + team + "/members/crew-dev", Map.of()).expectFields("level");
        put(admin, "/api/v1/teams/" + team + "/members/nobody-at-all", Map.of("level", "VIEWER"))
                .expectFields("username");
        put(admin, "/api/v1/teams/no-such-team/members/crew-dev", Map.of("level", "VIEWER"))
                .expect(404);
    }

    @Test
    void anAdminSetsAQuotaAndMembersReadIt() {
        JsonNode set = put(
                        admin,
                        "/api/v1/teams/" + team + "/quota",
                        Map.of("cpus", 2.5, "ramMb", 4096, "diskMb", 10240, "maxTasks", 20))
                .expect(200);
        assertThat(set.get("quota").get("cpus").asDouble()).isEqualTo(2.5);
        assertThat(set.get("quota").get("maxTasks").asInt()).isEqualTo(20);

        JsonNode read = get(member, "/api/v1/teams/" + team + "/quota").expect(200);
        assertThat(read.get("team").asString()).isEqualTo(team);
        assertThat(read.get("quota")).isEqualTo(set.get("quota"));
        assertThat(read.get("production").get("tasks").asInt()).isZero();

        put(lead, "/api/v1/teams/" + team + "/quota", Map.of("cpus", 99, "ramMb", 1, "diskMb", 1))
                .expect(403);
        get(member, "/api/v1/teams/payments/quota").expect(403);
        get(admin, "/api/v1/teams/no-such-team/quota").expect(404);
    }

    @Test
    void badQuotasAre400AndOneBelowUseIs409UnlessOvercommitted() {
        put(admin, "/api/v1/teams/" + team + "/quota", Map.of("cpus", 1)).expectFields("ramMb", "diskMb");
        put(admin, "/api/v1/teams/" + team + "/quota", Map.of("cpus", -1, "ramMb", -5, "diskMb", 10))
                .expectFields("cpus", "ramMb");
        put(admin, "/api/v1/teams/" + team + "/quota", Map.of("cpus", "two", "ramMb", 5, "diskMb", 10))
                .expectFields("cpus");

        post(member, "/api/v1/jobs", spec(team, "user", 2)).expect(201);
        Map<String, Object> below = new HashMap<>(Map.of("cpus", 0.1, "ramMb", 4096, "diskMb", 4096));
        assertThat(put(admin, "/api/v1/teams/" + team + "/quota", below)
                        .expect(409)
                        .get("message")
                        .asString())
                .contains("below what it uses now");

        below.put("overcommit", true);
        assertThat(put(admin, "/api/v1/teams/" + team + "/quota", below)
                        .expect(200)
                        .get("quota")
                        .get("cpus")
                        .asDouble())
                .isEqualTo(0.1);
    }
}
