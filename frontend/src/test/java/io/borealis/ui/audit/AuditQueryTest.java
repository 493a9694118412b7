package io.borealis.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.audit.AuditOutcome;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditQueryTest {

    @Test
    void theUrlsParametersBecomeTheFilterAndBack() {
        AuditQuery query = AuditQuery.parse(Map.of(
                "from", "2026-01-31T12:00:00Z",
                "to", "2026-02-01T00:00:00Z",
                "actor", " lead ",
                "team", "payments",
                "action", "job.",
                "target", "payments/prod/web",
                "outcome", "denied",
                "q", "stuck"));

        assertThat(query.problems()).isEmpty();
        assertThat(query.from()).isEqualTo(LocalDateTime.of(2026, 1, 31, 12, 0));
        assertThat(query.outcome()).isEqualTo(AuditOutcome.DENIED);
        var filter = query.filter();
        assertThat(filter.from()).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(filter.to()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(filter.actor()).isEqualTo("lead");
        assertThat(filter.action()).isEqualTo("job.");
        assertThat(filter.text()).isEqualTo("stuck");
        assertThat(filter.onlyTeams()).isNull();
        assertThat(query.parameters())
                .containsExactly(
                        Map.entry("from", "2026-01-31T12:00:00Z"),
                        Map.entry("to", "2026-02-01T00:00:00Z"),
                        Map.entry("actor", "lead"),
                        Map.entry("team", "payments"),
                        Map.entry("action", "job."),
                        Map.entry("target", "payments/prod/web"),
                        Map.entry("outcome", "DENIED"),
                        Map.entry("q", "stuck"));
    }

    @Test
    void badValuesAreProblemsAndLeftOut() {
        AuditQuery query = AuditQuery.parse(Map.of("from", "last week", "to", "", "outcome", "MAYBE", "actor", " "));

        assertThat(query.problems()).extracting(p -> p.field()).containsExactlyInAnyOrder("from", "outcome");
        assertThat(query.from()).isNull();
        assertThat(query.outcome()).isNull();
        assertThat(query.actor()).isNull();
        assertThat(query.parameters()).isEmpty();
    }

    @Test
    void aRangeEndingBeforeItStartsIsAProblem() {
        AuditQuery query = AuditQuery.parse(Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"));

        assertThat(query.rangeProblem()).isEqualTo("must be after From");
        assertThat(AuditQuery.parse(Map.of("from", "2026-01-01T00:00:00Z")).rangeProblem())
                .isNull();
    }
}
