package io.borealis.cluster.mesos.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.borealis.cluster.mesos.emulator.RawMesosClient.Subscription;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The emulator against the checklist of section 10 of the wire-protocol digest, driven by a raw
 * client: status codes, the subscription stream, offers, launches, acknowledgements, reconciliation,
 * leadership and authentication, exactly as a real master answers them.
 */
@Timeout(60)
class MesosMasterEmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String SUBSCRIBE = """
            {"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"test","name":"conformance",
             "roles":["test"],"failover_timeout":%s,"checkpoint":true,
             "capabilities":[{"type":"MULTI_ROLE"},{"type":"PARTITION_AWARE"},{"type":"TASK_KILLING_STATE"}]%s}}}
            """;

    private MesosMasterEmulator master;
    private final RawMesosClient client = new RawMesosClient();
    private String scheduler;
    private String agentId;

    @BeforeEach
    void startMaster() {
        master = MesosMasterEmulator.builder()
                .masters(2)
                .heartbeatInterval(Duration.ofMillis(100))
                .allocationInterval(Duration.ofMillis(20))
                .updateRetry(Duration.ofMillis(200), Duration.ofSeconds(1))
                .start();
        scheduler = master.masterUrl() + "/api/v1/scheduler";
        agentId = master.addAgent("agent-1", 4, 4096, 10000, "31000-31009", Map.of("rack", "r1", "gen", "3"));
    }

    @AfterEach
    void stopMaster() {
        master.close();
    }

    private static String subscribeBody(double failoverTimeout) {
        return SUBSCRIBE.formatted(failoverTimeout, "");
    }

    private static String resubscribeBody(String frameworkId, double failoverTimeout) {
        return ("{\"framework_id\":{\"value\":\"" + frameworkId + "\"},"
                        + SUBSCRIBE
                                .formatted(failoverTimeout, ",\"id\":{\"value\":\"" + frameworkId + "\"}")
                                .strip()
                                .substring(1))
                .replace("\n", "");
    }

    // ---- 1-3: methods, content types, body parsing ---------------------------------------------

    @Test
    void onlyPostIsAllowed() {
        HttpResponse<String> response = client.request("GET", scheduler, Map.of(), null);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void contentTypeMustBePresentAndExactlyJson() {
        assertThat(client.request("POST", scheduler, Map.of(), subscribeBody(60))
                        .statusCode())
                .isEqualTo(400);
        assertThat(client.request(
                                "POST",
                                scheduler,
                                Map.of("Content-Type", "application/json; charset=utf-8"),
                                subscribeBody(60))
                        .statusCode())
                .isEqualTo(415);
        assertThat(client.request("POST", scheduler, Map.of("Content-Type", "text/plain"), subscribeBody(60))
                        .statusCode())
                .isEqualTo(415);
    }

    @Test
    void bodiesAreReadLikeStout() {
        assertThat(client.post(scheduler, "{not json").statusCode()).isEqualTo(400);
        HttpResponse<String> numericEnum = client.post(scheduler, "{\"type\":1}");
        assertThat(numericEnum.statusCode()).isEqualTo(400);
        assertThat(numericEnum.body()).contains("Not expecting a JSON number for field 'type'");
        HttpResponse<String> missing =
                client.post(scheduler, "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"x\"}}}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("Missing required fields: subscribe.framework_info.user");
        HttpResponse<String> wrongType =
                client.post(scheduler, "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":[]}}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        HttpResponse<String> urlSafe = client.post(scheduler, """
                {"framework_id":{"value":"F"},"type":"ACKNOWLEDGE","acknowledge":{"agent_id":{"value":"A"},
                 "task_id":{"value":"T"},"uuid":"O54sSm8dToqcK11_Ch6MMw=="}}
                """);
        assertThat(urlSafe.statusCode()).isEqualTo(400);
        assertThat(urlSafe.body()).contains("Failed to base64 decode bytes field 'uuid'");
    }

    @Test
    void typeAndSubObjectsAndFrameworkIdAreRequired() {
        assertThat(client.post(scheduler, "{}").body()).contains("Expecting 'type' to be present");
        assertThat(client.post(scheduler, "{\"type\":\"NO_SUCH_CALL\"}").body())
                .contains("Expecting 'type' to be present");
        HttpResponse<String> accept =
                client.post(scheduler, "{\"framework_id\":{\"value\":\"F\"},\"type\":\"ACCEPT\"}");
        assertThat(accept.statusCode()).isEqualTo(400);
        assertThat(accept.body()).contains("Expecting 'accept' to be present");
        HttpResponse<String> request =
                client.post(scheduler, "{\"framework_id\":{\"value\":\"F\"},\"type\":\"REQUEST\",\"requests\":[]}");
        assertThat(request.body()).contains("Expecting 'request' to be present");
        assertThat(client.post(scheduler, "{\"type\":\"REVIVE\"}").body())
                .contains("Expecting 'framework_id' to be present");
    }

    // ---- 4-6: SUBSCRIBE ----------------------------------------------------------------------------

    @Test
    void subscribeRefusesAStreamIdAMismatchedIdAndAnUnacceptableAccept() {
        assertThat(client.call(scheduler, "some-stream", subscribeBody(60)).statusCode())
                .isEqualTo(400);
        String mismatched = resubscribeBody("F1", 60).replaceFirst("\"F1\"", "\"F2\"");
        HttpResponse<String> response = client.post(scheduler, mismatched);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'framework_id' differs from 'subscribe.framework_info.id'");
        assertThat(client.request(
                                "POST",
                                scheduler,
                                Map.of("Content-Type", "application/json", "Accept", "text/html"),
                                subscribeBody(60))
                        .statusCode())
                .isEqualTo(406);
    }

    @Test
    void semanticSubscribeProblemsAnswer200WithOneErrorEvent() {
        String withoutMultiRole = """
                {"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"u","name":"n","roles":["a"]}}}
                """;
        try (Subscription subscription = client.subscribe(scheduler, withoutMultiRole)) {
            assertThat(subscription.response.statusCode()).isEqualTo(200);
            JsonNode error = subscription.next(WAIT);
            assertThat(error.path("type").asString()).isEqualTo("ERROR");
            assertThat(error.path("error").path("message").asString()).contains("MULTI_ROLE");
            await().atMost(WAIT).until(subscription::ended);
        }
        String badRole = SUBSCRIBE.formatted(60, "").replace("[\"test\"]", "[\"a//b\"]");
        try (Subscription subscription = client.subscribe(scheduler, badRole)) {
            assertThat(subscription.next(WAIT).path("error").path("message").asString())
                    .contains("Role 'a//b' is invalid");
        }
        String suppressedForeign = SUBSCRIBE.formatted(60, "").replace("}}}", "},\"suppressed_roles\":[\"x\"]}}");
        try (Subscription subscription = client.subscribe(scheduler, suppressedForeign)) {
            assertThat(subscription.next(WAIT).path("error").path("message").asString())
                    .contains("Suppressed role 'x'");
        }
    }

    @Test
    void aSubscriptionStreamsSubscribedThenHeartbeatsAndOffers() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            assertThat(subscription.response.statusCode()).isEqualTo(200);
            assertThat(subscription.response.headers().firstValue("Content-Type"))
                    .hasValue("application/json");
            assertThat(subscription.streamId()).hasSize(36);

            JsonNode subscribed = subscription.next(WAIT);
            assertThat(subscribed.path("type").asString()).isEqualTo("SUBSCRIBED");
            assertThat(subscribed
                            .path("subscribed")
                            .path("framework_id")
                            .path("value")
                            .asString())
                    .startsWith(master.masterId() + "-0");
            assertThat(subscribed
                            .path("subscribed")
                            .path("heartbeat_interval_seconds")
                            .asDouble())
                    .isEqualTo(0.1);
            assertThat(subscription.next(WAIT).path("type").asString()).isEqualTo("HEARTBEAT");

            JsonNode offers = subscription.next("OFFERS", WAIT);
            JsonNode offer = offers.path("offers").path("offers").get(0);
            assertThat(offer.path("agent_id").path("value").asString()).isEqualTo(agentId);
            assertThat(offer.path("allocation_info").path("role").asString()).isEqualTo("test");
            assertThat(offer.path("resources").get(0).path("role").asString()).isEqualTo("*");
            assertThat(offer.path("resources")
                            .get(3)
                            .path("ranges")
                            .path("range")
                            .get(0)
                            .path("end")
                            .asLong())
                    .isEqualTo(31009);
            assertThat(subscription.next("HEARTBEAT", WAIT)).isNotNull();
        }
    }

    // ---- 7: calls need a connected framework and its current stream id -------------------------------

    @Test
    void callsAreCheckedAgainstTheFrameworkAndItsStream() {
        String revive = "{\"framework_id\":{\"value\":\"%s\"},\"type\":\"REVIVE\"}";
        assertThat(client.call(scheduler, "s", revive.formatted("unknown")).body())
                .contains("Framework cannot be found");
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            assertThat(client.post(scheduler, revive.formatted(frameworkId)).statusCode())
                    .isEqualTo(400);
            assertThat(client.call(scheduler, "stale", revive.formatted(frameworkId))
                            .statusCode())
                    .isEqualTo(400);
            HttpResponse<String> ok = client.call(scheduler, subscription.streamId(), revive.formatted(frameworkId));
            assertThat(ok.statusCode()).isEqualTo(202);
            assertThat(ok.body()).isEmpty();

            master.dropSubscriptions();
            await().atMost(WAIT).until(subscription::ended);
            HttpResponse<String> disconnected =
                    client.call(scheduler, subscription.streamId(), revive.formatted(frameworkId));
            assertThat(disconnected.statusCode()).isEqualTo(403);
            assertThat(disconnected.body()).isEqualTo("Framework is not subscribed");
        }
    }

    // ---- 8-10: failover of subscriptions, removal, teardown ---------------------------------------

    @Test
    void aSecondSubscriptionFailsTheFirstOver() {
        try (Subscription first = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(first);
            try (Subscription second = client.subscribe(scheduler, resubscribeBody(frameworkId, 60))) {
                JsonNode error = first.next("ERROR", WAIT);
                assertThat(error.path("error").path("message").asString()).isEqualTo("Framework failed over");
                await().atMost(WAIT).until(first::ended);
                assertThat(frameworkId(second)).isEqualTo(frameworkId);
                assertThat(second.streamId()).isNotEqualTo(first.streamId());
                assertThat(second.next("OFFERS", WAIT)).isNotNull();
                assertThat(client.call(
                                        scheduler,
                                        first.streamId(),
                                        "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"REVIVE\"}")
                                .statusCode())
                        .isEqualTo(400);
            }
        }
    }

    @Test
    void aFrameworkIsRemovedWhenItsFailoverTimeoutExpires() {
        String frameworkId;
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(0.2))) {
            frameworkId = frameworkId(subscription);
        }
        await().atMost(WAIT).until(() -> master.isRemoved(frameworkId));
        try (Subscription again = client.subscribe(scheduler, resubscribeBody(frameworkId, 0.2))) {
            assertThat(again.next(WAIT).path("error").path("message").asString())
                    .isEqualTo("Framework has been removed");
        }
    }

    @Test
    void teardownRemovesTheFrameworkAndEndsItsStream() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            HttpResponse<String> response = client.call(
                    scheduler,
                    subscription.streamId(),
                    "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"TEARDOWN\"}");
            assertThat(response.statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(subscription::ended);
            assertThat(master.isRemoved(frameworkId)).isTrue();
        }
    }

    // ---- 11-17: offers, launches, updates, acknowledgements -------------------------------------------

    @Test
    void anAcceptOfAnUnknownOfferDropsItsTasks() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            assertThat(client.call(scheduler, subscription.streamId(), accept(frameworkId, "no-such-offer", "t1"))
                            .statusCode())
                    .isEqualTo(202);

            JsonNode status = nextStatus(subscription);
            assertThat(status.path("state").asString()).isEqualTo("TASK_DROPPED");
            assertThat(status.path("reason").asString()).isEqualTo("REASON_INVALID_OFFERS");
            assertThat(status.path("source").asString()).isEqualTo("SOURCE_MASTER");
            assertThat(status.has("uuid")).isFalse();
        }
    }

    @Test
    void anOfferIsSingleUseAndInvalidTasksGetTaskError() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            String offerId = offerId(subscription);
            String launch = accept(frameworkId, offerId, "good")
                    .replace("]}}]", "," + task("bad/id", "0.1") + "," + task("huge", "99") + "]}}]");
            assertThat(client.call(scheduler, subscription.streamId(), launch).statusCode())
                    .isEqualTo(202);

            JsonNode first = nextStatus(subscription);
            JsonNode second = nextStatus(subscription);
            assertThat(List.of(
                            first.path("task_id").path("value").asString(),
                            second.path("task_id").path("value").asString()))
                    .containsExactly("bad/id", "huge");
            assertThat(first.path("state").asString()).isEqualTo("TASK_ERROR");
            assertThat(first.path("reason").asString()).isEqualTo("REASON_TASK_INVALID");
            assertThat(second.path("message").asString()).contains("more than available");
            JsonNode starting = nextStatus(subscription);
            assertThat(starting.path("task_id").path("value").asString()).isEqualTo("good");
            assertThat(starting.path("state").asString()).isEqualTo("TASK_STARTING");

            client.call(scheduler, subscription.streamId(), accept(frameworkId, offerId, "again"));
            JsonNode reused = nextStatus(subscription);
            while (!reused.path("task_id").path("value").asString().equals("again")) {
                reused = nextStatus(subscription);
            }
            assertThat(reused.path("state").asString()).isEqualTo("TASK_DROPPED");
        }
    }

    @Test
    void reliableUpdatesAreResentUntilAcknowledgedAndHeldInOrder() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            client.call(scheduler, subscription.streamId(), accept(frameworkId, offerId(subscription), "t1"));

            JsonNode starting = nextStatus(subscription);
            assertThat(starting.path("state").asString()).isEqualTo("TASK_STARTING");
            assertThat(starting.path("source").asString()).isEqualTo("SOURCE_EXECUTOR");
            assertThat(Base64.getDecoder().decode(starting.path("uuid").asString()))
                    .hasSize(16);
            JsonNode resent = nextStatus(subscription);
            assertThat(resent.path("state").asString())
                    .as("held until acknowledged")
                    .isEqualTo("TASK_STARTING");
            assertThat(resent.path("uuid").asString())
                    .isEqualTo(starting.path("uuid").asString());

            assertThat(client.call(
                                    scheduler,
                                    subscription.streamId(),
                                    ack(frameworkId, "t1", starting.path("uuid").asString()))
                            .statusCode())
                    .isEqualTo(202);
            JsonNode running = nextStatus(subscription);
            while (running.path("state").asString().equals("TASK_STARTING")) {
                running = nextStatus(subscription);
            }
            assertThat(running.path("state").asString()).isEqualTo("TASK_RUNNING");
            assertThat(master.task("t1").statusUpdateState()).isEqualTo("TASK_RUNNING");
        }
    }

    @Test
    void anAcknowledgementMustCarryA16ByteUuid() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            HttpResponse<String> docExample =
                    client.call(scheduler, subscription.streamId(), ack(frameworkId, "t", "jhadf73jhakdlfha723adf"));
            assertThat(docExample.statusCode()).isEqualTo(400);
            assertThat(docExample.body()).contains("Not a valid UUID");
            String unknownButValid = Base64.getEncoder().encodeToString(uuidBytes());
            assertThat(client.call(scheduler, subscription.streamId(), ack(frameworkId, "t", unknownButValid))
                            .statusCode())
                    .isEqualTo(202);
            assertThat(master.violations()).anyMatch(v -> v.contains("acknowledgement of unknown uuid"));
        }
    }

    @Test
    void aTerminalTaskMovesToCompletedOnlyOnceItsUpdateIsAcknowledged() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            client.call(scheduler, subscription.streamId(), accept(frameworkId, offerId(subscription), "t1"));
            ackUntil(subscription, frameworkId, "TASK_RUNNING");
            master.finishTask("t1");
            JsonNode finished = ackUntil(subscription, frameworkId, null);
            assertThat(finished.path("state").asString()).isEqualTo("TASK_FINISHED");
            assertThat(finished.path("message").asString()).isEqualTo("Command exited with status 0");

            await().atMost(WAIT).until(() -> master.task("t1").completed());
            JsonNode tasks = operator("{\"type\":\"GET_TASKS\"}").path("get_tasks");
            assertThat(tasks.path("tasks")).isEmpty();
            assertThat(tasks.path("completed_tasks").get(0).path("state").asString())
                    .isEqualTo("TASK_FINISHED");
        }
    }

    @Test
    void tasksChangeHealthAndFailOnCommand() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            client.call(scheduler, subscription.streamId(), accept(frameworkId, offerId(subscription), "t1"));
            ackUntil(subscription, frameworkId, "TASK_RUNNING");

            master.setTaskHealth("t1", false);
            JsonNode unhealthy = ackUntil(subscription, frameworkId, null);
            assertThat(unhealthy.path("state").asString()).isEqualTo("TASK_RUNNING");
            assertThat(unhealthy.path("healthy").asBoolean(true)).isFalse();
            assertThat(unhealthy.path("reason").asString()).isEqualTo("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED");

            master.failTask("t1", 3);
            JsonNode failed = ackUntil(subscription, frameworkId, null);
            assertThat(failed.path("state").asString()).isEqualTo("TASK_FAILED");
            assertThat(failed.path("message").asString()).isEqualTo("Command exited with status 3");
        }
    }

    @Test
    void offersAreRescindedAfterTheOfferTimeout() {
        try (MesosMasterEmulator timing = MesosMasterEmulator.builder()
                .heartbeatInterval(Duration.ofMillis(100))
                .allocationInterval(Duration.ofMillis(20))
                .offerTimeout(Duration.ofMillis(200))
                .start()) {
            timing.addAgent("agent-1", 1, 1024, 1024, "", Map.of());
            try (Subscription subscription =
                    client.subscribe(timing.masterUrl() + "/api/v1/scheduler", subscribeBody(60))) {
                frameworkId(subscription);
                String offerId = offerId(subscription);

                JsonNode rescind = subscription.next("RESCIND", WAIT);
                assertThat(rescind.path("rescind")
                                .path("offer_id")
                                .path("value")
                                .asString())
                        .isEqualTo(offerId);
                assertThat(offerId(subscription)).isNotEqualTo(offerId);
            }
        }
    }

    // ---- 18-19: filters, suppress, revive -----------------------------------------------------------

    @Test
    void declineFiltersTheAgentUntilRevive() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            String offerId = offerId(subscription);
            client.call(
                    scheduler,
                    subscription.streamId(),
                    "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"DECLINE\",\"decline\":{"
                            + "\"offer_ids\":[{\"value\":\"" + offerId
                            + "\"}],\"filters\":{\"refuse_seconds\":3600}}}");
            assertThat(subscription.next("OFFERS", Duration.ofMillis(300))).isNull();

            client.call(
                    scheduler,
                    subscription.streamId(),
                    "{\"framework_id\":{\"value\":\"" + frameworkId
                            + "\"},\"type\":\"REVIVE\",\"revive\":{\"roles\":[\"test\"]}}");
            assertThat(subscription.next("OFFERS", WAIT)).isNotNull();
        }
    }

    @Test
    void suppressStopsOffersAndAForeignRoleDropsTheCall() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            String call =
                    "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"%s\",\"%s\":{\"roles\":[%s]}}";
            client.call(scheduler, subscription.streamId(), call.formatted("SUPPRESS", "suppress", "\"other\""));
            assertThat(master.suppressedRoles(frameworkId)).isEmpty();
            client.call(scheduler, subscription.streamId(), call.formatted("SUPPRESS", "suppress", ""));
            assertThat(master.suppressedRoles(frameworkId)).containsExactly("test");

            String offerId = offerId(subscription);
            client.call(
                    scheduler,
                    subscription.streamId(),
                    "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"DECLINE\",\"decline\":{"
                            + "\"offer_ids\":[{\"value\":\"" + offerId + "\"}],\"filters\":{\"refuse_seconds\":0}}}");
            assertThat(subscription.next("OFFERS", Duration.ofMillis(300))).isNull();

            client.call(
                    scheduler,
                    subscription.streamId(),
                    "{\"framework_id\":{\"value\":\"" + frameworkId
                            + "\",\"unexpected\":1},\"type\":\"REVIVE\",\"revive\":{\"role\":\"test\"}}");
            assertThat(subscription.next("OFFERS", WAIT))
                    .as("the singular key is ignored: all roles revived")
                    .isNotNull();
            assertThat(master.violations())
                    .contains("unknown field revive.role", "unknown field framework_id.unexpected");
        }
    }

    // ---- 21-23: kill, reconciliation, agent loss ------------------------------------------------------

    @Test
    void killReportsKillingThenKilledAndAnUnknownTaskIsReconciled() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            client.call(scheduler, subscription.streamId(), accept(frameworkId, offerId(subscription), "t1"));
            ackUntil(subscription, frameworkId, "TASK_RUNNING");

            client.call(scheduler, subscription.streamId(), kill(frameworkId, "t1", null));
            assertThat(ackUntil(subscription, frameworkId, null).path("state").asString())
                    .isEqualTo("TASK_KILLING");
            assertThat(ackUntil(subscription, frameworkId, null).path("state").asString())
                    .isEqualTo("TASK_KILLED");

            client.call(scheduler, subscription.streamId(), kill(frameworkId, "ghost", agentId));
            JsonNode answer = nextStatus(subscription);
            assertThat(answer.path("state").asString()).isEqualTo("TASK_GONE");
            assertThat(answer.path("reason").asString()).isEqualTo("REASON_RECONCILIATION");
        }
    }

    @Test
    void reconciliationAnswersPerTheTable() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            client.call(scheduler, subscription.streamId(), accept(frameworkId, offerId(subscription), "t1"));
            ackUntil(subscription, frameworkId, "TASK_RUNNING");

            client.call(
                    scheduler,
                    subscription.streamId(),
                    "{\"framework_id\":{\"value\":\"" + frameworkId
                            + "\"},\"type\":\"RECONCILE\",\"reconcile\":{\"tasks\":["
                            + "{\"task_id\":{\"value\":\"t1\"}},"
                            + "{\"task_id\":{\"value\":\"gone\"},\"agent_id\":{\"value\":\"" + agentId + "\"}},"
                            + "{\"task_id\":{\"value\":\"unknown\"}}]}}");
            List<JsonNode> answers =
                    List.of(nextStatus(subscription), nextStatus(subscription), nextStatus(subscription));
            assertThat(answers)
                    .extracting(a -> a.path("state").asString())
                    .containsExactly("TASK_RUNNING", "TASK_GONE", "TASK_UNKNOWN");
            assertThat(answers).allSatisfy(a -> {
                assertThat(a.path("reason").asString()).isEqualTo("REASON_RECONCILIATION");
                assertThat(a.path("source").asString()).isEqualTo("SOURCE_MASTER");
                assertThat(a.has("uuid")).isFalse();
                assertThat(a.has("message")).isTrue();
            });

            client.call(
                    scheduler,
                    subscription.streamId(),
                    "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"RECONCILE\",\"reconcile\":{}}");
            JsonNode implicit = nextStatus(subscription);
            assertThat(implicit.path("task_id").path("value").asString()).isEqualTo("t1");
            assertThat(implicit.path("message").asString()).isEqualTo("Reconciliation: Latest task state");
        }
    }

    @Test
    void aLostAgentMakesItsTasksUnreachableAndSendsFailure() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            client.call(scheduler, subscription.streamId(), accept(frameworkId, offerId(subscription), "t1"));
            ackUntil(subscription, frameworkId, "TASK_RUNNING");

            master.loseAgent(agentId);
            JsonNode unreachable = nextStatus(subscription);
            assertThat(unreachable.path("state").asString()).isEqualTo("TASK_UNREACHABLE");
            assertThat(unreachable.path("reason").asString()).isEqualTo("REASON_AGENT_REMOVED");
            assertThat(unreachable.path("unreachable_time").path("nanoseconds").asLong())
                    .isPositive();
            JsonNode failure = subscription.next("FAILURE", WAIT);
            assertThat(failure.path("failure").path("agent_id").path("value").asString())
                    .isEqualTo(agentId);
            assertThat(operator("{\"type\":\"GET_TASKS\"}").path("get_tasks").path("unreachable_tasks"))
                    .hasSize(1);

            master.reconnectAgent(agentId);
            JsonNode back = nextStatus(subscription);
            assertThat(back.path("state").asString()).isEqualTo("TASK_RUNNING");
            assertThat(back.path("reason").asString()).isEqualTo("REASON_AGENT_REREGISTERED");
        }
    }

    // ---- 24-25: leadership and authentication -----------------------------------------------------------

    @Test
    void aNonLeaderRedirectsWithAProtocolRelativeLocationAndNoLeaderMeans503() {
        String follower = master.masterUrl(1) + "/api/v1/scheduler?x=1";
        HttpResponse<String> redirect = client.post(follower, subscribeBody(60));
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location"))
                .hasValue("//127.0.0.1:" + port(master.masterUrl(0)) + "/api/v1/scheduler?x=1");

        master.recovering(true);
        HttpResponse<String> recovering = client.post(scheduler, subscribeBody(60));
        assertThat(recovering.statusCode()).isEqualTo(503);
        assertThat(recovering.body()).isEqualTo("Master has not finished recovery");
        master.recovering(false);

        master.leaderless();
        HttpResponse<String> none = client.post(scheduler, subscribeBody(60));
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(none.body()).isEqualTo("No leader elected");
    }

    @Test
    void withAuthenticationRequestsNeedBasicCredentials() {
        master.requireAuthentication("borealis", "s3cret");

        HttpResponse<String> anonymous = client.post(scheduler, subscribeBody(60));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValue("Basic realm=\"mesos-master-scheduler\"");
        String wrong = "Basic " + Base64.getEncoder().encodeToString("borealis:nope".getBytes());
        assertThat(client.request(
                                "POST",
                                scheduler,
                                Map.of("Content-Type", "application/json", "Authorization", wrong),
                                subscribeBody(60))
                        .statusCode())
                .isEqualTo(401);

        String right = "Basic " + Base64.getEncoder().encodeToString("borealis:s3cret".getBytes());
        String otherPrincipal = SUBSCRIBE.formatted(60, ",\"principal\":\"someone-else\"");
        assertThat(client.request(
                                "POST",
                                scheduler,
                                Map.of("Content-Type", "application/json", "Authorization", right),
                                otherPrincipal)
                        .statusCode())
                .isEqualTo(400);
        try (Subscription subscription = client.subscribe(
                scheduler, Map.of("Content-Type", "application/json", "Authorization", right), subscribeBody(60))) {
            assertThat(subscription.next(WAIT).path("type").asString()).isEqualTo("SUBSCRIBED");
        }
    }

    // ---- operator API and agent files -------------------------------------------------------------------

    @Test
    void theOperatorApiFollowsTheSameRulesAndAnswersAgentsAndVersion() {
        String operator = master.masterUrl() + "/api/v1";
        assertThat(client.request(
                                "POST",
                                operator,
                                Map.of("Content-Type", "application/json; charset=utf-8"),
                                "{\"type\":\"GET_AGENTS\"}")
                        .statusCode())
                .isEqualTo(415);
        assertThat(client.request(
                                "POST",
                                operator,
                                Map.of("Content-Type", "application/json", "Accept", "text/plain"),
                                "{\"type\":\"GET_AGENTS\"}")
                        .statusCode())
                .isEqualTo(406);

        JsonNode agents = operator("{\"type\":\"GET_AGENTS\"}");
        assertThat(agents.path("type").asString()).isEqualTo("GET_AGENTS");
        JsonNode agent = agents.path("get_agents").path("agents").get(0);
        assertThat(agents.path("get_agents").has("recovered_agents")).isTrue();
        assertThat(agent.path("agent_info").path("id").path("value").asString()).isEqualTo(agentId);
        assertThat(agent.path("active").asBoolean()).isTrue();
        assertThat(agent.path("pid").asString()).startsWith("slave(1)@127.0.0.1:");
        assertThat(operator("{\"type\":\"GET_VERSION\"}")
                        .path("get_version")
                        .path("version_info")
                        .path("version")
                        .asString())
                .isEqualTo("1.11.0");
        assertThat(operator("{\"type\":\"GET_HEALTH\"}")
                        .path("get_health")
                        .path("healthy")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void agentFilesAreReadLikeMesos() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            client.call(scheduler, subscription.streamId(), accept(frameworkId, offerId(subscription), "t1"));
            subscription.next("UPDATE", WAIT);
            master.appendLog("t1", "stderr", "héllo");

            JsonNode state = RawMesosClient.JSON.readTree(
                    client.request("GET", agentUrl() + "/state", Map.of(), null).body());
            String directory = state.path("frameworks")
                    .get(0)
                    .path("executors")
                    .get(0)
                    .path("directory")
                    .asString();
            String read = agentUrl() + "/files/read?path=" + directory + "/stderr";

            assertThat(RawMesosClient.JSON
                            .readTree(client.request("GET", read + "&offset=-1", Map.of(), null)
                                    .body())
                            .path("offset")
                            .asLong())
                    .isEqualTo(6);
            HttpResponse<String> range = client.request("GET", read + "&offset=1&length=2", Map.of(), null);
            assertThat(range.body()).as("a cut character is sent as raw bytes").startsWith("{\"data\":\"");
            assertThat(RawMesosClient.JSON
                            .readTree(client.request("GET", read + "&offset=9", Map.of(), null)
                                    .body())
                            .path("offset")
                            .asLong())
                    .isEqualTo(6);
            assertThat(client.request("GET", agentUrl() + "/files/read?path=/nope&offset=0", Map.of(), null)
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    // ---- knobs for scheduler-level tests and benchmarks ------------------------------------------------

    @Test
    void anAcceptOvertakenByTheRescindOfItsOfferDropsItsTasksAndRefusedTasksGetTaskError() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            String offerId = offerId(subscription);
            master.rescindOffersOfNextAccepts(1);
            client.call(scheduler, subscription.streamId(), accept(frameworkId, offerId, "late"));

            JsonNode rescind = subscription.next("RESCIND", WAIT);
            assertThat(rescind.path("rescind").path("offer_id").path("value").asString())
                    .isEqualTo(offerId);
            JsonNode dropped = nextStatus(subscription);
            assertThat(dropped.path("state").asString()).isEqualTo("TASK_DROPPED");
            assertThat(dropped.path("reason").asString()).isEqualTo("REASON_INVALID_OFFERS");

            master.refuseTasks(info -> info.path("name").asString().startsWith("bad"), "no such image");
            String launch = accept(frameworkId, offerId(subscription), "good")
                    .replace("]}}]", "," + task("bad-1", "0.1") + "]}}]");
            client.call(scheduler, subscription.streamId(), launch);
            JsonNode refused = nextStatus(subscription);
            assertThat(refused.path("task_id").path("value").asString()).isEqualTo("bad-1");
            assertThat(refused.path("state").asString()).isEqualTo("TASK_ERROR");
            assertThat(refused.path("reason").asString()).isEqualTo("REASON_TASK_INVALID");
            assertThat(refused.path("message").asString()).isEqualTo("Task bad-1 is invalid: no such image");
            assertThat(refused.has("uuid")).isFalse();
            assertThat(nextStatus(subscription).path("task_id").path("value").asString())
                    .isEqualTo("good");
        }
    }

    @Test
    void aForgottenTaskIsGoneOnReconciliation() {
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            client.call(scheduler, subscription.streamId(), accept(frameworkId, offerId(subscription), "t1"));
            ackUntil(subscription, frameworkId, "TASK_RUNNING");

            master.forgetTask("t1");

            assertThat(master.task("t1")).isNull();
            client.call(
                    scheduler,
                    subscription.streamId(),
                    "{\"framework_id\":{\"value\":\"" + frameworkId
                            + "\"},\"type\":\"RECONCILE\",\"reconcile\":{\"tasks\":["
                            + "{\"task_id\":{\"value\":\"t1\"},\"agent_id\":{\"value\":\"" + agentId + "\"}}]}}");
            assertThat(nextStatus(subscription).path("state").asString()).isEqualTo("TASK_GONE");
        }
    }

    @Test
    void floodedUpdatesFollowEachAcknowledgementAndEveryDeliveryIsRecorded() {
        List<MesosMasterEmulator.Acknowledgement> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
        master.onAcknowledgement(observed::add);
        try (Subscription subscription = client.subscribe(scheduler, subscribeBody(60))) {
            String frameworkId = frameworkId(subscription);
            client.call(scheduler, subscription.streamId(), accept(frameworkId, offerId(subscription), "t1"));
            ackUntil(subscription, frameworkId, "TASK_RUNNING");

            master.floodUpdates(List.of("t1"), 3);

            java.util.Set<String> healthUpdates = new java.util.HashSet<>();
            while (healthUpdates.size() < 3) {
                JsonNode status = ackUntil(subscription, frameworkId, null);
                if (status.path("reason").asString().equals("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED")) {
                    assertThat(status.path("state").asString()).isEqualTo("TASK_RUNNING");
                    assertThat(status.path("healthy").asBoolean()).isTrue();
                    healthUpdates.add(status.path("uuid").asString());
                }
            }
            // resends (same uuid) may be acknowledged twice; by uuid, each state was acknowledged once
            Map<String, String> acknowledgedStates = new java.util.LinkedHashMap<>();
            await().atMost(WAIT).untilAsserted(() -> {
                acknowledgedStates.clear();
                master.acknowledgements()
                        .forEach(a -> acknowledgedStates.putIfAbsent(
                                a.uuid(), a.status().path("state").asString()));
                assertThat(acknowledgedStates.values())
                        .containsExactly(
                                "TASK_STARTING", "TASK_RUNNING", "TASK_RUNNING", "TASK_RUNNING", "TASK_RUNNING");
            });
            assertThat(observed).containsExactlyElementsOf(master.acknowledgements());
            List<MesosMasterEmulator.SentUpdate> sent = master.sentUpdates();
            assertThat(sent).allSatisfy(u -> assertThat(u.uuid()).isNotNull());
            assertThat(sent.stream().map(MesosMasterEmulator.SentUpdate::uuid).distinct())
                    .containsExactlyElementsOf(acknowledgedStates.keySet());
            assertThat(master.violations()).isEmpty();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private String frameworkId(Subscription subscription) {
        JsonNode subscribed = subscription.next("SUBSCRIBED", WAIT);
        assertThat(subscribed).as("SUBSCRIBED").isNotNull();
        return subscribed.path("subscribed").path("framework_id").path("value").asString();
    }

    private static String offerId(Subscription subscription) {
        JsonNode offers = subscription.next("OFFERS", WAIT);
        assertThat(offers).as("OFFERS").isNotNull();
        return offers.path("offers")
                .path("offers")
                .get(0)
                .path("id")
                .path("value")
                .asString();
    }

    private String accept(String frameworkId, String offerId, String taskId) {
        return "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"ACCEPT\",\"accept\":{"
                + "\"offer_ids\":[{\"value\":\"" + offerId + "\"}],\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{"
                + "\"task_infos\":[" + task(taskId, "0.5") + "]}}],\"filters\":{\"refuse_seconds\":0}}}";
    }

    private String task(String taskId, String cpus) {
        return "{\"name\":\"" + taskId + "\",\"task_id\":{\"value\":\"" + taskId + "\"},\"agent_id\":{\"value\":\""
                + agentId + "\"},\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + cpus
                + "}},{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":64}}],"
                + "\"command\":{\"value\":\"sleep 1000\"}}";
    }

    private String ack(String frameworkId, String taskId, String uuid) {
        return "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"ACKNOWLEDGE\",\"acknowledge\":{"
                + "\"agent_id\":{\"value\":\"" + agentId + "\"},\"task_id\":{\"value\":\"" + taskId + "\"},\"uuid\":\""
                + uuid + "\"}}";
    }

    /** The next UPDATE's status; fails when none comes in time. */
    private static JsonNode nextStatus(Subscription subscription) {
        JsonNode update = subscription.next("UPDATE", WAIT);
        assertThat(update).as("an UPDATE within %s", WAIT).isNotNull();
        return update.path("update").path("status");
    }

    private static String kill(String frameworkId, String taskId, String agentId) {
        return "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"KILL\",\"kill\":{\"task_id\":"
                + "{\"value\":\"" + taskId + "\"}"
                + (agentId == null ? "" : ",\"agent_id\":{\"value\":\"" + agentId + "\"}")
                + "}}";
    }

    /** Acknowledges updates (as a scheduler would) until one in {@code state} (or the next one) arrives. */
    private JsonNode ackUntil(Subscription subscription, String frameworkId, String state) {
        while (true) {
            JsonNode status = nextStatus(subscription);
            if (status.has("uuid")) {
                client.call(
                        scheduler,
                        subscription.streamId(),
                        ack(
                                        frameworkId,
                                        status.path("task_id").path("value").asString(),
                                        status.path("uuid").asString())
                                .replace(
                                        "AGENT",
                                        status.path("agent_id").path("value").asString()));
            }
            if (state == null || state.equals(status.path("state").asString())) {
                return status;
            }
        }
    }

    private JsonNode operator(String body) {
        HttpResponse<String> response = client.post(master.masterUrl() + "/api/v1", body);
        assertThat(response.statusCode()).isEqualTo(200);
        return RawMesosClient.JSON.readTree(response.body());
    }

    private String agentUrl() {
        JsonNode agent = operator("{\"type\":\"GET_AGENTS\"}")
                .path("get_agents")
                .path("agents")
                .get(0);
        return "http://" + agent.path("pid").asString().substring("slave(1)@".length());
    }

    private static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    private static byte[] uuidBytes() {
        java.util.UUID uuid = java.util.UUID.randomUUID();
        return java.nio.ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
