package io.borealis.task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Assigned ports as stored: a small JSON object of name to number. */
public final class TaskPorts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TaskPorts() {}

    public static String toJson(Map<String, Integer> ports) {
        return ports.isEmpty() ? null : JSON.writeValueAsString(new TreeMap<>(ports));
    }

    public static Map<String, Integer> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Integer>>() {});
    }
}
