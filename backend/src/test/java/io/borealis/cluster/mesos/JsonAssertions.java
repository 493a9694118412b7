package io.borealis.cluster.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON equality as a master sees it: key order and number spelling (256 vs 256.0) do not matter. */
final class JsonAssertions {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonAssertions() {}

    static void assertSameJson(byte[] actual, String expected) {
        JsonNode actualTree = normalize(MAPPER.readTree(actual));
        JsonNode expectedTree = normalize(MAPPER.readTree(expected));
        assertThat(actualTree).as("JSON %s", new String(actual)).isEqualTo(expectedTree);
    }

    static JsonNode tree(byte[] json) {
        return MAPPER.readTree(json);
    }

    private static JsonNode normalize(JsonNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isObject()) {
            ObjectNode copy = nodes.objectNode();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                copy.set(entry.getKey(), normalize(entry.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = nodes.arrayNode();
            node.forEach(element -> copy.add(normalize(element)));
            return copy;
        }
        if (node.isNumber()) {
            return nodes.numberNode(new BigDecimal(node.asString()).stripTrailingZeros());
        }
        return node;
    }
}
