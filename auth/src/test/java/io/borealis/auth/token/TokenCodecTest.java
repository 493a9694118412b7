package io.borealis.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenCodecTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void aNewTokenHasTheDocumentedShapeAndParsesBack() {
        TokenCodec.Parts parts = TokenCodec.generate(random);

        String text = parts.text();
        assertThat(text).hasSize(TokenCodec.LENGTH).startsWith("brl_").matches("brl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        assertThat(TokenCodec.parse(text)).contains(parts);
        assertThat(TokenCodec.isId(parts.id())).isTrue();
    }

    @Test
    void tokensAreNotRepeated() {
        Set<String> ids = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            TokenCodec.Parts parts = TokenCodec.generate(random);
            ids.add(parts.id());
            secrets.add(parts.secret());
        }
        assertThat(ids).hasSize(1000);
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void textThatIsNotShapedLikeATokenIsRefusedWithoutALookup() {
        String good = TokenCodec.generate(random).text();

        assertThat(TokenCodec.parse(null)).isEmpty();
        assertThat(TokenCodec.parse("")).isEmpty();
        assertThat(TokenCodec.parse(good.substring(1))).isEmpty();
        assertThat(TokenCodec.parse(good + "x")).isEmpty();
        assertThat(TokenCodec.parse("xyz_" + good.substring(4))).isEmpty();
        assertThat(TokenCodec.parse(good.substring(0, 20) + "." + good.substring(21)))
                .isEmpty();
        assertThat(TokenCodec.parse("brl_" + "G".repeat(16) + good.substring(20)))
                .isEmpty();
        assertThat(TokenCodec.parse(good.substring(0, 30) + "+" + good.substring(31)))
                .isEmpty();
        assertThat(TokenCodec.isId("../etc/passwd")).isFalse();
    }

    @Test
    void onlyTheSha256OfTheSecretIsKeptAndItMatchesOnlyThatSecret() {
        TokenCodec.Parts parts = TokenCodec.generate(random);

        String hash = TokenCodec.hash(parts.secret());

        assertThat(hash).hasSize(64).matches("[0-9a-f]+").doesNotContain(parts.secret());
        assertThat(TokenCodec.matches(parts.secret(), hash)).isTrue();
        assertThat(TokenCodec.matches(TokenCodec.generate(random).secret(), hash))
                .isFalse();
        assertThat(TokenCodec.matches(parts.secret(), null)).isFalse();
        // the SHA-256 test vector for "abc"
        assertThat(TokenCodec.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void printingPartsNeverShowsTheSecret() {
        TokenCodec.Parts parts = TokenCodec.generate(random);

        assertThat(parts.toString()).contains(parts.id()).doesNotContain(parts.secret());
    }
}
