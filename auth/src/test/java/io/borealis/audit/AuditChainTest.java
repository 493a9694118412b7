package io.borealis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final byte[] KEY = "a key of at least thirty-two characters!".getBytes(StandardCharsets.UTF_8);

    private static AuditEntry entry(String actor, String target) {
        return new AuditEntry(
                1,
                Instant.parse("2026-11-24T12:00:00Z"),
                actor,
                null,
                AuditSource.UI,
                "127.0.0.1",
                "job.scale",
                "payments",
                target,
                AuditOutcome.SUCCESS,
                null,
                null,
                null,
                AuditChain.GENESIS,
                null);
    }

    @Test
    void theHashDependsOnEveryFieldThePreviousHashAndTheKey() {
        String hash = AuditChain.hash(KEY, AuditChain.GENESIS, entry("dana", "payments/prod/web"));

        assertThat(hash)
                .hasSize(64)
                .isEqualTo(AuditChain.hash(KEY, AuditChain.GENESIS, entry("dana", "payments/prod/web")));
        assertThat(AuditChain.hash(KEY, AuditChain.GENESIS, entry("dan", "payments/prod/web")))
                .isNotEqualTo(hash);
        assertThat(AuditChain.hash(KEY, "1".repeat(64), entry("dana", "payments/prod/web")))
                .isNotEqualTo(hash);
        assertThat(AuditChain.hash(
                        "another key, also long enough to count".getBytes(StandardCharsets.UTF_8),
                        AuditChain.GENESIS,
                        entry("dana", "payments/prod/web")))
                .isNotEqualTo(hash);
    }

    @Test
    void fieldsCannotBleedIntoEachOther() {
        // "ab" + "c" and "a" + "bc" must not hash alike
        assertThat(AuditChain.canonical(entry("ab", "c"))).isNotEqualTo(AuditChain.canonical(entry("a", "bc")));
        assertThat(AuditChain.canonical(entry(null, "x"))).isNotEqualTo(AuditChain.canonical(entry("", "x")));
    }
}
