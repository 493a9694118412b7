package io.borealis.job.spec;

import io.borealis.error.InvalidInputException;
import io.borealis.job.JobSpec;
import io.borealis.job.TaskConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and writes job specs as JSON or YAML, and task configurations as the JSON they are stored
 * as. Reading is strict where people type (unknown fields, wrong types and bad syntax are refused
 * with the field's path and line) and lenient where Borealis reads its own stored data.
 */
public final class JobSpecFormat {

    /** The two notations people may use. */
    public enum Notation {
        JSON,
        YAML
    }

    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private static final ObjectMapper STRICT_YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private static final ObjectMapper STORAGE = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private JobSpecFormat() {}

    /** Parses a spec document; refuses bad syntax, unknown fields and wrong types with the path. */
    public static JobSpec read(String text, Notation notation) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("spec", "is empty: write the job as " + notation);
        }
        try {
            JobSpecDocument document = mapper(notation).readValue(text, JobSpecDocument.class);
            if (document == null) {
                throw new InvalidInputException("spec", "is empty: write the job as " + notation);
            }
            return document.toSpec();
        } catch (DatabindException e) {
            throw new InvalidInputException(path(e), describe(e));
        } catch (JacksonException e) {
            throw new InvalidInputException(
                    "spec", "is not valid " + notation + ": " + firstLine(e.getOriginalMessage()) + location(e));
        }
    }

    /** Writes a spec as a document people can edit. */
    public static String write(JobSpec spec, Notation notation) {
        return mapper(notation).writeValueAsString(JobSpecDocument.of(spec));
    }

    /** The stored form of a task configuration. */
    public static String storedJson(TaskConfig config) {
        return STORAGE.writeValueAsString(JobSpecDocument.Task.of(config));
    }

    /** Reads a stored task configuration. */
    public static TaskConfig fromStoredJson(String json) {
        return STORAGE.readValue(json, JobSpecDocument.Task.class).toDomain();
    }

    /** A stable fingerprint of a task configuration (SHA-256 of its stored form). */
    public static String fingerprint(TaskConfig config) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(storedJson(config).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ObjectMapper mapper(Notation notation) {
        return notation == Notation.YAML ? STRICT_YAML : STRICT_JSON;
    }

    /** The JSON path of the failing field, e.g. {@code task.resources.cpus} or {@code task.processes[0]}. */
    static String path(DatabindException e) {
        return fieldPath(e, "spec");
    }

    /**
     * The JSON path of the field a binding error is about, e.g. {@code task.processes[0]}, or
     * {@code whole} when the error is about the document itself.
     */
    public static String fieldPath(DatabindException e, String whole) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? whole : path.toString();
    }

    private static String describe(DatabindException e) {
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Unrecognized property")) {
            return "is not a known field" + location(e);
        }
        if (message.contains("Cannot deserialize value of type `java.lang.Double`")
                || message.contains("Cannot deserialize value of type `java.lang.Long`")
                || message.contains("Cannot deserialize value of type `java.lang.Integer`")) {
            return "must be a number" + location(e);
        }
        if (message.contains("not one of the values accepted for Enum class")) {
            int start = message.indexOf('[', message.indexOf("accepted for Enum class"));
            return "must be one of "
                    + (start >= 0 ? message.substring(start, message.indexOf(']', start) + 1) : "the allowed values")
                    + location(e);
        }
        if (message.contains("from Array value") || message.contains("START_ARRAY")) {
            return "must not be a list" + location(e);
        }
        if (message.contains("from Object value") || message.contains("START_OBJECT")) {
            return "must not be an object" + location(e);
        }
        if (message.contains("java.util.List") || message.contains("java.util.ArrayList")) {
            return "must be a list" + location(e);
        }
        return "has the wrong type: " + message + location(e);
    }

    private static String location(JacksonException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
