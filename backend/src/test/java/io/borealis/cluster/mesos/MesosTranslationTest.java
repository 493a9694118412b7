package io.borealis.cluster.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.cluster.AgentView;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.PortRange;
import io.borealis.cluster.ResourceOffer;
import io.borealis.cluster.TaskLaunch;
import io.borealis.cluster.TaskStatusUpdate;
import io.borealis.cluster.mesos.v1.MasterCall;
import io.borealis.cluster.mesos.v1.Mesos;
import io.borealis.cluster.mesos.v1.Mesos.Attribute;
import io.borealis.cluster.mesos.v1.Mesos.Id;
import io.borealis.cluster.mesos.v1.Mesos.Offer;
import io.borealis.cluster.mesos.v1.Mesos.Range;
import io.borealis.cluster.mesos.v1.Mesos.Resource;
import io.borealis.cluster.mesos.v1.Mesos.TaskInfo;
import io.borealis.cluster.mesos.v1.Mesos.ValueType;
import io.borealis.cluster.mesos.v1.MesosJson;
import io.borealis.job.HealthCheck;
import io.borealis.job.JobKey;
import io.borealis.job.ProcessSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.JsonNodeFactory;

/** The pure translations between the port and the Mesos model. */
class MesosTranslationTest {

    private static final JobKey JOB = JobKey.of("team", "prod", "web");

    // ---- offers -------------------------------------------------------------------------------

    @Test
    void anOfferSumsPlainScalarsMergesPortsAndRendersAttributes() {
        Offer offer = offer(
                List.of(
                        role(Resource.scalar("cpus", 1.5), "*"),
                        role(Resource.scalar("cpus", 0.5), "borealis"),
                        role(Resource.scalar("mem", 1024.7), "*"),
                        Resource.scalar("disk", 2048),
                        revocable(Resource.scalar("cpus", 8)),
                        Resource.ranges("ports", List.of(new Range(31005L, 31009L), new Range(31000L, 31004L))),
                        Resource.ranges("ports", List.of(new Range(0L, 2L), new Range(65530L, 70000L)))),
                List.of(
                        Attribute.text("rack", "r1"),
                        new Attribute("gen", ValueType.SCALAR, new Mesos.Scalar(3.0), null, null, null),
                        new Attribute("ratio", ValueType.SCALAR, new Mesos.Scalar(2.50), null, null, null),
                        new Attribute(
                                "slots",
                                ValueType.RANGES,
                                null,
                                new Mesos.Ranges(List.of(new Range(1L, 5L), new Range(7L, 7L))),
                                null,
                                null),
                        new Attribute("zones", ValueType.SET, null, null, new Mesos.ValueSet(List.of("a", "b")), null),
                        Attribute.text("rack", "ignored, the first wins")));

        ResourceOffer converted = MesosTranslation.resourceOffer(offer);

        assertThat(converted.offerId()).isEqualTo("O1");
        assertThat(converted.agentId()).isEqualTo("S1");
        assertThat(converted.hostname()).isEqualTo("agent-1");
        assertThat(converted.free()).isEqualTo(new Resources(2.0, 1024, 2048));
        assertThat(converted.ports())
                .containsExactly(new PortRange(1, 2), new PortRange(31000, 31009), new PortRange(65530, 65535));
        assertThat(converted.attributes())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("rack", "r1", "gen", "3", "ratio", "2.5", "slots", "[1-5,7-7]", "zones", "{a,b}"));
    }

    // ---- launches -----------------------------------------------------------------------------

    @Test
    void tasksAreCarvedOutOfTheOfferCumulativelyKeepingRolesAndTheirPorts() {
        Offer offer = offer(
                List.of(
                        allocated(role(Resource.scalar("cpus", 0.75), "borealis")),
                        allocated(role(Resource.scalar("cpus", 4), "*")),
                        allocated(role(Resource.scalar("mem", 1000), "*")),
                        allocated(role(Resource.scalar("disk", 1000), "*")),
                        allocated(role(Resource.ranges("ports", List.of(new Range(31000L, 31009L))), "*"))),
                List.of());
        TaskConfig config = TaskConfig.of("serve", new Resources(0.5, 300, 100)).withPorts(List.of("http", "admin"));

        List<TaskInfo> infos = MesosTranslation.taskInfos(
                offer,
                List.of(
                        new TaskLaunch("a", JOB, 0, config, Map.of("http", 31000, "admin", 31001)),
                        new TaskLaunch("b", JOB, 1, config, Map.of("http", 31005, "admin", 31003))));

        List<Resource> first = infos.get(0).resources();
        assertThat(first).extracting(Resource::name).containsExactly("cpus", "mem", "disk", "ports");
        assertThat(first.get(0).role()).isEqualTo("borealis");
        assertThat(first.get(0).scalarValue()).isEqualTo(0.5);
        assertThat(first.get(0).allocationInfo().role()).isEqualTo("borealis");
        assertThat(first.get(3).rangeList()).containsExactly(new Range(31000L, 31001L));

        List<Resource> second = infos.get(1).resources();
        assertThat(second).extracting(Resource::name).containsExactly("cpus", "cpus", "mem", "disk", "ports");
        assertThat(second.get(0).scalarValue())
                .as("the rest of the reserved cpus")
                .isEqualTo(0.25);
        assertThat(second.get(1).scalarValue()).isEqualTo(0.25);
        assertThat(second.get(1).role()).isEqualTo("*");
        assertThat(second.get(4).rangeList()).containsExactly(new Range(31003L, 31003L), new Range(31005L, 31005L));
    }

    @Test
    void askingForMoreThanTheOfferHasSendsTheAskSoTheMasterCanRefuseIt() {
        Offer offer = offer(List.of(Resource.scalar("cpus", 1), Resource.scalar("mem", 64)), List.of());
        TaskConfig config = TaskConfig.of("serve", new Resources(2, 128, 10)).withPorts(List.of("http"));

        TaskInfo info = MesosTranslation.taskInfos(
                        offer, List.of(new TaskLaunch("a", JOB, 0, config, Map.of("http", 40000))))
                .get(0);

        assertThat(info.resources())
                .extracting(Resource::name)
                .containsExactly("cpus", "cpus", "mem", "mem", "disk", "ports");
        assertThat(info.resources()).extracting(Resource::scalarValue).startsWith(1.0, 1.0, 64.0, 64.0, 10.0);
        assertThat(info.resources().get(5).rangeList()).containsExactly(new Range(40000L, 40000L));
    }

    @Test
    void theTaskRunsItsProcessesInOrderWithTheBorealisEnvironment() {
        TaskConfig config = TaskConfig.of("unused", new Resources(1, 64, 10))
                .withProcesses(List.of(
                        new ProcessSpec("fetch", "curl -o app 'http://repo/app'"),
                        new ProcessSpec("main", "./app --port $PORT")))
                .withPorts(List.of("http", "debug-port"))
                .withEnvironment(Map.of("PORT", "overridden", "A", "1"))
                .withKillGracePeriod(0);
        TaskLaunch launch = new TaskLaunch("web-3-x", JOB, 3, config, Map.of("http", 31002, "debug-port", 31001));

        TaskInfo info = MesosTranslation.taskInfos(offer(List.of(), List.of()), List.of(launch))
                .get(0);

        assertThat(info.name()).isEqualTo("team/prod/web/3");
        assertThat(info.taskId().value()).isEqualTo("web-3-x");
        assertThat(info.command().shell()).isTrue();
        assertThat(info.command().value())
                .isEqualTo(
                        "set -e\n/bin/sh -c 'curl -o app '\\''http://repo/app'\\'''\nexec /bin/sh -c './app --port $PORT'\n");
        assertThat(info.command().environment().variables())
                .extracting(Mesos.Variable::name, Mesos.Variable::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A", "1"),
                        org.assertj.core.groups.Tuple.tuple("PORT", "31002"),
                        org.assertj.core.groups.Tuple.tuple("BOREALIS_TASK_ID", "web-3-x"),
                        org.assertj.core.groups.Tuple.tuple("BOREALIS_JOB", "team/prod/web"),
                        org.assertj.core.groups.Tuple.tuple("BOREALIS_INSTANCE", "3"),
                        org.assertj.core.groups.Tuple.tuple("BOREALIS_PORT_HTTP", "31002"),
                        org.assertj.core.groups.Tuple.tuple("BOREALIS_PORT_DEBUG_PORT", "31001"));
        assertThat(info.labels().labels())
                .extracting(Mesos.Label::key, Mesos.Label::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("borealis.job", "team/prod/web"),
                        org.assertj.core.groups.Tuple.tuple("borealis.instance", "3"));
        assertThat(info.killPolicy().gracePeriod().nanoseconds()).isZero();
        assertThat(info.healthCheck()).isNull();
    }

    @Test
    void healthChecksBecomeMesosHttpOrCommandChecks() {
        Mesos.Environment env = new Mesos.Environment(List.of(new Mesos.Variable("X", "1")));
        Mesos.HealthCheck http = MesosTranslation.healthCheck(
                HealthCheck.http("web", "/ready").withTiming(5, 2, 60, 4), Map.of("web", 31007), env);

        assertThat(http.type()).isEqualTo("HTTP");
        assertThat(http.http()).isEqualTo(new Mesos.HttpCheckInfo(31007, "/ready"));
        assertThat(http.intervalSeconds()).isEqualTo(5.0);
        assertThat(http.timeoutSeconds()).isEqualTo(2.0);
        assertThat(http.gracePeriodSeconds()).isEqualTo(60.0);
        assertThat(http.consecutiveFailures()).isEqualTo(4);
        assertThat(http.delaySeconds()).isZero();

        Mesos.HealthCheck command = MesosTranslation.healthCheck(HealthCheck.command("test -f ok"), Map.of(), env);
        assertThat(command.type()).isEqualTo("COMMAND");
        assertThat(command.command().value()).isEqualTo("test -f ok");
        assertThat(command.command().environment()).isEqualTo(env);

        assertThat(MesosTranslation.healthCheck(HealthCheck.http("missing", "/"), Map.of(), env))
                .isNull();
    }

    @Test
    void portsBecomeInclusiveRanges() {
        assertThat(MesosTranslation.rangesOf(List.of(31005L, 31000L, 31001L, 31002L, 31009L, 31001L)))
                .containsExactly(new Range(31000L, 31002L), new Range(31005L, 31005L), new Range(31009L, 31009L));
    }

    // ---- status updates -----------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "TASK_STAGING, STAGING",
        "TASK_STARTING, STARTING",
        "TASK_RUNNING, RUNNING",
        "TASK_KILLING, KILLING",
        "TASK_FINISHED, FINISHED",
        "TASK_FAILED, FAILED",
        "TASK_KILLED, KILLED",
        "TASK_ERROR, ERROR",
        "TASK_LOST, LOST",
        "TASK_DROPPED, DROPPED",
        "TASK_UNREACHABLE, UNREACHABLE",
        "TASK_GONE, GONE",
        "TASK_GONE_BY_OPERATOR, GONE_BY_OPERATOR",
        "TASK_UNKNOWN, UNKNOWN",
        "TASK_SOMETHING_NEW, UNKNOWN"
    })
    void everyMesosTaskStateHasAPortState(String mesos, ClusterTaskState port) {
        assertThat(MesosTranslation.taskState(mesos)).isEqualTo(port);
    }

    @Test
    void anUpdateCarriesItsUuidAsTheAckTokenVerbatim() {
        Mesos.TaskStatus status = new Mesos.TaskStatus(
                new Id("t1"),
                "TASK_RUNNING",
                "health check passed",
                "SOURCE_EXECUTOR",
                "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED",
                null,
                new Id("S1"),
                new Id("t1"),
                1717171717.123456,
                "O54sSm8dToqcK11/Ch6MMw==",
                true,
                null);

        TaskStatusUpdate update = MesosTranslation.statusUpdate(status, Instant.EPOCH);

        assertThat(update)
                .isEqualTo(new TaskStatusUpdate(
                        "t1",
                        "S1",
                        ClusterTaskState.RUNNING,
                        "health check passed",
                        "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED",
                        true,
                        Instant.parse("2024-05-31T16:08:37.123456Z"),
                        "O54sSm8dToqcK11/Ch6MMw=="));
        assertThat(update.needsAcknowledgement()).isTrue();
    }

    @Test
    void anUpdateWithoutUuidOrTimestampNeedsNoAcknowledgementAndUsesTheReceptionTime() {
        Mesos.TaskStatus status = new Mesos.TaskStatus(
                new Id("t1"),
                "TASK_DROPPED",
                "invalid offer",
                "SOURCE_MASTER",
                "REASON_INVALID_OFFERS",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        Instant received = Instant.parse("2025-01-01T00:00:00Z");

        TaskStatusUpdate update = MesosTranslation.statusUpdate(status, received);

        assertThat(update.ackToken()).isNull();
        assertThat(update.needsAcknowledgement()).isFalse();
        assertThat(update.at()).isEqualTo(received);
        assertThat(update.agentId()).isNull();
        assertThat(update.healthy()).isNull();
        assertThat(MesosTranslation.statusUpdate(
                                new Mesos.TaskStatus(
                                        new Id("t"),
                                        "TASK_NEW_STATE",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        "",
                                        null,
                                        null),
                                received)
                        .message())
                .isEqualTo("unrecognised Mesos task state TASK_NEW_STATE");
    }

    // ---- agents and logs ----------------------------------------------------------------------

    @Test
    void anAgentViewCountsOnlyThisFrameworksLiveTasks() {
        MasterCall.Agent agent = new MasterCall.Agent(
                new MasterCall.AgentInfo(
                        "agent-1", 5051, new Id("S1"), List.of(), List.of(Attribute.text("rack", "r1"))),
                true,
                false,
                "1.11.0",
                "slave(1)@10.0.0.1:5051",
                List.of(
                        Resource.scalar("cpus", 8),
                        Resource.scalar("mem", 8192),
                        Resource.scalar("disk", 100),
                        Resource.ranges("ports", List.of(new Range(31000L, 32000L)))),
                List.of(Resource.scalar("cpus", 3)));
        List<MasterCall.Task> tasks = List.of(
                task("S1", "TASK_RUNNING", 1, 512),
                task("S1", "TASK_STARTING", 0.5, 256),
                task("S1", "TASK_FINISHED", 2, 1024),
                task("S2", "TASK_RUNNING", 4, 4096));

        AgentView view = MesosTranslation.agentView(agent, tasks, true);

        assertThat(view.total()).isEqualTo(new Resources(8, 8192, 100));
        assertThat(view.allocated()).isEqualTo(new Resources(1.5, 768, 0));
        assertThat(view.runningTasks()).isEqualTo(2);
        assertThat(view.ports()).containsExactly(new PortRange(31000, 32000));
        assertThat(view.attributes()).containsEntry("rack", "r1");
        assertThat(MesosTranslation.agentView(agent, List.of(), false).allocated())
                .isEqualTo(new Resources(3, 0, 0));
    }

    @Test
    void aCutMultiByteCharacterIsLeftForTheNextRead() {
        byte[] text = "aé🚀".getBytes(StandardCharsets.UTF_8);
        assertThat(text).hasSize(7);

        assertThat(MesosSandboxLogs.completeUtf8Length(text)).isEqualTo(7);
        assertThat(MesosSandboxLogs.completeUtf8Length(java.util.Arrays.copyOf(text, 6)))
                .isEqualTo(3);
        assertThat(MesosSandboxLogs.completeUtf8Length(java.util.Arrays.copyOf(text, 4)))
                .isEqualTo(3);
        assertThat(MesosSandboxLogs.completeUtf8Length(java.util.Arrays.copyOf(text, 2)))
                .isEqualTo(1);
        assertThat(MesosSandboxLogs.completeUtf8Length(new byte[0])).isZero();
    }

    @Test
    void rawBytesInAJsonStringComeBackExactly() {
        byte[] raw = "ü\n".getBytes(StandardCharsets.UTF_8);
        String json = "{\"data\":\"" + new String(raw, 0, 1, StandardCharsets.ISO_8859_1) + "\\n\"}";
        String data = new MesosJson()
                .readTree(new String(json.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1)
                        .getBytes(StandardCharsets.UTF_8))
                .path("data")
                .asString();

        assertThat(MesosSandboxLogs.rawBytes(data)).containsExactly(raw[0], '\n');
    }

    private static MasterCall.Task task(String agent, String state, double cpus, double mem) {
        return new MasterCall.Task(
                "t",
                new Id("t"),
                new Id("F"),
                null,
                new Id(agent),
                state,
                null,
                List.of(Resource.scalar("cpus", cpus), Resource.scalar("mem", mem)));
    }

    private static Offer offer(List<Resource> resources, List<Attribute> attributes) {
        return new Offer(
                new Id("O1"),
                new Id("F"),
                new Id("S1"),
                "agent-1",
                null,
                resources,
                attributes,
                null,
                new Mesos.AllocationInfo("borealis"));
    }

    private static Resource role(Resource resource, String role) {
        return new Resource(
                resource.name(),
                resource.type(),
                resource.scalar(),
                resource.ranges(),
                resource.set(),
                role,
                resource.allocationInfo(),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static Resource allocated(Resource resource) {
        return new Resource(
                resource.name(),
                resource.type(),
                resource.scalar(),
                resource.ranges(),
                resource.set(),
                resource.role(),
                new Mesos.AllocationInfo("borealis"),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static Resource revocable(Resource resource) {
        return new Resource(
                resource.name(),
                resource.type(),
                resource.scalar(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                JsonNodeFactory.instance.objectNode(),
                null,
                null);
    }
}
