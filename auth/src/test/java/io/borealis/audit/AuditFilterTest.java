package io.borealis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuditFilterTest {

    @Test
    void theUpperBoundOfAPrefixIsThePrefixWithItsLastCharacterIncremented() {
        assertThat(AuditFilter.prefixUpperBound("payments/prod/web")).isEqualTo("payments/prod/wec");
        assertThat(AuditFilter.prefixUpperBound("a/")).isEqualTo("a0");
        assertThat("payments/prod/web-2").isLessThan(AuditFilter.prefixUpperBound("payments/prod/web"));
    }

    @Test
    void thereIsNoSimpleBoundAfterSurrogatesOrTheLastCharacter() {
        assertThat(AuditFilter.prefixUpperBound("job-\uD83D\uDE00")).isNull();
        assertThat(AuditFilter.prefixUpperBound("job-\uFFFF")).isNull();
        assertThat(AuditFilter.prefixUpperBound("job-\uD7FF")).isNull();
    }

    @Test
    void onPostgresATargetPrefixAlsoGetsTheIndexableRange() {
        AuditFilter filter = new AuditFilter(null, null, null, null, null, " t/prod/web_1 ", null, null, null);
        StringBuilder postgres = new StringBuilder();
        Map<String, Object> params = new TreeMap<>();
        filter.appendTo(postgres, params, true);

        assertThat(postgres.toString())
                .contains("target like :target", "target ~>=~ :targetFrom", "target ~<~ :targetTo");
        assertThat(params)
                .containsEntry("target", "t/prod/web\\_1%")
                .containsEntry("targetFrom", "t/prod/web_1")
                .containsEntry("targetTo", "t/prod/web_2");

        StringBuilder h2 = new StringBuilder();
        filter.appendTo(h2, new TreeMap<>(), false);
        assertThat(h2.toString()).contains("target like :target").doesNotContain("~");
    }
}
