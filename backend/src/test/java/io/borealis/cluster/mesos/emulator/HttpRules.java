package io.borealis.cluster.mesos.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** HTTP details shared by the emulated master and agents: answers, Accept negotiation, Basic auth. */
final class HttpRules {

    static final String JSON = "application/json";
    static final String PROTOBUF = "application/x-protobuf";
    static final String TEXT = "text/plain; charset=utf-8";

    private HttpRules() {}

    /** A plain-text answer (Mesos' error bodies) or an empty one. */
    static void text(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", TEXT);
        }
        send(exchange, status, bytes);
    }

    /** A JSON answer. */
    static void json(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", JSON);
        send(exchange, status, body);
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /**
     * Whether a media type is acceptable under an Accept header (absent: anything), as libprocess
     * decides: a matching range ({@code type/subtype}, {@code type/*}, {@code * /*}) with q above 0;
     * the most specific matching range decides.
     */
    static boolean accepts(String acceptHeader, String mediaType) {
        if (acceptHeader == null || acceptHeader.isBlank()) {
            return true;
        }
        String type = mediaType.substring(0, mediaType.indexOf('/'));
        int bestSpecificity = -1;
        double bestQ = 0;
        for (String entry : acceptHeader.split(",")) {
            String[] parts = entry.split(";");
            String range = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                if (parameter.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            int specificity =
                    range.equals(mediaType) ? 2 : range.equals(type + "/*") ? 1 : range.equals("*/*") ? 0 : -1;
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                bestQ = q;
            }
        }
        return bestSpecificity >= 0 && bestQ > 0;
    }

    /**
     * The principal of valid Basic credentials, or null. Like Mesos' basic authenticator the decoded
     * text is split on every ':', so a secret containing ':' never authenticates.
     */
    static String basicPrincipal(HttpExchange exchange, String principal, String secret) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String[] parts = decoded.split(":", -1);
        if (parts.length != 2 || !parts[0].equals(principal) || !parts[1].equals(secret)) {
            return null;
        }
        return parts[0];
    }

    /** 401 with the challenge of the given realm. */
    static void unauthorized(HttpExchange exchange, String realm) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        text(exchange, 401, "401 Unauthorized.");
    }

    /** RecordIO framing of one record: the decimal byte length, a newline, the bytes. */
    static byte[] recordIo(byte[] payload) {
        byte[] header = (payload.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] record = new byte[header.length + payload.length];
        System.arraycopy(header, 0, record, 0, header.length);
        System.arraycopy(payload, 0, record, header.length, payload.length);
        return record;
    }

    /**
     * A string as stout's JSON writer writes it: byte by byte, escaping only quote, backslash, '/',
     * the usual control escapes and other bytes below 0x20 or 0x7f as {@code \\u00XX}; every other
     * byte (including parts of multi-byte characters) is written as is.
     */
    static byte[] stoutString(byte[] raw) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length + 2);
        out.write('"');
        for (byte b : raw) {
            int c = b & 0xFF;
            String escape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '/' -> "\\/";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : null;
            };
            if (escape == null) {
                out.write(c);
            } else {
                out.writeBytes(escape.getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.write('"');
        return out.toByteArray();
    }
}
