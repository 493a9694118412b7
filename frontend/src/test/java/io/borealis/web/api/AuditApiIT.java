package io.borealis.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.audit.AuditEntry;
import io.borealis.audit.AuditOutcome;
import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.user.PlatformRole;
import io.borealis.testing.WallClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The audit endpoints over HTTP: search, paging, filters, bad parameters, rights, export, verify. */
class AuditApiIT extends ApiTest {

    private static final String TEAM = "audit-api";
    private static final String OTHER = "audit-api-other";

    @Autowired
    AuditTrail trail;

    @Autowired
    JdbcClient jdbc;

    private String admin;
    private String lead;
    private String dev;

    @BeforeEach
    void people() {
        ensureTeam(TEAM, Map.of("audit-lead", TeamLevel.LEAD, "audit-dev", TeamLevel.DEVELOPER));
        ensureTeam(OTHER, Map.of());
        admin = adminToken();
        lead = tokenOf("audit-lead", PlatformRole.USER);
        dev = tokenOf("audit-dev", PlatformRole.USER);
    }

    /** Records an entry as this person and returns it. */
    private AuditEntry record(String actor, AuditRecord record) {
        AuditEntry entry = as(actor, PlatformRole.USER, () -> trail.record(record));
        // entries a few milliseconds apart, so time filters can tell them apart
        WallClock.waitUntilPast(entry.at(), Duration.ofMillis(5));
        return entry;
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static List<Long> seqs(JsonNode page) {
        return page.get("entries").valueStream().map(e -> e.get("seq").asLong()).toList();
    }

    @Test
    void searchAnswersTheEntriesNewestFirstWithEveryField() {
        String target = TEAM + "/prod/" + unique("shape");
        AuditEntry first = record(
                "audit-lead",
                AuditRecord.of("job.scale").team(TEAM).target(target).change("instances", 1, 3));
        AuditEntry second = record(
                "audit-lead",
                AuditRecord.of("job.kill")
                        .team(TEAM)
                        .target(target)
                        .reason("done")
                        .message("Killed 3 tasks"));

        JsonNode page =
                get(admin, "/api/v1/audit" + query(Map.of("target", target))).expect(200);

        assertThat(seqs(page)).containsExactly(second.seq(), first.seq());
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(page.get("limit").asInt()).isEqualTo(50);
        JsonNode kill = page.get("entries").get(0);
        assertThat(kill.get("at").asString()).isEqualTo(second.at().toString());
        assertThat(kill.get("actor").asString()).isEqualTo("audit-lead");
        assertThat(kill.get("source").asString()).isEqualTo("SYSTEM");
        assertThat(kill.get("action").asString()).isEqualTo("job.kill");
        assertThat(kill.get("team").asString()).isEqualTo(TEAM);
        assertThat(kill.get("target").asString()).isEqualTo(target);
        assertThat(kill.get("outcome").asString()).isEqualTo("SUCCESS");
        assertThat(kill.get("reason").asString()).isEqualTo("done");
        assertThat(kill.get("message").asString()).isEqualTo("Killed 3 tasks");
        assertThat(kill.get("entryHash").asString()).isEqualTo(second.entryHash());
        assertThat(kill.get("prevHash").asString()).isEqualTo(second.prevHash());
        JsonNode scale = page.get("entries").get(1);
        assertThat(scale.get("changes").get("instances").get("before").asString())
                .isEqualTo("1");
        assertThat(scale.get("changes").get("instances").get("after").asString())
                .isEqualTo("3");
    }

    @Test
    void pagesFollowTheCursorUntilItIsNull() {
        String target = TEAM + "/prod/" + unique("paging");
        List<Long> recorded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            recorded.add(record(
                            "audit-lead",
                            AuditRecord.of("job.restart").team(TEAM).target(target))
                    .seq());
        }
        List<Long> newestFirst = recorded.reversed();

        JsonNode one = get(admin, "/api/v1/audit" + query(Map.of("target", target, "limit", "2")))
                .expect(200);
        assertThat(seqs(one)).containsExactly(newestFirst.get(0), newestFirst.get(1));
        assertThat(one.get("next").asLong()).isEqualTo(newestFirst.get(1));

        JsonNode two = get(
                        admin,
                        "/api/v1/audit"
                                + query(Map.of(
                                        "target",
                                        target,
                                        "limit",
                                        "2",
                                        "before",
                                        one.get("next").asString())))
                .expect(200);
        assertThat(seqs(two)).containsExactly(newestFirst.get(2), newestFirst.get(3));

        JsonNode three = get(
                        admin,
                        "/api/v1/audit"
                                + query(Map.of(
                                        "target",
                                        target,
                                        "limit",
                                        "2",
                                        "before",
                                        two.get("next").asString())))
                .expect(200);
        assertThat(seqs(three)).containsExactly(newestFirst.get(4));
        assertThat(three.get("next").isNull()).isTrue();

        // a full last page also ends the paging: there is nothing older
        JsonNode exact = get(
                        admin,
                        "/api/v1/audit"
                                + query(Map.of(
                                        "target",
                                        target,
                                        "limit",
                                        "1",
                                        "before",
                                        newestFirst.get(3).toString())))
                .expect(200);
        assertThat(seqs(exact)).containsExactly(newestFirst.get(4));
        assertThat(exact.get("next").isNull()).isTrue();
    }

    @Test
    void eachFilterNarrowsTheEntries() {
        String key = TEAM + "/prod/" + unique("filters");
        String word = unique("needle");
        AuditEntry scale = record(
                "audit-lead", AuditRecord.of("job.scale").team(TEAM).target(key).change("instances", 1, 2));
        AuditEntry denied = record(
                "audit-dev",
                AuditRecord.of("job.kill")
                        .team(TEAM)
                        .target(key)
                        .outcome(AuditOutcome.DENIED)
                        .message("Refused " + word.toUpperCase()));
        AuditEntry member =
                record("audit-lead", AuditRecord.of("member.put").team(TEAM).target(key + " member x"));
        AuditEntry other =
                record("audit-lead", AuditRecord.of("job.scale").team(OTHER).target(key + "-elsewhere"));

        assertThat(filtered(Map.of("target", key)))
                .containsExactly(other.seq(), member.seq(), denied.seq(), scale.seq());
        assertThat(filtered(Map.of("target", key, "team", TEAM)))
                .containsExactly(member.seq(), denied.seq(), scale.seq());
        assertThat(filtered(Map.of("target", key, "actor", "audit-dev"))).containsExactly(denied.seq());
        assertThat(filtered(Map.of("target", key, "action", "job.scale"))).containsExactly(other.seq(), scale.seq());
        assertThat(filtered(Map.of("target", key, "action", "job.")))
                .containsExactly(other.seq(), denied.seq(), scale.seq());
        assertThat(filtered(Map.of("target", key, "outcome", "DENIED"))).containsExactly(denied.seq());
        assertThat(filtered(Map.of("target", key, "outcome", "denied"))).containsExactly(denied.seq());
        assertThat(filtered(Map.of("q", word))).containsExactly(denied.seq());
        assertThat(filtered(Map.of("target", key, "from", denied.at().toString())))
                .containsExactly(other.seq(), member.seq(), denied.seq());
        assertThat(filtered(Map.of("target", key, "to", denied.at().toString())))
                .containsExactly(scale.seq());
        assertThat(filtered(Map.of(
                        "target",
                        key,
                        "from",
                        denied.at().toString(),
                        "to",
                        member.at().toString())))
                .containsExactly(denied.seq());
    }

    private List<Long> filtered(Map<String, String> params) {
        return seqs(get(admin, "/api/v1/audit" + query(params)).expect(200));
    }

    @Test
    void badParametersAre400NamingTheParameterAndWhatIsAllowed() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("from", "yesterday");
        bad.put("to", "2026-13-01T00:00:00Z");
        bad.put("outcome", "MAYBE");
        bad.put("limit", "0");
        bad.put("before", "abc");
        JsonNode all =
                get(admin, "/api/v1/audit" + query(bad)).expectFields("from", "to", "outcome", "before", "limit");
        Map<String, String> messages = all.get("fieldErrors")
                .valueStream()
                .collect(Collectors.toMap(
                        f -> f.get("field").asString(), f -> f.get("message").asString()));
        assertThat(messages.get("from")).contains("ISO-8601");
        assertThat(messages.get("outcome")).contains("SUCCESS, DENIED, FAILED");
        assertThat(messages.get("limit")).contains("between 1 and 500");

        get(admin, "/api/v1/audit?from=nope").expectFields("from");
        get(admin, "/api/v1/audit?to=nope").expectFields("to");
        get(admin, "/api/v1/audit?outcome=OK").expectFields("outcome");
        get(admin, "/api/v1/audit?limit=501").expectFields("limit");
        get(admin, "/api/v1/audit?limit=ten").expectFields("limit");
        get(admin, "/api/v1/audit?before=0").expectFields("before");
        get(admin, "/api/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                .expectFields("to");
        get(admin, "/api/v1/audit/export?format=xml").expectFields("format");
        get(admin, "/api/v1/audit/export?format=csv&outcome=nope").expectFields("outcome");
        get(admin, "/api/v1/audit?limit=500").expect(200);
    }

    @Test
    void withoutOrWithABadTokenEveryEndpointIs401() {
        for (String path : List.of("/api/v1/audit", "/api/v1/audit/verify", "/api/v1/audit/export?format=csv")) {
            get(null, path).expect(401);
            get("brl_0123456789abcdef_" + "A".repeat(43), path).expect(401);
        }
    }

    @Test
    void aDeveloperIsRefused403OnEveryEndpointAndTheRefusalIsRecorded() {
        for (String path : List.of("/api/v1/audit", "/api/v1/audit/verify", "/api/v1/audit/export?format=csv")) {
            Reply reply = get(dev, path);
            JsonNode error = reply.expect(403);
            assertThat(error.get("code").asString()).isEqualTo("forbidden");
            assertThat(error.get("message").asString()).contains("team leads");
            assertThat(reply.header("Content-Disposition")).isNull();
        }
        JsonNode denials = get(admin, "/api/v1/audit?actor=audit-dev&outcome=DENIED&action=audit.")
                .expect(200);
        assertThat(denials.get("entries").valueStream().map(e -> e.get("action").asString()))
                .contains("audit.read", "audit.verify");
    }

    @Test
    void aLeadSeesOnlyTheirTeamsEntries() {
        String key = unique("scoped");
        AuditEntry own =
                record("audit-lead", AuditRecord.of("job.scale").team(TEAM).target(key + "/own"));
        AuditEntry foreign =
                record("audit-lead", AuditRecord.of("job.scale").team(OTHER).target(key + "/foreign"));

        assertThat(seqs(get(lead, "/api/v1/audit" + query(Map.of("target", key)))
                        .expect(200)))
                .containsExactly(own.seq());
        assertThat(seqs(get(admin, "/api/v1/audit" + query(Map.of("target", key)))
                        .expect(200)))
                .containsExactly(foreign.seq(), own.seq());
        get(lead, "/api/v1/audit" + query(Map.of("team", OTHER))).expect(403);
        assertThat(seqs(get(lead, "/api/v1/audit" + query(Map.of("team", TEAM, "target", key)))
                        .expect(200)))
                .containsExactly(own.seq());

        String csv = get(lead, "/api/v1/audit/export" + query(Map.of("format", "csv", "target", key)))
                .body();
        assertThat(csv).contains(key + "/own").doesNotContain(key + "/foreign");
    }

    @Test
    void exportStreamsTheFilteredEntriesAsCsvOrJsonLines() {
        String key = TEAM + "/prod/" + unique("export");
        AuditEntry first =
                record("audit-lead", AuditRecord.of("job.create").team(TEAM).target(key));
        AuditEntry second = record(
                "audit-lead", AuditRecord.of("job.scale").team(TEAM).target(key).change("instances", 1, 4));
        record("audit-lead", AuditRecord.of("job.scale").team(TEAM).target(TEAM + "/prod/unrelated"));

        Reply csv = get(admin, "/api/v1/audit/export" + query(Map.of("format", "csv", "target", key)));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition"))
                .startsWith("attachment")
                .containsPattern("borealis-audit-\\d{8}T\\d{6}Z\\.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("seq,at,actor,token,source");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith(second.seq() + ",").contains("\"job.scale\"", "\"" + key + "\"");
        assertThat(lines.get(2)).startsWith(first.seq() + ",").contains("\"job.create\"");

        Reply json = get(admin, "/api/v1/audit/export" + query(Map.of("format", "json", "target", key)));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(json.header("Content-Disposition")).contains(".jsonl");
        List<JsonNode> entries =
                json.body().lines().map(line -> JSON.readTree(line)).toList();
        // newest first: the CSV export just made (recorded with the filter's target), then the job's entries
        assertThat(entries)
                .extracting(e -> e.get("action").asString())
                .containsExactly("audit.export", "job.scale", "job.create");
        assertThat(entries.subList(1, 3))
                .extracting(e -> e.get("seq").asLong())
                .containsExactly(second.seq(), first.seq());
        assertThat(entries)
                .allSatisfy(e -> assertThat(e.get("target").asString()).isEqualTo(key));

        // csv is the default, and the export itself is recorded
        assertThat(get(admin, "/api/v1/audit/export" + query(Map.of("target", key)))
                        .body())
                .startsWith("seq,");
        JsonNode exports = get(
                        admin, "/api/v1/audit" + query(Map.of("action", "audit.export", "target", key, "limit", "5")))
                .expect(200);
        assertThat(exports.get("entries").get(0).get("actor").asString()).isEqualTo("api-admin");
        assertThat(exports.get("entries").get(0).get("source").asString()).isEqualTo("API");
        assertThat(exports.get("entries").get(0).get("message").asString())
                .isEqualTo("Exported 4 entries as csv"); // the job's 2 and the 2 earlier exports
    }

    @Test
    void verifyAnswersTheChainsVerdict() {
        record("audit-lead", AuditRecord.of("job.scale").team(TEAM).target(unique("verify")));

        JsonNode verdict = get(admin, "/api/v1/audit/verify").expect(200);

        assertThat(verdict.get("intact").asBoolean()).isTrue();
        assertThat(verdict.get("entriesChecked").asLong()).isGreaterThan(0);
        assertThat(verdict.get("brokenAtSeq").isNull()).isTrue();
        assertThat(verdict.get("problem").isNull()).isTrue();
        // a lead may verify too (the service allows every reader of the audit log)
        assertThat(get(lead, "/api/v1/audit/verify").expect(200).get("intact").asBoolean())
                .isTrue();
    }

    @Test
    void verifyNamesTheFirstChangedEntry() {
        AuditEntry entry =
                record("audit-lead", AuditRecord.of("job.scale").team(TEAM).target(unique("tamper")));
        record("audit-lead", AuditRecord.of("job.scale").team(TEAM).target(unique("after-tamper")));
        jdbc.sql("update audit_entry set target = 'forged' where seq = :seq")
                .param("seq", entry.seq())
                .update();
        try {
            JsonNode verdict = get(admin, "/api/v1/audit/verify").expect(200);

            assertThat(verdict.get("intact").asBoolean()).isFalse();
            assertThat(verdict.get("brokenAtSeq").asLong()).isEqualTo(entry.seq());
            assertThat(verdict.get("problem").asString()).contains("changed after it was written");
        } finally {
            jdbc.sql("update audit_entry set target = :target where seq = :seq")
                    .param("target", entry.target())
                    .param("seq", entry.seq())
                    .update();
        }
        assertThat(get(admin, "/api/v1/audit/verify").expect(200).get("intact").asBoolean())
                .isTrue();
    }

    @Test
    void theOpenApiDocumentDescribesTheAuditEndpoints() {
        JsonNode paths = get(null, "/api/v1/openapi.json").expect(200).get("paths");

        assertThat(paths.has("/api/v1/audit/verify")).isTrue();
        assertThat(paths.has("/api/v1/audit/export")).isTrue();
        List<String> parameters = paths.get("/api/v1/audit")
                .get("get")
                .get("parameters")
                .valueStream()
                .map(p -> p.get("name").asString())
                .toList();
        assertThat(parameters)
                .containsExactly("from", "to", "actor", "team", "action", "target", "outcome", "q", "before", "limit");
        List<String> exportParameters = paths.get("/api/v1/audit/export")
                .get("get")
                .get("parameters")
                .valueStream()
                .map(p -> p.get("name").asString())
                .toList();
        assertThat(exportParameters).contains("format", "target").doesNotContain("response");
    }
}
