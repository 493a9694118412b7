package io.borealis.scheduler;

import io.borealis.job.JobSpec;
import io.borealis.job.spec.JobSpecFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Field-by-field differences between two specs (pure): {@code task.resources.cpus: 0.5 -> 1}. */
public final class SpecDiff {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SpecDiff() {}

    public static List<JobPlan.FieldChange> between(JobSpec before, JobSpec after) {
        Map<String, String> old = before == null ? Map.of() : flatten(before);
        Map<String, String> now = flatten(after);
        List<JobPlan.FieldChange> changes = new ArrayList<>();
        for (String field : new TreeSet<>(union(old, now))) {
            String a = old.get(field);
            String b = now.get(field);
            if (!Objects.equals(a, b)) {
                changes.add(new JobPlan.FieldChange(field, a, b));
            }
        }
        return changes;
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    /**
     * The spec's fields for the audit log: environment values are left out (they often hold
     * credentials), only that a variable is set.
     */
    public static Map<String, String> forAudit(JobSpec spec) {
        Map<String, String> fields = flatten(spec);
        fields.replaceAll((field, value) -> field.startsWith("task.environment.") ? "(set)" : value);
        return fields;
    }

    static Map<String, String> flatten(JobSpec spec) {
        Map<String, String> fields = new TreeMap<>();
        flatten("", JSON.readTree(JobSpecFormat.write(spec, JobSpecFormat.Notation.JSON)), fields);
        return fields;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> fields) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            for (var entry : node.properties()) {
                flatten(path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), entry.getValue(), fields);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), fields);
            }
        } else {
            fields.put(path, node.asString());
        }
    }
}
