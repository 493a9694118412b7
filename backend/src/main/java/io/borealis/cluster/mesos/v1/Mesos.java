package io.borealis.cluster.mesos.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Messages of {@code include/mesos/v1/mesos.proto} (the subset Borealis reads or writes). Field
 * names become snake_case JSON names through {@link MesosJson}; null fields are left out, as a
 * master leaves out unset optional fields. Opaque parts Borealis only passes through (reservations,
 * disk info) stay JSON trees so that they are echoed back unchanged.
 */
public final class Mesos {

    private Mesos() {}

    /** Any of FrameworkID, AgentID, OfferID, TaskID, ExecutorID: {@code {"value": "..."}}. */
    public record Id(String value) {

        public static Id of(String value) {
            return value == null ? null : new Id(value);
        }

        /** The value of a possibly absent id. */
        public static String valueOf(Id id) {
            return id == null ? null : id.value();
        }
    }

    /** {@code Value.Type}. {@link #UNKNOWN} stands for names this code does not know. */
    public enum ValueType {
        SCALAR,
        RANGES,
        SET,
        TEXT,
        @JsonEnumDefaultValue
        UNKNOWN
    }

    /** {@code Value.Scalar}: a double, rounded by Mesos to three decimal places. */
    public record Scalar(Double value) {}

    /** {@code Value.Range}: inclusive bounds (uint64 on the wire). */
    public record Range(Long begin, Long end) {}

    /** {@code Value.Ranges}. */
    public record Ranges(List<Range> range) {}

    /** {@code Value.Set}. */
    public record ValueSet(List<String> item) {}

    /** {@code Value.Text}. */
    public record Text(String value) {}

    /** {@code Resource.AllocationInfo}: the role an offered resource is allocated to (MULTI_ROLE). */
    public record AllocationInfo(String role) {}

    /**
     * {@code Resource}. Borealis builds task resources from the offer's entries, keeping their role,
     * allocation and reservation fields as offered, so that the master finds them in the offer.
     */
    public record Resource(
            String name,
            ValueType type,
            Scalar scalar,
            Ranges ranges,
            ValueSet set,
            String role,
            AllocationInfo allocationInfo,
            JsonNode reservation,
            List<JsonNode> reservations,
            JsonNode disk,
            JsonNode revocable,
            JsonNode shared,
            JsonNode providerId) {

        public static Resource scalar(String name, double value) {
            return new Resource(
                    name,
                    ValueType.SCALAR,
                    new Scalar(value),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        public static Resource ranges(String name, List<Range> ranges) {
            return new Resource(
                    name,
                    ValueType.RANGES,
                    null,
                    new Ranges(ranges),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        /** The same resource (role, allocation, reservation) with another scalar value. */
        public Resource withScalar(double value) {
            return new Resource(
                    name,
                    type,
                    new Scalar(value),
                    null,
                    null,
                    role,
                    allocationInfo,
                    reservation,
                    reservations,
                    disk,
                    revocable,
                    shared,
                    providerId);
        }

        /** The same resource (role, allocation, reservation) with other ranges. */
        public Resource withRanges(List<Range> value) {
            return new Resource(
                    name,
                    type,
                    null,
                    new Ranges(value),
                    null,
                    role,
                    allocationInfo,
                    reservation,
                    reservations,
                    disk,
                    revocable,
                    shared,
                    providerId);
        }

        public double scalarValue() {
            return scalar == null || scalar.value() == null ? 0 : scalar.value();
        }

        public List<Range> rangeList() {
            return ranges == null || ranges.range() == null ? List.of() : ranges.range();
        }

        /** Plain resources: no persistent volume, not shared, not revocable, no resource provider. */
        @JsonIgnore
        public boolean isPlain() {
            return disk == null && shared == null && revocable == null && providerId == null;
        }
    }

    /** {@code Attribute}: a fact about an agent (TEXT, SCALAR, RANGES or SET). */
    public record Attribute(String name, ValueType type, Scalar scalar, Ranges ranges, ValueSet set, Text text) {

        public static Attribute text(String name, String value) {
            return new Attribute(name, ValueType.TEXT, null, null, null, new Text(value));
        }
    }

    /** {@code Address}. */
    public record Address(String hostname, String ip, Integer port) {}

    /** {@code URL}: where an agent's HTTP endpoints are. */
    public record Url(String scheme, Address address, String path) {}

    /** {@code Offer}. */
    public record Offer(
            Id id,
            Id frameworkId,
            Id agentId,
            String hostname,
            Url url,
            List<Resource> resources,
            List<Attribute> attributes,
            List<Id> executorIds,
            AllocationInfo allocationInfo) {

        public List<Resource> resourceList() {
            return resources == null ? List.of() : resources;
        }

        public List<Attribute> attributeList() {
            return attributes == null ? List.of() : attributes;
        }
    }

    /** {@code Label}. */
    public record Label(String key, String value) {}

    /** {@code Labels}. */
    public record Labels(List<Label> labels) {}

    /** {@code Environment.Variable} (type VALUE, the default, is left out). */
    public record Variable(String name, String value) {}

    /** {@code Environment}. */
    public record Environment(List<Variable> variables) {}

    /** {@code CommandInfo.URI}: something the agent fetches into the sandbox first. */
    public record Uri(String value, Boolean executable, Boolean extract) {}

    /** {@code CommandInfo}: with {@code shell} true Mesos runs {@code /bin/sh -c value}. */
    public record CommandInfo(
            Boolean shell, String value, Environment environment, List<Uri> uris, List<String> arguments) {

        public static CommandInfo shell(String script, Environment environment) {
            return new CommandInfo(true, script, environment, null, null);
        }
    }

    /** {@code DurationInfo} and {@code TimeInfo}: nanoseconds (int64). */
    public record DurationInfo(Long nanoseconds) {}

    /** {@code KillPolicy}. */
    public record KillPolicy(DurationInfo gracePeriod) {}

    /** {@code HealthCheck.HTTPCheckInfo}. */
    public record HttpCheckInfo(Integer port, String path) {}

    /** {@code HealthCheck}: type COMMAND, HTTP or TCP with the matching sub-object. */
    public record HealthCheck(
            String type,
            CommandInfo command,
            HttpCheckInfo http,
            Double delaySeconds,
            Double intervalSeconds,
            Double timeoutSeconds,
            Integer consecutiveFailures,
            Double gracePeriodSeconds) {}

    /** {@code TaskInfo} for the command executor (a {@code command}, no {@code executor}). */
    public record TaskInfo(
            String name,
            Id taskId,
            Id agentId,
            List<Resource> resources,
            CommandInfo command,
            HealthCheck healthCheck,
            KillPolicy killPolicy,
            Labels labels) {}

    /**
     * {@code TaskStatus}. The {@code uuid} is kept as the base64 text the master sent: it is echoed
     * verbatim in ACKNOWLEDGE and never decoded.
     */
    public record TaskStatus(
            Id taskId,
            String state,
            String message,
            String source,
            String reason,
            String data,
            Id agentId,
            Id executorId,
            Double timestamp,
            String uuid,
            Boolean healthy,
            DurationInfo unreachableTime) {}

    /** {@code FrameworkInfo.Capability}. */
    public record Capability(String type) {}

    /** {@code FrameworkInfo}. */
    public record FrameworkInfo(
            String user,
            String name,
            Id id,
            Double failoverTimeout,
            Boolean checkpoint,
            List<String> roles,
            String hostname,
            String principal,
            String webuiUrl,
            List<Capability> capabilities,
            Labels labels) {

        /** The same framework info naming the id the master assigned. */
        public FrameworkInfo withId(Id newId) {
            return new FrameworkInfo(
                    user,
                    name,
                    newId,
                    failoverTimeout,
                    checkpoint,
                    roles,
                    hostname,
                    principal,
                    webuiUrl,
                    capabilities,
                    labels);
        }
    }

    /** {@code MasterInfo}. */
    public record MasterInfo(
            String id, Long ip, Integer port, String pid, String hostname, String version, Address address) {}

    /** {@code Filters}: how long declined resources are not offered again. */
    public record Filters(Double refuseSeconds) {}
}
