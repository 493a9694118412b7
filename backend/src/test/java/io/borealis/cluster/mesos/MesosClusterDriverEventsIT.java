package io.borealis.cluster.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.ResourceOffer;
import io.borealis.cluster.TaskStatusUpdate;
import io.borealis.db.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every scheduler event type, as the digest's section 4 shows it, through a scripted stream: what
 * the driver does with each, that events it ignores (inverse offers, operation updates, messages,
 * types it does not know) do not disturb the stream, and that an ERROR ends the subscription and
 * a new one follows with the framework id in both places.
 */
@Timeout(60)
class MesosClusterDriverEventsIT {

    private static final String FRAMEWORK = "7c2f-0000";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestDatabase database;
    private MesosFrameworkRepository repository;
    private HttpServer server;
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    private final BlockingQueue<BlockingQueue<String>> streams = new LinkedBlockingQueue<>();
    private MesosClusterDriver driver;

    @BeforeEach
    void start() throws IOException {
        database = TestDatabase.migrated(TestDatabase.Kind.selected());
        repository = new MesosFrameworkRepository(JdbcClient.create(database.dataSource()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(
                Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory()));
        server.createContext("/api/v1/scheduler", this::scheduler);
        server.createContext(
                "/api/v1",
                exchange -> respond(
                        exchange,
                        200,
                        "{\"type\":\"GET_VERSION\",\"get_version\":{\"version_info\":{\"version\":\"1.11.0\"}}}"));
        server.start();
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.stop();
        }
        server.stop(0);
        database.close();
    }

    @Test
    void everyEventTypeIsHandledOrIgnoredWithoutDisturbingTheStream() throws Exception {
        driver = new MesosClusterDriver(
                properties(), "http://borealis/", repository, new SimpleMeterRegistry(), Clock.systemUTC());
        RecordingListener listener = new RecordingListener();
        driver.start(listener);
        BlockingQueue<String> stream = streams.poll(10, TimeUnit.SECONDS);

        stream.add("""
                {"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"7c2f-0000"},"heartbeat_interval_seconds":15.0,
                 "master_info":{"id":"7c2f","ip":16842879,"port":5050,"hostname":"m1","version":"1.11.0"}}}""");
        stream.add("{\"type\":\"HEARTBEAT\"}");
        stream.add("""
                {"type":"OFFERS","offers":{"offers":[
                 {"id":{"value":"O1"},"framework_id":{"value":"7c2f-0000"},"agent_id":{"value":"S1"},"hostname":"a1",
                  "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":2.0},"role":"*","allocation_info":{"role":"borealis"}}],
                  "allocation_info":{"role":"borealis"}},
                 {"id":{"value":"O2"},"framework_id":{"value":"7c2f-0000"},"agent_id":{"value":"S2"},"hostname":"a2"},
                 {"id":{"value":"O3"},"framework_id":{"value":"7c2f-0000"},"agent_id":{"value":"S3"},"hostname":"a3"}]}}""");
        stream.add("{\"type\":\"RESCIND\",\"rescind\":{\"offer_id\":{\"value\":\"O2\"}}}");
        stream.add("""
                {"type":"INVERSE_OFFERS","inverse_offers":{"inverse_offers":[{"id":{"value":"I1"},
                 "framework_id":{"value":"7c2f-0000"},"agent_id":{"value":"S1"},"unavailability":{"start":{"nanoseconds":1}}}]}}""");
        stream.add(
                "{\"type\":\"RESCIND_INVERSE_OFFER\",\"rescind_inverse_offer\":{\"inverse_offer_id\":{\"value\":\"I1\"}}}");
        stream.add("""
                {"type":"UPDATE_OPERATION_STATUS","update_operation_status":{"status":{"operation_id":{"value":"op"},
                 "state":"OPERATION_FINISHED","uuid":{"value":"O54sSm8dToqcK11/Ch6MMw=="}}}}""");
        stream.add(
                "{\"type\":\"MESSAGE\",\"message\":{\"agent_id\":{\"value\":\"S1\"},\"executor_id\":{\"value\":\"E\"},\"data\":\"aGk=\"}}");
        stream.add("{\"type\":\"SOMETHING_FROM_THE_FUTURE\",\"something_from_the_future\":{\"x\":[1,2,3]}}");
        stream.add("""
                {"type":"UPDATE","update":{"status":{"task_id":{"value":"t1"},"state":"TASK_RUNNING",
                 "source":"SOURCE_EXECUTOR","agent_id":{"value":"S1"},"executor_id":{"value":"t1"},
                 "timestamp":1717171717.5,"uuid":"O54sSm8dToqcK11/Ch6MMw==","healthy":true}}}""");
        stream.add("""
                {"type":"UPDATE","update":{"status":{"task_id":{"value":"t2"},"state":"TASK_GONE_BY_OPERATOR",
                 "message":"Agent marked gone","source":"SOURCE_MASTER","reason":"REASON_AGENT_REMOVED_BY_OPERATOR",
                 "agent_id":{"value":"S3"},"timestamp":1717171718.0}}}""");
        stream.add(
                "{\"type\":\"FAILURE\",\"failure\":{\"agent_id\":{\"value\":\"S1\"},\"executor_id\":{\"value\":\"E1\"},\"status\":256}}");
        stream.add("{\"type\":\"FAILURE\",\"failure\":{\"agent_id\":{\"value\":\"S3\"}}}");

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.lostAgents.contains("S3"));
        assertThat(repository.findId("borealis")).hasValue(FRAMEWORK);
        assertThat(driver.offers()).extracting(ResourceOffer::offerId).containsExactly("O1");
        assertThat(listener.lostAgents).containsExactly("S3");
        assertThat(listener.updates).extracting(TaskStatusUpdate::taskId).containsExactly("t1", "t2");
        TaskStatusUpdate running = listener.last("t1");
        assertThat(running.state()).isEqualTo(ClusterTaskState.RUNNING);
        assertThat(running.healthy()).isTrue();
        assertThat(running.ackToken()).isEqualTo("O54sSm8dToqcK11/Ch6MMw==");
        TaskStatusUpdate gone = listener.last("t2");
        assertThat(gone.state()).isEqualTo(ClusterTaskState.GONE_BY_OPERATOR);
        assertThat(gone.reason()).isEqualTo("REASON_AGENT_REMOVED_BY_OPERATOR");
        assertThat(gone.ackToken()).isNull();
        assertThat(driver.health().details())
                .containsEntry("offers received", "3")
                .containsEntry("offers rescinded", "1")
                .containsEntry("updates received", "2");
        assertThat(driver.health().lastContact()).isNotNull();

        stream.add("{\"type\":\"ERROR\",\"error\":{\"message\":\"Framework failed over\"}}");

        BlockingQueue<String> second = streams.poll(10, TimeUnit.SECONDS);
        assertThat(second).as("a new subscription after the ERROR").isNotNull();
        JsonNode resubscribe = calls.stream()
                .filter(c -> "SUBSCRIBE".equals(c.path("type").asString()))
                .toList()
                .get(1);
        assertThat(resubscribe.path("framework_id").path("value").asString()).isEqualTo(FRAMEWORK);
        assertThat(resubscribe
                        .path("subscribe")
                        .path("framework_info")
                        .path("id")
                        .path("value")
                        .asString())
                .isEqualTo(FRAMEWORK);
        assertThat(driver.offers()).isEmpty();
        assertThat(driver.health().details()).containsEntry("errors", "1");
        second.add(END);
    }

    private static final String END = "";

    private void scheduler(HttpExchange exchange) throws IOException {
        JsonNode call = JSON.readTree(exchange.getRequestBody().readAllBytes());
        calls.add(call);
        if (!"SUBSCRIBE".equals(call.path("type").asString())) {
            respond(exchange, 202, null);
            return;
        }
        BlockingQueue<String> stream = new LinkedBlockingQueue<>();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Mesos-Stream-Id", "stream-" + streams.size());
        exchange.sendResponseHeaders(200, 0);
        streams.add(stream);
        try (OutputStream out = exchange.getResponseBody()) {
            while (true) {
                String event = stream.poll(100, TimeUnit.MILLISECONDS);
                if (event == null) {
                    continue;
                }
                if (event.equals(END)) {
                    break;
                }
                byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
                out.write((bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                if (event.contains("\"ERROR\"")) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the driver went away
        }
        exchange.close();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private MesosProperties properties() {
        return new MesosProperties(
                List.of("http://127.0.0.1:" + server.getAddress().getPort()),
                null,
                null,
                "borealis",
                Duration.ofHours(1),
                "tester",
                "borealis",
                null,
                "borealis-test.local",
                null,
                null,
                null,
                3.0,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                1.0,
                Duration.ofHours(1),
                100,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }
}
