package io.borealis.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.QueryParameters;
import io.borealis.audit.AuditEntry;
import io.borealis.audit.AuditOutcome;
import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.testing.WallClock;
import io.borealis.ui.Specs;
import io.borealis.ui.ViewTest;
import io.borealis.ui.error.ForbiddenView;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.test.context.support.WithUserDetails;

/** The audit page: filters from and to the URL, keyset paging, an entry's diff, export, and who sees what. */
class AuditViewTest extends ViewTest {

    @Autowired
    AuditTrail trail;

    private AuditEntry record(String actor, AuditRecord record) {
        AuditEntry entry = as(
                UsernamePasswordAuthenticationToken.authenticated(
                        actor, null, AuthorityUtils.createAuthorityList("ROLE_USER")),
                () -> trail.record(record));
        WallClock.waitUntilPast(entry.at(), Duration.ofMillis(3)); // apart in time, for the time filters
        return entry;
    }

    private AuditView open(String query) {
        UI.getCurrent().navigate("audit", QueryParameters.fromString(query));
        assertThat(getCurrentView()).isInstanceOf(AuditView.class);
        return (AuditView) getCurrentView();
    }

    private static List<Long> seqs(AuditView view) {
        return view.entries().stream().map(AuditEntry::seq).toList();
    }

    @Test
    @WithUserDetails("admin")
    void theFiltersAreReadFromTheUrl() {
        String key = "payments/prod/" + Specs.unique("url");
        AuditEntry scale =
                record("lead", AuditRecord.of("job.scale").team("payments").target(key));
        AuditEntry denied = record(
                "dev",
                AuditRecord.of("job.kill")
                        .team("payments")
                        .target(key)
                        .outcome(AuditOutcome.DENIED)
                        .message("Refused politely"));
        record("lead", AuditRecord.of("job.scale").team("search").target("search/prod/other"));

        AuditView view = open("target=" + key);
        assertThat(view.target.getValue()).isEqualTo(key);
        assertThat(seqs(view)).containsExactly(denied.seq(), scale.seq());

        view = open("target=" + key + "&actor=dev&outcome=DENIED&action=job.&team=payments&q=POLITELY");
        assertThat(view.actor.getValue()).isEqualTo("dev");
        assertThat(view.outcome.getValue()).isEqualTo(AuditOutcome.DENIED);
        assertThat(view.action.getValue()).isEqualTo("job.");
        assertThat(view.team.getValue()).isEqualTo("payments");
        assertThat(view.text.getValue()).isEqualTo("POLITELY");
        assertThat(seqs(view)).containsExactly(denied.seq());

        view = open("target=" + key + "&from=" + denied.at());
        assertThat(view.from.getValue()).isEqualTo(LocalDateTime.ofInstant(denied.at(), ZoneOffset.UTC));
        assertThat(seqs(view)).containsExactly(denied.seq());
        view = open("target=" + key + "&to=" + denied.at());
        assertThat(seqs(view)).containsExactly(scale.seq());

        // what a hand-edited URL gets wrong is shown at the field, and left out of the filter
        view = open("target=" + key + "&from=yesterday&outcome=MAYBE");
        assertThat(view.from.isInvalid()).isTrue();
        assertThat(view.from.getErrorMessage()).contains("2026-01-31T12:00:00Z");
        assertThat(view.outcome.isInvalid()).isTrue();
        assertThat(view.outcome.getErrorMessage()).contains("SUCCESS, DENIED, FAILED");
        assertThat(seqs(view)).containsExactly(denied.seq(), scale.seq());

        view = open("target=" + key + "&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        assertThat(view.to.isInvalid()).isTrue();
        assertThat(view.entries()).isEmpty();
    }

    @Test
    @WithUserDetails("admin")
    void aRolloutPagesLinkOpensItsHistory() {
        String key = "payments/prod/" + Specs.unique("rolled");
        AuditEntry rollout =
                record("lead", AuditRecord.of("rollout.start").team("payments").target("rollout 42 of " + key));
        record("lead", AuditRecord.of("rollout.start").team("payments").target("rollout 420 of other"));

        AuditView view = open("target=rollout%2042%20of%20" + key.replace("/", "%2F"));

        assertThat(view.target.getValue()).isEqualTo("rollout 42 of " + key);
        assertThat(seqs(view)).containsExactly(rollout.seq());
    }

    @Test
    @WithUserDetails("admin")
    void changingAFilterShowsTheMatchingEntriesAndPutsTheFiltersInTheUrl() {
        String key = "payments/prod/" + Specs.unique("change");
        AuditEntry scale =
                record("lead", AuditRecord.of("job.scale").team("payments").target(key));
        AuditEntry kill =
                record("lead", AuditRecord.of("job.kill").team("payments").target(key));
        AuditView view = open("target=" + key);
        assertThat(seqs(view)).containsExactly(kill.seq(), scale.seq());

        view.action.setValue("job.scale");

        assertThat(seqs(view)).containsExactly(scale.seq());
        assertThat(view.location().getPathWithQueryParameters())
                .isEqualTo("audit?action=job.scale&target=" + key.replace("/", "%2F"));

        test(view.clear).click();
        assertThat(view.target.getValue()).isEmpty();
        assertThat(view.location().getPathWithQueryParameters()).isEqualTo("audit");
        assertThat(seqs(view)).startsWith(kill.seq(), scale.seq());
    }

    @Test
    @WithUserDetails("admin")
    void olderEntriesLoadAPageAtATimeBelowTheOldestShown() {
        String key = "payments/prod/" + Specs.unique("paging");
        List<Long> recorded = new ArrayList<>();
        for (int i = 0; i < 2 * AuditView.PAGE + 7; i++) {
            recorded.add(as(
                            UsernamePasswordAuthenticationToken.authenticated(
                                    "lead", null, AuthorityUtils.createAuthorityList("ROLE_USER")),
                            () -> trail.record(AuditRecord.of("job.restart")
                                    .team("payments")
                                    .target(key)))
                    .seq());
        }
        List<Long> newestFirst = recorded.reversed();
        AuditView view = open("target=" + key);

        assertThat(seqs(view)).isEqualTo(newestFirst.subList(0, AuditView.PAGE));
        assertThat(view.more.isEnabled()).isTrue();
        assertThat(view.shown.getText()).isEqualTo("50 entries shown");

        test(view.more).click();
        assertThat(seqs(view)).isEqualTo(newestFirst.subList(0, 2 * AuditView.PAGE));
        assertThat(view.more.isEnabled()).isTrue();

        test(view.more).click();
        assertThat(seqs(view)).isEqualTo(newestFirst);
        assertThat(view.more.isEnabled()).isFalse();
        assertThat(view.shown.getText()).isEqualTo((2 * AuditView.PAGE + 7) + " entries shown");
    }

    @Test
    @WithUserDetails("admin")
    void anEntryOpensWithAllItsFieldsAndItsChangesSideBySide() {
        String key = "payments/prod/" + Specs.unique("diff");
        AuditEntry entry = record(
                "lead",
                AuditRecord.of("job.create")
                        .team("payments")
                        .target(key)
                        .reason("launch day")
                        .change("instances", 3, 5)
                        .change("owner", null, "lead"));
        AuditView view = open("target=" + key);

        test(view.grid).clickRow(0);

        EntryDialog dialog = view.dialog;
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.getHeaderTitle()).isEqualTo("Audit entry " + entry.seq());
        assertThat(dialog.fields)
                .containsEntry("Actor", "lead")
                .containsEntry("Action", "job.create")
                .containsEntry("Team", "payments")
                .containsEntry("Target", key)
                .containsEntry("Outcome", "SUCCESS")
                .containsEntry("Reason", "launch day")
                .containsEntry("Source", "SYSTEM")
                .containsEntry("Entry hash", entry.entryHash());
        List<Element> rows = dialog.table.getChild(1).getChildren().toList();
        assertThat(rows).extracting(r -> r.getAttribute("data-field")).containsExactly("instances", "owner");
        Element instances = rows.get(0);
        assertThat(instances.getAttribute("class")).isEqualTo("borealis-diff-changed");
        assertThat(instances.getChild(1).getText()).isEqualTo("3");
        assertThat(instances.getChild(2).getText()).isEqualTo("5");
        assertThat(rows.get(1).getAttribute("class")).isEqualTo("borealis-diff-changed");
        assertThat(rows.get(1).getChild(1).getText()).isEqualTo("(none)");
        assertThat(rows.get(1).getChild(2).getText()).isEqualTo("lead");
    }

    @Test
    @WithUserDetails("admin")
    void theExportsHoldTheFilteredEntriesAndTheChainCanBeVerified() {
        String key = "payments/prod/" + Specs.unique("export");
        record("lead", AuditRecord.of("job.create").team("payments").target(key));
        record("lead", AuditRecord.of("job.scale").team("payments").target(key).change("instances", 1, 2));
        record("lead", AuditRecord.of("job.scale").team("payments").target("payments/prod/unrelated"));
        AuditView view = open("target=" + key);

        StringWriter csv = new StringWriter();
        assertThat(view.export("csv", csv)).isEqualTo(2);
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("seq,at,actor");
        assertThat(lines.subList(1, 3)).allSatisfy(line -> assertThat(line).contains("\"" + key + "\""));
        assertThat(lines.get(1)).contains("\"job.scale\"");

        StringWriter json = new StringWriter();
        view.export("json", json);
        assertThat(json.toString().lines()).hasSize(3); // the CSV export above is now one of the job's entries
        assertThat(json.toString().lines().toList().getFirst()).contains("\"action\":\"audit.export\"");

        test(view.verify).click();
        assertThat(view.verdict.isVisible()).isTrue();
        assertThat(view.verdict.getText()).startsWith("Chain intact: ");
    }

    @Test
    @WithUserDetails("lead")
    void aLeadSeesOnlyTheirTeamsEntries() {
        String key = Specs.unique("lead-scope");
        AuditEntry own =
                record("admin", AuditRecord.of("job.scale").team("payments").target(key + "/payments"));
        record("admin", AuditRecord.of("job.scale").team("search").target(key + "/search"));

        AuditView view = open("target=" + key);

        assertThat(seqs(view)).containsExactly(own.seq());
        assertThat(view.entries()).allSatisfy(e -> assertThat(e.team()).isEqualTo("payments"));
    }

    @Test
    @WithUserDetails("dev")
    void aDeveloperMayNotOpenTheAuditPage() {
        UI.getCurrent().navigate("audit");

        assertThat(getCurrentView()).isInstanceOf(ForbiddenView.class);
        assertThat(((ForbiddenView) getCurrentView()).reasonText()).contains("team leads");
    }
}
