package io.borealis.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditDiffTest {

    @Test
    void eachFieldIsARowMarkedChangedWhenItsValuesDiffer() {
        var rows = AuditDiff.rows(
                "{\"instances\":{\"before\":\"3\",\"after\":\"5\"},\"tier\":{\"before\":\"prod\",\"after\":\"prod\"},"
                        + "\"owner\":{\"before\":null,\"after\":\"lead\"}}");

        assertThat(rows)
                .containsExactly(
                        new AuditDiff.Row("instances", "3", "5"),
                        new AuditDiff.Row("tier", "prod", "prod"),
                        new AuditDiff.Row("owner", null, "lead"));
        assertThat(rows).extracting(AuditDiff.Row::changed).containsExactly(true, false, true);
    }

    @Test
    void noOrUnreadableChanges() {
        assertThat(AuditDiff.rows(null)).isEmpty();
        assertThat(AuditDiff.rows(" ")).isEmpty();
        assertThat(AuditDiff.rows("not json")).containsExactly(new AuditDiff.Row("(changes)", null, "not json"));
    }
}
