package io.borealis.ui.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An entry's changed fields as rows of a before/after table, read from its changes JSON. */
public final class AuditDiff {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One field: its value before and after, and whether the two differ. */
    public record Row(String field, String before, String after) {
        public boolean changed() {
            return !Objects.equals(before, after);
        }
    }

    private AuditDiff() {}

    /** The rows, by field name; none for an entry without changes or with unreadable changes. */
    public static List<Row> rows(String changes) {
        if (changes == null || changes.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(changes);
        } catch (RuntimeException e) {
            return List.of(new Row("(changes)", null, changes));
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            rows.add(new Row(field.getKey(), text(value.get("before")), text(value.get("after"))));
        }
        return rows;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
