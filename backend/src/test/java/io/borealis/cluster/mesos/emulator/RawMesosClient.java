package io.borealis.cluster.mesos.emulator;

import io.borealis.cluster.mesos.RecordIoDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deliberately plain client for the emulator's conformance tests, on the JDK's HTTP client (not
 * the adapter under test): raw requests with exactly the headers given, and a subscription reader.
 */
final class RawMesosClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** POST (or another method) with the given headers and body; the answer's body as text. */
    HttpResponse<String> request(String method, String url, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String url, String body) {
        return request("POST", url, Map.of("Content-Type", "application/json"), body);
    }

    HttpResponse<String> call(String url, String streamId, String body) {
        return request("POST", url, Map.of("Content-Type", "application/json", "Mesos-Stream-Id", streamId), body);
    }

    /** Opens a subscription and reads its events on a daemon thread. */
    Subscription subscribe(String url, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new Subscription(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Subscription subscribe(String url, String body) {
        return subscribe(url, Map.of("Content-Type", "application/json"), body);
    }

    /** An open event stream; {@link #next} waits for the next event with a deadline. */
    static final class Subscription implements AutoCloseable {
        final HttpResponse<InputStream> response;
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private volatile boolean ended;

        Subscription(HttpResponse<InputStream> response) {
            this.response = response;
            Thread.ofPlatform().daemon().name("raw-subscription").start(this::read);
        }

        String streamId() {
            return response.headers().firstValue("Mesos-Stream-Id").orElse(null);
        }

        private void read() {
            RecordIoDecoder decoder = new RecordIoDecoder(1 << 20);
            byte[] buffer = new byte[4096];
            try (InputStream in = response.body()) {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    for (byte[] record : decoder.decode(buffer, 0, read)) {
                        events.add(JSON.readTree(record));
                    }
                }
            } catch (IOException e) {
                // closed
            } finally {
                ended = true;
            }
        }

        /** The next event, or null when none came within the timeout. */
        JsonNode next(Duration timeout) {
            try {
                return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** The next event of this type, skipping others (heartbeats, offers). */
        JsonNode next(String type, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (event != null && type.equals(event.path("type").asString())) {
                    return event;
                }
            }
            return null;
        }

        boolean ended() {
            return ended;
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
