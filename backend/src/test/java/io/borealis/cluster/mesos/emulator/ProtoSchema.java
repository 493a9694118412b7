package io.borealis.cluster.mesos.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads JSON into (a subset of) the Mesos v1 protobuf messages the way stout's
 * {@code protobuf::parse} does (section 1.2 of the wire-protocol digest), without generated classes:
 * a small schema of the messages a scheduler or operator client sends, and a walker that
 *
 * <ul>
 *   <li>ignores unknown keys (and reports them, so tests can see typos such as {@code revive.role});
 *   <li>treats {@code null} as unset;
 *   <li>looks enums up by name; an unknown name unsets an optional enum (a required one then fails as
 *       missing); a number for an enum is refused;
 *   <li>accepts numbers given as strings ({@code "5"}, {@code "Infinity"} for doubles) and booleans
 *       as {@code "true"}/{@code "false"};
 *   <li>decodes {@code bytes} as standard base64 (padding optional, whitespace skipped) and refuses
 *       the URL-safe alphabet;
 *   <li>refuses wrong JSON types (an object for a scalar, an array for a singular field, a scalar for
 *       a repeated one) and missing required fields anywhere in the tree (all of them, with paths).
 * </ul>
 *
 * Messages the emulator never looks into (container infos, reservations...) are opaque: any object.
 */
final class ProtoSchema {

    enum Kind {
        STRING,
        BOOL,
        DOUBLE,
        INT32,
        UINT32,
        INT64,
        UINT64,
        BYTES,
        ENUM,
        MESSAGE,
        OPAQUE
    }

    record Field(String name, Kind kind, String type, boolean required, boolean repeated) {}

    /** JSON that stout would refuse: the master answers 400 with this message. */
    static final class ParseError extends Exception {
        ParseError(String message) {
            super(message);
        }
    }

    private static final Map<String, Map<String, Field>> MESSAGES = new HashMap<>();
    private static final Map<String, Set<String>> ENUMS = new HashMap<>();

    static {
        enumeration(
                "scheduler.Call.Type",
                "UNKNOWN SUBSCRIBE TEARDOWN ACCEPT DECLINE ACCEPT_INVERSE_OFFERS DECLINE_INVERSE_OFFERS REVIVE KILL"
                        + " SHUTDOWN ACKNOWLEDGE ACKNOWLEDGE_OPERATION_STATUS RECONCILE RECONCILE_OPERATIONS MESSAGE"
                        + " REQUEST SUPPRESS UPDATE_FRAMEWORK");
        enumeration(
                "master.Call.Type",
                "UNKNOWN GET_HEALTH GET_FLAGS GET_VERSION GET_METRICS GET_LOGGING_LEVEL SET_LOGGING_LEVEL LIST_FILES"
                        + " READ_FILE GET_STATE GET_AGENTS GET_FRAMEWORKS GET_EXECUTORS GET_OPERATIONS GET_TASKS"
                        + " GET_ROLES GET_WEIGHTS UPDATE_WEIGHTS GET_MASTER SUBSCRIBE RESERVE_RESOURCES"
                        + " UNRESERVE_RESOURCES CREATE_VOLUMES DESTROY_VOLUMES GROW_VOLUME SHRINK_VOLUME"
                        + " GET_MAINTENANCE_STATUS GET_MAINTENANCE_SCHEDULE UPDATE_MAINTENANCE_SCHEDULE"
                        + " START_MAINTENANCE STOP_MAINTENANCE DRAIN_AGENT DEACTIVATE_AGENT REACTIVATE_AGENT"
                        + " GET_QUOTA UPDATE_QUOTA SET_QUOTA REMOVE_QUOTA TEARDOWN MARK_AGENT_GONE");
        enumeration(
                "FrameworkInfo.Capability.Type",
                "UNKNOWN REVOCABLE_RESOURCES TASK_KILLING_STATE GPU_RESOURCES SHARED_RESOURCES PARTITION_AWARE"
                        + " MULTI_ROLE RESERVATION_REFINEMENT REGION_AWARE");
        enumeration(
                "Offer.Operation.Type",
                "UNKNOWN LAUNCH LAUNCH_GROUP RESERVE UNRESERVE CREATE DESTROY GROW_VOLUME SHRINK_VOLUME CREATE_DISK"
                        + " DESTROY_DISK");
        enumeration("Value.Type", "SCALAR RANGES SET TEXT");
        enumeration("Environment.Variable.Type", "UNKNOWN VALUE SECRET");
        enumeration("HealthCheck.Type", "UNKNOWN COMMAND HTTP TCP");
        enumeration("NetworkInfo.Protocol", "IPv4 IPv6");

        message("ID", "!value string");
        message(
                "scheduler.Call",
                "framework_id ID",
                "type enum:scheduler.Call.Type",
                "subscribe Subscribe",
                "accept Accept",
                "decline Decline",
                "accept_inverse_offers AcceptInverseOffers",
                "decline_inverse_offers DeclineInverseOffers",
                "revive Roles",
                "kill Kill",
                "shutdown Shutdown",
                "acknowledge Acknowledge",
                "acknowledge_operation_status AcknowledgeOperationStatus",
                "reconcile Reconcile",
                "reconcile_operations ReconcileOperations",
                "message Message",
                "request Request",
                "suppress Roles",
                "update_framework UpdateFramework");
        message("Subscribe", "!framework_info FrameworkInfo", "suppressed_roles string*", "offer_constraints opaque");
        message(
                "FrameworkInfo",
                "!user string",
                "!name string",
                "id ID",
                "failover_timeout double",
                "checkpoint bool",
                "role string",
                "roles string*",
                "hostname string",
                "principal string",
                "webui_url string",
                "capabilities Capability*",
                "labels Labels",
                "offer_filters opaque");
        message("Capability", "type enum:FrameworkInfo.Capability.Type");
        message("Labels", "labels Label*");
        message("Label", "!key string", "value string");
        message("Accept", "offer_ids ID*", "operations Operation*", "filters Filters");
        message("Filters", "refuse_seconds double");
        message(
                "Operation",
                "type enum:Offer.Operation.Type",
                "id ID",
                "launch Launch",
                "launch_group opaque",
                "reserve opaque",
                "unreserve opaque",
                "create opaque",
                "destroy opaque",
                "grow_volume opaque",
                "shrink_volume opaque",
                "create_disk opaque",
                "destroy_disk opaque");
        message("Launch", "task_infos TaskInfo*");
        message(
                "TaskInfo",
                "!name string",
                "!task_id ID",
                "!agent_id ID",
                "resources Resource*",
                "executor opaque",
                "command CommandInfo",
                "container opaque",
                "health_check HealthCheck",
                "check opaque",
                "kill_policy KillPolicy",
                "data bytes",
                "labels Labels",
                "discovery opaque",
                "max_completion_time Duration",
                "limits opaque");
        message(
                "Resource",
                "!name string",
                "!type enum:Value.Type",
                "scalar Scalar",
                "ranges Ranges",
                "set ValueSet",
                "role string",
                "allocation_info AllocationInfo",
                "reservation opaque",
                "reservations opaque*",
                "disk opaque",
                "revocable opaque",
                "shared opaque",
                "provider_id opaque");
        message("Scalar", "!value double");
        message("Ranges", "range Range*");
        message("Range", "!begin uint64", "!end uint64");
        message("ValueSet", "item string*");
        message("AllocationInfo", "role string");
        message(
                "CommandInfo",
                "uris URI*",
                "environment Environment",
                "shell bool",
                "value string",
                "arguments string*",
                "user string");
        message("URI", "!value string", "executable bool", "extract bool", "cache bool", "output_file string");
        message("Environment", "variables Variable*");
        message("Variable", "!name string", "type enum:Environment.Variable.Type", "value string", "secret opaque");
        message(
                "HealthCheck",
                "delay_seconds double",
                "interval_seconds double",
                "timeout_seconds double",
                "consecutive_failures uint32",
                "grace_period_seconds double",
                "type enum:HealthCheck.Type",
                "command CommandInfo",
                "http HttpCheck",
                "tcp TcpCheck");
        message(
                "HttpCheck",
                "protocol enum:NetworkInfo.Protocol",
                "scheme string",
                "!port uint32",
                "path string",
                "statuses uint32*");
        message("TcpCheck", "protocol enum:NetworkInfo.Protocol", "!port uint32");
        message("KillPolicy", "grace_period Duration");
        message("Duration", "!nanoseconds int64");
        message("Decline", "offer_ids ID*", "filters Filters");
        message("AcceptInverseOffers", "inverse_offer_ids ID*", "filters Filters");
        message("DeclineInverseOffers", "inverse_offer_ids ID*", "filters Filters");
        message("Roles", "roles string*");
        message("Kill", "!task_id ID", "agent_id ID", "kill_policy KillPolicy");
        message("Shutdown", "!executor_id ID", "!agent_id ID");
        message("Acknowledge", "!agent_id ID", "!task_id ID", "!uuid bytes");
        message(
                "AcknowledgeOperationStatus",
                "agent_id ID",
                "resource_provider_id ID",
                "!uuid bytes",
                "!operation_id ID");
        message("Reconcile", "tasks ReconcileTask*");
        message("ReconcileTask", "!task_id ID", "agent_id ID");
        message("ReconcileOperations", "operations ReconcileOperation*");
        message("ReconcileOperation", "!operation_id ID", "agent_id ID", "resource_provider_id ID");
        message("Message", "!agent_id ID", "!executor_id ID", "!data bytes");
        message("Request", "requests opaque*");
        message(
                "UpdateFramework",
                "!framework_info FrameworkInfo",
                "suppressed_roles string*",
                "offer_constraints opaque");

        List<String> masterCall = new ArrayList<>(List.of("type enum:master.Call.Type"));
        for (String sub : ("get_metrics set_logging_level list_files read_file update_weights reserve_resources"
                        + " unreserve_resources create_volumes destroy_volumes grow_volume shrink_volume"
                        + " update_maintenance_schedule start_maintenance stop_maintenance drain_agent"
                        + " deactivate_agent reactivate_agent update_quota set_quota remove_quota teardown"
                        + " mark_agent_gone")
                .split(" ")) {
            masterCall.add(sub + " opaque");
        }
        message("master.Call", masterCall.toArray(String[]::new));
    }

    private ProtoSchema() {}

    private static void enumeration(String name, String values) {
        ENUMS.put(name, Set.of(values.split(" ")));
    }

    /** Fields as {@code [!]name type[*]}: '!' required, '*' repeated; types as in {@link Kind}. */
    private static void message(String name, String... fields) {
        Map<String, Field> definition = new LinkedHashMap<>();
        for (String spec : fields) {
            String[] parts = spec.split(" ");
            boolean required = parts[0].startsWith("!");
            String fieldName = required ? parts[0].substring(1) : parts[0];
            String type = parts[1];
            boolean repeated = type.endsWith("*");
            type = repeated ? type.substring(0, type.length() - 1) : type;
            Kind kind;
            if (type.startsWith("enum:")) {
                kind = Kind.ENUM;
                type = type.substring(5);
            } else {
                kind = switch (type) {
                    case "string" -> Kind.STRING;
                    case "bool" -> Kind.BOOL;
                    case "double" -> Kind.DOUBLE;
                    case "int32" -> Kind.INT32;
                    case "uint32" -> Kind.UINT32;
                    case "int64" -> Kind.INT64;
                    case "uint64" -> Kind.UINT64;
                    case "bytes" -> Kind.BYTES;
                    case "opaque" -> Kind.OPAQUE;
                    default -> Kind.MESSAGE;
                };
            }
            definition.put(fieldName, new Field(fieldName, kind, type, required, repeated));
        }
        MESSAGES.put(name, definition);
    }

    /**
     * Checks {@code json} as message {@code type}, unsetting unknown optional enum values in place.
     * Returns the paths of unknown keys (ignored, as a master ignores them).
     */
    static List<String> parse(ObjectNode json, String type) throws ParseError {
        List<String> unknown = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        walk(json, type, "", unknown, missing);
        if (!missing.isEmpty()) {
            throw new ParseError("Missing required fields: " + String.join(", ", missing));
        }
        return unknown;
    }

    private static void walk(ObjectNode json, String type, String path, List<String> unknown, List<String> missing)
            throws ParseError {
        Map<String, Field> fields = MESSAGES.get(type);
        List<String> toUnset = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            Field field = fields.get(key);
            if (field == null) {
                unknown.add(path + key);
                continue;
            }
            if (value.isNull()) {
                toUnset.add(key);
                continue;
            }
            if (field.repeated()) {
                if (!value.isArray()) {
                    throw new ParseError(
                            "Not expecting a JSON " + jsonType(value) + " for repeated field '" + key + "'");
                }
                List<Integer> dropped = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    if (!element(field, value.get(i), path + key + "[" + i + "].", unknown, missing)) {
                        dropped.add(i);
                    }
                }
                for (int i = dropped.size() - 1; i >= 0; i--) {
                    ((tools.jackson.databind.node.ArrayNode) value).remove(dropped.get(i));
                }
            } else {
                if (value.isArray()) {
                    throw new ParseError("Not expecting a JSON array for field '" + key + "'");
                }
                if (!element(field, value, path + key + ".", unknown, missing)) {
                    toUnset.add(key);
                }
            }
        }
        toUnset.forEach(json::remove);
        for (Field field : fields.values()) {
            if (field.required() && !json.has(field.name())) {
                missing.add(path + field.name());
            }
        }
    }

    /** Checks one value; false when it is to be unset (an unknown enum name). */
    private static boolean element(Field field, JsonNode value, String path, List<String> unknown, List<String> missing)
            throws ParseError {
        String name = field.name();
        switch (field.kind()) {
            case MESSAGE -> {
                if (!value.isObject()) {
                    throw new ParseError("Not expecting a JSON " + jsonType(value) + " for field '" + name + "'");
                }
                walk((ObjectNode) value, field.type(), path, unknown, missing);
            }
            case OPAQUE -> {
                if (!value.isObject()) {
                    throw new ParseError("Not expecting a JSON " + jsonType(value) + " for field '" + name + "'");
                }
            }
            case STRING -> {
                if (!value.isString()) {
                    throw new ParseError("Not expecting a JSON " + jsonType(value) + " for field '" + name + "'");
                }
            }
            case BOOL -> {
                if (!value.isBoolean()
                        && !(value.isString()
                                && ("true".equals(value.asString()) || "false".equals(value.asString())))) {
                    throw new ParseError("Not expecting a JSON " + jsonType(value) + " for field '" + name + "'");
                }
            }
            case DOUBLE -> number(value, name, false);
            case INT32, UINT32, INT64, UINT64 -> number(value, name, true);
            case BYTES -> {
                if (!value.isString()) {
                    throw new ParseError("Not expecting a JSON " + jsonType(value) + " for field '" + name + "'");
                }
                try {
                    decodeBase64(value.asString());
                } catch (IllegalArgumentException e) {
                    throw new ParseError("Failed to base64 decode bytes field '" + name + "': " + e.getMessage());
                }
            }
            case ENUM -> {
                if (value.isNumber()) {
                    throw new ParseError("Not expecting a JSON number for field '" + name + "'");
                }
                if (!value.isString()) {
                    throw new ParseError("Not expecting a JSON " + jsonType(value) + " for field '" + name + "'");
                }
                return ENUMS.get(field.type()).contains(value.asString());
            }
        }
        return true;
    }

    private static void number(JsonNode value, String name, boolean integral) throws ParseError {
        if (value.isNumber()) {
            if (integral && !value.isIntegralNumber() && value.asDouble() != Math.rint(value.asDouble())) {
                throw new ParseError("Not expecting a non-integer JSON number for field '" + name + "'");
            }
            return;
        }
        if (value.isString()) {
            String text = value.asString().strip();
            try {
                if (integral) {
                    Long.parseLong(text);
                } else if (!text.equals("Infinity") && !text.equals("-Infinity")) {
                    Double.parseDouble(text);
                }
                return;
            } catch (NumberFormatException e) {
                throw new ParseError("Failed to convert '" + text + "' to number for field '" + name + "'");
            }
        }
        throw new ParseError("Not expecting a JSON " + jsonType(value) + " for field '" + name + "'");
    }

    /** Standard base64 as stout decodes it: padding optional, whitespace skipped, '-' and '_' refused. */
    static byte[] decodeBase64(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (c == '-' || c == '_') {
                throw new IllegalArgumentException("invalid character '" + c + "' (URL-safe alphabet)");
            }
            clean.append(c);
        }
        String unpadded = clean.toString().replaceAll("=+$", "");
        int pad = (4 - unpadded.length() % 4) % 4;
        if (pad == 3) {
            throw new IllegalArgumentException("invalid length");
        }
        return java.util.Base64.getDecoder().decode(unpadded + "=".repeat(pad));
    }

    private static String jsonType(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isString()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return "null";
    }
}
