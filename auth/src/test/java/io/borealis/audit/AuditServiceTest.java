package io.borealis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditServiceTest {

    @Test
    void csvCellsAreQuotedAndFormulasDefused() {
        assertThat(AuditService.cell(null)).isEqualTo("");
        assertThat(AuditService.cell("plain")).isEqualTo("\"plain\"");
        assertThat(AuditService.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditService.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditService.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(AuditService.cell("-2")).isEqualTo("\"'-2\"");
        assertThat(AuditService.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    }
}
