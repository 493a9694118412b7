package io.borealis.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash chain (pure): each entry's hash is HMAC-SHA256 over the previous entry's hash and the
 * entry's own fields in a fixed, unambiguous order. Without the key, nobody can produce a valid
 * chain for changed rows.
 */
public final class AuditChain {

    /** The previous hash of the very first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** The fields of an entry as one string; each field is length-prefixed, so none can bleed into another. */
    static String canonical(AuditEntry entry) {
        StringBuilder text = new StringBuilder();
        field(text, Long.toString(entry.seq()));
        field(text, entry.at().toString());
        field(text, entry.actor());
        field(text, entry.actorToken());
        field(text, entry.source().name());
        field(text, entry.clientAddress());
        field(text, entry.action());
        field(text, entry.team());
        field(text, entry.target());
        field(text, entry.outcome().name());
        field(text, entry.reason());
        field(text, entry.message());
        field(text, entry.changes());
        return text.toString();
    }

    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("-1:");
        } else {
            text.append(value.length()).append(':').append(value);
        }
        text.append('|');
    }

    /** The hash of {@code entry} following {@code prevHash}. */
    public static String hash(byte[] key, String prevHash, AuditEntry entry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prevHash.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            mac.update(canonical(entry).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
