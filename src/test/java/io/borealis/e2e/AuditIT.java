package io.borealis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.e2e.pages.AuditPage;
import io.borealis.e2e.pages.JobPage;
import io.borealis.e2e.pages.LoginPage;
import io.borealis.e2e.pages.MainPage;
import io.borealis.e2e.support.EndToEndTest;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.scheduler.JobService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail in the browser: an admin scales a job, follows the job page's "Audit trail" link
 * to its history, opens the scale entry's before/after, and exports the history as CSV and JSON
 * (real downloads, holding that job's entries only); the lead of payments sees payments' entries
 * and not those of team search.
 */
class AuditIT extends EndToEndTest {

    private static final JobKey WEB = JobKey.of("payments", "devel", "audit-web");
    private static final JobKey OTHER = JobKey.of("search", "devel", "audit-search");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JobService jobs;

    @Test
    void anAdminFollowsAJobsHistoryAndExportsItAndALeadSeesOnlyTheirTeam() throws IOException {
        asAdmin(() -> {
            jobs.create(spec(WEB));
            jobs.create(spec(OTHER)); // an entry of another team, which the lead must not see
            return null;
        });
        Path downloads = browser.downloadTo(Path.of("target", "downloads", "audit-" + System.nanoTime()));

        MainPage admin = LoginPage.open(browser, url("/")).signIn("admin", "borealis-admin");
        assertThat(admin.navigationLabels()).contains("Audit");
        browser.driver().get(url("/jobs/" + WEB));
        JobPage job = new JobPage(browser);
        job.scaleTo(2);

        AuditPage audit = job.openAuditTrail();
        assertThat(browser.driver().getCurrentUrl()).contains("/audit?target=payments%2Fdevel%2Faudit-web");
        assertThat(audit.filter("audit-target")).isEqualTo(WEB.toString());
        audit.waitForEntries(2);
        assertThat(audit.cells())
                .contains("job.scale", "job.create", WEB.toString(), "admin", "UI", "SUCCESS")
                .doesNotContain(OTHER.toString());
        browser.screenshot("audit-job-history");

        AuditPage.EntryDialog entry = audit.openEntry("job.scale");
        assertThat(entry.fields())
                .contains("job.scale")
                .contains(WEB.toString())
                .contains("UI");
        assertThat(entry.diff()).containsExactly(List.of("instances", "1", "2"));
        assertThat(entry.changedFields()).containsExactly("instances");
        browser.screenshot("audit-entry");
        entry.close();

        Path csv = audit.export("audit-export-csv", downloads, ".csv");
        List<String> csvLines = Files.readAllLines(csv);
        assertThat(csvLines.getFirst()).startsWith("seq,at,actor");
        assertThat(csvLines.subList(1, csvLines.size()))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("\"" + WEB + "\""));
        assertThat(String.join("\n", csvLines)).contains("\"job.scale\"", "\"job.create\"");

        Path jsonFile = audit.export("audit-export-json", downloads, ".jsonl");
        List<JsonNode> entries =
                Files.readAllLines(jsonFile).stream().map(JSON::readTree).toList();
        assertThat(entries)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("target").asString()).startsWith(WEB.toString()));
        assertThat(entries).extracting(e -> e.get("action").asString()).contains("job.scale", "job.create");

        // the other team's entry is there, for the admin
        AuditPage created = AuditPage.open(browser, url("/audit?action=job.create"));
        browser.waiting().until(d -> created.cells().contains(OTHER.toString()));

        new MainPage(browser).signOut();
        MainPage lead = new LoginPage(browser).signIn("lead", "borealis-lead");
        assertThat(lead.navigationLabels()).contains("Audit").doesNotContain("Users");
        AuditPage leads = AuditPage.open(browser, url("/audit?action=job.create"));
        browser.waiting().until(d -> leads.cells().contains(WEB.toString()));
        assertThat(leads.cells()).doesNotContain(OTHER.toString(), "search");
        browser.screenshot("audit-lead");
        AuditPage none = AuditPage.open(browser, url("/audit?target=search%2Fdevel%2Faudit-search"));
        none.waitForEntries(0);
    }

    private static JobSpec spec(JobKey key) {
        return new JobSpec(key, JobKind.SERVICE, TaskConfig.of("exec sleep 600", new Resources(0.1, 32, 10)), 1);
    }

    @AfterEach
    void killEveryJobLeft() {
        killEveryJob();
    }
}
