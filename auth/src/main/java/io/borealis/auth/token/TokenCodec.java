package io.borealis.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text form of a personal API token (pure): {@code brl_<id>_<secret>}, where the id is 16
 * lower-case hex digits (64 random bits, the lookup key, safe to show and log) and the secret is
 * 256 random bits in unpadded base64url (43 characters, never stored). The {@code brl_} prefix lets
 * secret scanners and people recognise a Borealis token.
 */
public final class TokenCodec {

    public static final String PREFIX = "brl_";

    /** The whole token's length: prefix, id, separator, secret. */
    public static final int LENGTH = PREFIX.length() + 16 + 1 + 43;

    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final HexFormat HEX = HexFormat.of();

    private TokenCodec() {}

    /** A token's parts: the public id and the secret. */
    public record Parts(String id, String secret) {
        public String text() {
            return PREFIX + id + "_" + secret;
        }

        @Override
        public String toString() {
            // never print the secret
            return "Parts[id=" + id + "]";
        }
    }

    /** A new random token. */
    public static Parts generate(SecureRandom random) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new Parts(
                HEX.formatHex(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The parts of a token, or empty if the text is not shaped like one. */
    public static Optional<Parts> parse(String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String id = text.substring(PREFIX.length(), PREFIX.length() + 16);
        String secret = text.substring(PREFIX.length() + 17);
        if (text.charAt(PREFIX.length() + 16) != '_'
                || !ID.matcher(id).matches()
                || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parts(id, secret));
    }

    /** Whether the text could be a token id (for ids in URLs). */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** What is stored instead of the secret: its SHA-256, in hex. */
    public static String hash(String secret) {
        try {
            return HEX.formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether a secret matches a stored hash, in time that does not depend on where they differ. */
    public static boolean matches(String secret, String storedHash) {
        return storedHash != null
                && MessageDigest.isEqual(
                        hash(secret).getBytes(StandardCharsets.US_ASCII),
                        storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
