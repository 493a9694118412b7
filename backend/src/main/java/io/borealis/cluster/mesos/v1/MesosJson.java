package io.borealis.cluster.mesos.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON codec for the Mesos v1 APIs, following section 1 of the wire-protocol digest: snake_case
 * names, enums as their names, unset fields left out, int64 read as {@code long} (never through a
 * double), unknown fields and unknown enum names tolerated, and the bare {@code Infinity},
 * {@code -Infinity} and {@code NaN} tokens a master writes for doubles accepted. Thread-safe.
 */
public final class MesosJson {

    /** The only JSON content type a master accepts, compared verbatim (no charset parameter). */
    public static final String CONTENT_TYPE = "application/json";

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(include -> include.withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** The UTF-8 bytes of a call (or any model record). */
    public byte[] write(Object message) {
        return mapper.writeValueAsBytes(message);
    }

    /** Reads one model record; throws {@link MesosJsonException} with the reason when it cannot. */
    public <T> T read(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new MesosJsonException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads one event of the subscription stream. */
    public SchedulerEvent readEvent(byte[] record) {
        return read(record, SchedulerEvent.class);
    }

    /** Reads any JSON document as a tree (for bodies Borealis only looks into, like agent state). */
    public JsonNode readTree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            throw new MesosJsonException("cannot read JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON document Borealis could not read. */
    public static final class MesosJsonException extends RuntimeException {
        MesosJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
