package io.borealis.cluster.mesos;

import static io.borealis.cluster.mesos.JsonAssertions.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.cluster.mesos.v1.MasterCall;
import io.borealis.cluster.mesos.v1.Mesos;
import io.borealis.cluster.mesos.v1.Mesos.AllocationInfo;
import io.borealis.cluster.mesos.v1.Mesos.FrameworkInfo;
import io.borealis.cluster.mesos.v1.Mesos.Id;
import io.borealis.cluster.mesos.v1.Mesos.Resource;
import io.borealis.cluster.mesos.v1.Mesos.ValueType;
import io.borealis.cluster.mesos.v1.MesosJson;
import io.borealis.cluster.mesos.v1.SchedulerCall;
import io.borealis.cluster.mesos.v1.SchedulerEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * The codec against the wire-protocol digest: every call Borealis makes is compared with the digest's
 * example (sections 2.4, 3.2 and 9), every event type is read from its example (section 4).
 */
class MesosJsonTest {

    private final MesosJson json = new MesosJson();

    // ---- calls --------------------------------------------------------------------------------

    @Test
    void subscribeMatchesTheSpecExample() {
        FrameworkInfo info = new FrameworkInfo(
                "aurora",
                "jobsched",
                null,
                604800.0,
                true,
                List.of("prod"),
                "sched-1.example",
                "jobsched",
                "http://sched-1.example:8080/",
                List.of(
                        new Mesos.Capability("MULTI_ROLE"),
                        new Mesos.Capability("PARTITION_AWARE"),
                        new Mesos.Capability("TASK_KILLING_STATE")),
                new Mesos.Labels(List.of(new Mesos.Label("team", "infra"))));

        assertSameJson(json.write(SchedulerCall.subscribe(info, null, List.of())), """
                {"type":"SUBSCRIBE",
                 "subscribe":{
                   "framework_info":{
                     "user":"aurora","name":"jobsched",
                     "roles":["prod"],
                     "capabilities":[{"type":"MULTI_ROLE"},{"type":"PARTITION_AWARE"},{"type":"TASK_KILLING_STATE"}],
                     "failover_timeout":604800.0,"checkpoint":true,
                     "hostname":"sched-1.example","webui_url":"http://sched-1.example:8080/",
                     "principal":"jobsched","labels":{"labels":[{"key":"team","value":"infra"}]}},
                   "suppressed_roles":[]}}
                """);
    }

    @Test
    void aResubscriptionNamesTheFrameworkIdInBothPlaces() {
        FrameworkInfo info =
                new FrameworkInfo("aurora", "jobsched", null, 1.0, true, List.of("prod"), null, null, null, null, null);

        assertSameJson(json.write(SchedulerCall.subscribe(info, "7c2f-0000", List.of("prod"))), """
                {"framework_id":{"value":"7c2f-0000"},"type":"SUBSCRIBE",
                 "subscribe":{"framework_info":{"user":"aurora","name":"jobsched","id":{"value":"7c2f-0000"},
                   "failover_timeout":1.0,"checkpoint":true,"roles":["prod"]},
                   "suppressed_roles":["prod"]}}
                """);
    }

    @Test
    void teardownMatchesTheSpecExample() {
        assertSameJson(json.write(SchedulerCall.teardown("F")), """
                {"framework_id":{"value":"F"},"type":"TEARDOWN"}
                """);
    }

    @Test
    void acceptMatchesTheSpecExample() {
        AllocationInfo prod = new AllocationInfo("prod");
        Mesos.TaskInfo task = new Mesos.TaskInfo(
                "web.0",
                new Id("web.0-3f2a"),
                new Id("M-S0"),
                List.of(
                        withAllocation(Resource.scalar("cpus", 0.5), prod),
                        withAllocation(Resource.scalar("mem", 256), prod),
                        withAllocation(Resource.ranges("ports", List.of(new Mesos.Range(31005L, 31005L))), prod)),
                new Mesos.CommandInfo(
                        true,
                        "./run.sh --port $PORT0",
                        new Mesos.Environment(List.of(new Mesos.Variable("PORT0", "31005"))),
                        List.of(new Mesos.Uri("http://repo/app.tgz", null, true)),
                        null),
                new Mesos.HealthCheck(
                        "HTTP", null, new Mesos.HttpCheckInfo(31005, "/health"), null, null, null, null, 30.0),
                new Mesos.KillPolicy(new Mesos.DurationInfo(30_000_000_000L)),
                new Mesos.Labels(List.of(new Mesos.Label("job", "web"))));

        assertSameJson(json.write(SchedulerCall.accept("F", List.of("M-O17"), List.of(task), 5.0)), """
                {"framework_id":{"value":"F"},"type":"ACCEPT","accept":{
                  "offer_ids":[{"value":"M-O17"}],
                  "operations":[{"type":"LAUNCH","launch":{"task_infos":[{
                    "name":"web.0","task_id":{"value":"web.0-3f2a"},"agent_id":{"value":"M-S0"},
                    "resources":[
                      {"name":"cpus","type":"SCALAR","scalar":{"value":0.5},"allocation_info":{"role":"prod"}},
                      {"name":"mem","type":"SCALAR","scalar":{"value":256},"allocation_info":{"role":"prod"}},
                      {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31005,"end":31005}]},"allocation_info":{"role":"prod"}}],
                    "command":{"shell":true,"value":"./run.sh --port $PORT0",
                               "environment":{"variables":[{"name":"PORT0","value":"31005"}]},
                               "uris":[{"value":"http://repo/app.tgz","extract":true}]},
                    "kill_policy":{"grace_period":{"nanoseconds":30000000000}},
                    "health_check":{"type":"HTTP","http":{"port":31005,"path":"/health"},"grace_period_seconds":30},
                    "labels":{"labels":[{"key":"job","value":"web"}]}}]}}],
                  "filters":{"refuse_seconds":5.0}}}
                """);
    }

    @Test
    void declineMatchesTheSpecExample() {
        assertSameJson(json.write(SchedulerCall.decline("F", List.of("M-O17"), 3600.0)), """
                {"framework_id":{"value":"F"},"type":"DECLINE","decline":{"offer_ids":[{"value":"M-O17"}],"filters":{"refuse_seconds":3600.0}}}
                """);
    }

    @Test
    void reviveUsesTheRolesArrayNotTheDocumentedSingularKey() {
        assertSameJson(json.write(SchedulerCall.revive("F", List.of("prod"))), """
                {"framework_id":{"value":"F"},"type":"REVIVE","revive":{"roles":["prod"]}}
                """);
    }

    @Test
    void suppressMatchesTheSpecExample() {
        assertSameJson(json.write(SchedulerCall.suppress("F", List.of("prod"))), """
                {"framework_id":{"value":"F"},"type":"SUPPRESS","suppress":{"roles":["prod"]}}
                """);
    }

    @Test
    void killMatchesTheSpecExampleAndCarriesAKillPolicyWhenGiven() {
        assertSameJson(json.write(SchedulerCall.kill("F", "web.0-3f2a", "M-S0", null)), """
                {"framework_id":{"value":"F"},"type":"KILL","kill":{"task_id":{"value":"web.0-3f2a"},"agent_id":{"value":"M-S0"}}}
                """);
        assertSameJson(json.write(SchedulerCall.kill("F", "web.0-3f2a", null, 5_000_000_000L)), """
                {"framework_id":{"value":"F"},"type":"KILL","kill":{"task_id":{"value":"web.0-3f2a"},
                 "kill_policy":{"grace_period":{"nanoseconds":5000000000}}}}
                """);
    }

    @Test
    void acknowledgeEchoesTheUuidVerbatim() {
        assertSameJson(
                json.write(SchedulerCall.acknowledge("F", "M-S0", "web.0-3f2a", "O54sSm8dToqcK11/Ch6MMw==")), """
                {"framework_id":{"value":"F"},"type":"ACKNOWLEDGE","acknowledge":{"agent_id":{"value":"M-S0"},"task_id":{"value":"web.0-3f2a"},"uuid":"O54sSm8dToqcK11/Ch6MMw=="}}
                """);
    }

    @Test
    void explicitAndImplicitReconcileMatchTheSpecExamples() {
        assertSameJson(
                json.write(SchedulerCall.reconcile(
                        "F", List.of(new SchedulerCall.ReconcileTask(new Id("web.0-3f2a"), new Id("M-S0"))))),
                """
                {"framework_id":{"value":"F"},"type":"RECONCILE","reconcile":{"tasks":[{"task_id":{"value":"web.0-3f2a"},"agent_id":{"value":"M-S0"}}]}}
                """);
        assertSameJson(json.write(SchedulerCall.reconcile("F", List.of())), """
                {"framework_id":{"value":"F"},"type":"RECONCILE","reconcile":{}}
                """);
    }

    @Test
    void operatorCallsAreJustTheirType() {
        for (MasterCall.Type type : MasterCall.Type.values()) {
            assertSameJson(json.write(MasterCall.of(type)), "{\"type\":\"" + type + "\"}");
        }
    }

    @Test
    void bodiesKeepTheExactContentTypeWithoutACharset() {
        RequestBody body =
                RequestBody.create(json.write(SchedulerCall.teardown("F")), MediaType.get(MesosJson.CONTENT_TYPE));

        assertThat(body.contentType()).hasToString("application/json");
        assertThat(RequestBody.create("{}", MediaType.get(MesosJson.CONTENT_TYPE))
                        .contentType())
                .as("why String bodies are not used")
                .hasToString("application/json; charset=utf-8");
    }

    private static Resource withAllocation(Resource resource, AllocationInfo allocation) {
        return new Resource(
                resource.name(),
                resource.type(),
                resource.scalar(),
                resource.ranges(),
                resource.set(),
                null,
                allocation,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    // ---- events -------------------------------------------------------------------------------

    @Test
    void subscribedIsRead() {
        SchedulerEvent event = read("""
                {"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"7c2f-0000"},
                 "heartbeat_interval_seconds":15.0,
                 "master_info":{"id":"7c2f","ip":16842879,"port":5050,"pid":"master@127.0.1.1:5050",
                  "hostname":"m1","version":"1.11.0","address":{"hostname":"m1","ip":"127.0.1.1","port":5050},
                  "capabilities":[{"type":"AGENT_UPDATE"},{"type":"AGENT_DRAINING"},{"type":"QUOTA_V2"}]}}}
                """);

        assertThat(event.type()).isEqualTo(SchedulerEvent.Type.SUBSCRIBED);
        assertThat(event.subscribed().frameworkId().value()).isEqualTo("7c2f-0000");
        assertThat(event.subscribed().heartbeatIntervalSeconds()).isEqualTo(15.0);
        assertThat(event.subscribed().masterInfo().version()).isEqualTo("1.11.0");
        assertThat(event.subscribed().masterInfo().ip()).isEqualTo(16842879L);
        assertThat(event.subscribed().masterInfo().address().ip()).isEqualTo("127.0.1.1");
    }

    @Test
    void offersAreReadWithResourcesAttributesAndAllocation() {
        SchedulerEvent event = read("""
                {"type":"OFFERS","offers":{"offers":[{
                 "id":{"value":"7c2f-O42"},"framework_id":{"value":"7c2f-0000"},
                 "agent_id":{"value":"7c2f-S3"},"hostname":"agent3.dc1",
                 "url":{"scheme":"http","address":{"hostname":"agent3.dc1","ip":"10.0.0.3","port":5051},"path":"/slave(1)"},
                 "resources":[
                  {"name":"cpus","type":"SCALAR","scalar":{"value":4.0},"role":"*","allocation_info":{"role":"prod"}},
                  {"name":"mem","type":"SCALAR","scalar":{"value":15000.0},"role":"*","allocation_info":{"role":"prod"}},
                  {"name":"disk","type":"SCALAR","scalar":{"value":90000.0},"role":"*","allocation_info":{"role":"prod"}},
                  {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000}]},"role":"*","allocation_info":{"role":"prod"}}],
                 "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}},
                               {"name":"gen","type":"SCALAR","scalar":{"value":3.0}}],
                 "executor_ids":[],"allocation_info":{"role":"prod"}}]}}
                """);

        Mesos.Offer offer = event.offers().offers().get(0);
        assertThat(offer.id().value()).isEqualTo("7c2f-O42");
        assertThat(offer.hostname()).isEqualTo("agent3.dc1");
        assertThat(offer.url().address().port()).isEqualTo(5051);
        assertThat(offer.resources()).hasSize(4);
        assertThat(offer.resources().get(3).type()).isEqualTo(ValueType.RANGES);
        assertThat(offer.resources().get(3).rangeList().get(0).end()).isEqualTo(32000L);
        assertThat(offer.resources().get(0).role()).isEqualTo("*");
        assertThat(offer.resources().get(0).allocationInfo().role()).isEqualTo("prod");
        assertThat(offer.attributes().get(1).scalar().value()).isEqualTo(3.0);
        assertThat(offer.allocationInfo().role()).isEqualTo("prod");
    }

    @Test
    void anExecutorUpdateKeepsItsUuidAsSent() {
        SchedulerEvent event = read("""
                {"type":"UPDATE","update":{"status":{
                 "task_id":{"value":"web.0-3f2a"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR",
                 "agent_id":{"value":"7c2f-S3"},"executor_id":{"value":"web.0-3f2a"},
                 "timestamp":1717171717.123,"uuid":"O54sSm8dToqcK11/Ch6MMw==","healthy":true,
                 "container_status":{"container_id":{"value":"c"},"network_infos":[{"ip_addresses":[{"ip_address":"10.0.0.3"}]}]}}}}
                """);

        Mesos.TaskStatus status = event.update().status();
        assertThat(status.state()).isEqualTo("TASK_RUNNING");
        assertThat(status.uuid()).isEqualTo("O54sSm8dToqcK11/Ch6MMw==");
        assertThat(status.healthy()).isTrue();
        assertThat(status.timestamp()).isEqualTo(1717171717.123);
        assertThat(status.executorId().value()).isEqualTo("web.0-3f2a");
    }

    @Test
    void aMasterUpdateHasNoUuid() {
        SchedulerEvent event = read("""
                {"type":"UPDATE","update":{"status":{"task_id":{"value":"web.1"},"state":"TASK_ERROR",
                 "message":"Total resources required by task is more than available",
                 "source":"SOURCE_MASTER","reason":"REASON_TASK_INVALID","agent_id":{"value":"7c2f-S3"},
                 "timestamp":1717171718.5}}}
                """);

        assertThat(event.update().status().uuid()).isNull();
        assertThat(event.update().status().reason()).isEqualTo("REASON_TASK_INVALID");
        assertThat(event.update().status().source()).isEqualTo("SOURCE_MASTER");
    }

    @Test
    void int64ValuesAboveTwoToThe53AreReadExactly() {
        SchedulerEvent event = read("""
                {"type":"UPDATE","update":{"status":{"task_id":{"value":"t"},"state":"TASK_UNREACHABLE",
                 "unreachable_time":{"nanoseconds":1470820172046531841}}}}
                """);

        assertThat(event.update().status().unreachableTime().nanoseconds()).isEqualTo(1470820172046531841L);
    }

    @Test
    void failureErrorRescindAndHeartbeatAreRead() {
        SchedulerEvent failure = read("""
                {"type":"FAILURE","failure":{"agent_id":{"value":"7c2f-S3"},"executor_id":{"value":"E1"},"status":256}}
                """);
        assertThat(failure.failure().agentId().value()).isEqualTo("7c2f-S3");
        assertThat(failure.failure().executorId().value()).isEqualTo("E1");
        assertThat(failure.failure().status()).isEqualTo(256);

        assertThat(read("{\"type\":\"ERROR\",\"error\":{\"message\":\"Framework failed over\"}}")
                        .error()
                        .message())
                .isEqualTo("Framework failed over");
        assertThat(read("{\"type\":\"RESCIND\",\"rescind\":{\"offer_id\":{\"value\":\"7c2f-O42\"}}}")
                        .rescind()
                        .offerId()
                        .value())
                .isEqualTo("7c2f-O42");
        assertThat(read("{\"type\":\"HEARTBEAT\"}").type()).isEqualTo(SchedulerEvent.Type.HEARTBEAT);
    }

    @Test
    void maintenanceOperationAndMessageEventsAreRead() {
        assertThat(read("""
                        {"type":"INVERSE_OFFERS","inverse_offers":{"inverse_offers":[{"id":{"value":"I1"},
                         "framework_id":{"value":"F"},"agent_id":{"value":"S"},"unavailability":{"start":{"nanoseconds":1}}}]}}
                        """).inverseOffers().inverseOffers()).hasSize(1);
        assertThat(
                        read("{\"type\":\"RESCIND_INVERSE_OFFER\",\"rescind_inverse_offer\":{\"inverse_offer_id\":{\"value\":\"I1\"}}}")
                                .rescindInverseOffer()
                                .inverseOfferId()
                                .value())
                .isEqualTo("I1");
        assertThat(read("""
                        {"type":"UPDATE_OPERATION_STATUS","update_operation_status":{"status":{
                         "operation_id":{"value":"op"},"state":"OPERATION_FINISHED","uuid":{"value":"O54sSm8dToqcK11/Ch6MMw=="}}}}
                        """).updateOperationStatus().status().path("state").asString())
                .isEqualTo("OPERATION_FINISHED");
        assertThat(read("""
                        {"type":"MESSAGE","message":{"agent_id":{"value":"S"},"executor_id":{"value":"E"},"data":"aGk="}}
                        """).message().data()).isEqualTo("aGk=");
    }

    @Test
    void unknownTypesAndFieldsAreTolerated() {
        SchedulerEvent future = read("{\"type\":\"SOMETHING_NEW\",\"something_new\":{\"x\":1},\"extra\":true}");
        assertThat(future.type()).isEqualTo(SchedulerEvent.Type.UNKNOWN);
        assertThat(read("{}").type()).isEqualTo(SchedulerEvent.Type.UNKNOWN);

        SchedulerEvent update = read("""
                {"type":"UPDATE","update":{"status":{"task_id":{"value":"t"},"state":"TASK_RUNNING",
                 "check_status":{"type":"COMMAND"},"limitation":{"resources":[]},"brand_new_field":[1,2]}}}
                """);
        assertThat(update.update().status().state()).isEqualTo("TASK_RUNNING");
    }

    @Test
    void bareInfinityAndNanTokensAreRead() {
        SchedulerEvent event = read("""
                {"type":"OFFERS","offers":{"offers":[{"id":{"value":"O"},"framework_id":{"value":"F"},
                 "agent_id":{"value":"S"},"hostname":"h","resources":[
                  {"name":"cpus","type":"SCALAR","scalar":{"value":Infinity}},
                  {"name":"mem","type":"SCALAR","scalar":{"value":-Infinity}},
                  {"name":"disk","type":"SCALAR","scalar":{"value":NaN}}]}]}}
                """);

        List<Resource> resources = event.offers().offers().get(0).resources();
        assertThat(resources.get(0).scalar().value()).isInfinite().isPositive();
        assertThat(resources.get(1).scalar().value()).isInfinite().isNegative();
        assertThat(resources.get(2).scalar().value()).isNaN();
    }

    @Test
    void brokenJsonIsAClearError() {
        assertThatThrownBy(() -> read("{\"type\":"))
                .isInstanceOf(MesosJson.MesosJsonException.class)
                .hasMessageStartingWith("cannot read SchedulerEvent");
    }

    @Test
    void operatorResponsesAreRead() {
        MasterCall.Response version = json.read(bytes("""
                        {"type":"GET_VERSION","get_version":{"version_info":{"version":"1.11.0","build_date":"2020-11-24 10:00:00","build_time":1606212000.0,"build_user":"root","git_sha":"abc","git_tag":"1.11.0"}}}
                        """), MasterCall.Response.class);
        assertThat(version.getVersion().versionInfo().version()).isEqualTo("1.11.0");

        MasterCall.Response agents = json.read(bytes("""
                        {"type":"GET_AGENTS","get_agents":{"agents":[{"agent_info":{"hostname":"agent3.dc1","port":5051,"id":{"value":"M-S3"},
                           "resources":[],"attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}}]},
                         "active":true,"deactivated":false,"version":"1.11.0","pid":"slave(1)@10.0.0.3:5051",
                         "registered_time":{"nanoseconds":1717000000000000000},
                         "total_resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":8.0},"role":"*"}],
                         "allocated_resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5},"role":"*","allocation_info":{"role":"prod"}}],
                         "offered_resources":[],"capabilities":[{"type":"MULTI_ROLE"}]}],"recovered_agents":[]}}
                        """), MasterCall.Response.class);
        MasterCall.Agent agent = agents.getAgents().agentList().get(0);
        assertThat(agent.pid()).isEqualTo("slave(1)@10.0.0.3:5051");
        assertThat(agent.agentInfo().attributes().get(0).text().value()).isEqualTo("r1");
        assertThat(agent.totalResources().get(0).scalarValue()).isEqualTo(8.0);
    }

    private SchedulerEvent read(String text) {
        return json.readEvent(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
