package io.borealis.cluster.mesos;

import io.borealis.cluster.mesos.v1.MesosJson;
import io.borealis.cluster.mesos.v1.SchedulerEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one subscription to the leading master alive, on its own thread ({@code mesos-subscription}):
 * subscribe, read the RecordIO event stream incrementally and hand each event to the {@link Handler};
 * when the stream ends, fails, or falls silent, tell the handler and subscribe again after an
 * exponential backoff ({@code reconnect-backoff-min} doubling up to {@code reconnect-backoff-max},
 * back to the minimum after a subscription that worked).
 *
 * <p>Silence: a watchdog on the shared timer cancels the stream when no byte arrived for
 * {@code heartbeat-watchdog-factor} heartbeat intervals (the interval comes from SUBSCRIBED; 15 s
 * before it). The stream itself has no read timeout.
 */
final class MesosSubscriber {

    /** What the subscriber needs from the driver. Called on the subscription thread, in order. */
    interface Handler {

        /** The SUBSCRIBE call to send now (it names the current framework id, if any). */
        byte[] subscribeCall();

        /** An event of the stream with this id from this master (SUBSCRIBED first). */
        void onEvent(SchedulerEvent event, String streamId, HttpUrl master);

        /** The subscription ended (or never started); the reason is for logs and the health page. */
        void onDisconnected(String reason);
    }

    private static final Logger log = LoggerFactory.getLogger(MesosSubscriber.class);
    private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    private static final long MAX_RECORD_BYTES = 64L * 1024 * 1024;

    private final MesosHttp http;
    private final MesosJson json;
    private final MesosProperties properties;
    private final Handler handler;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();

    private volatile boolean running;
    private volatile Call current;
    private volatile HttpUrl streamMaster;
    private volatile long lastReadNanos;
    private volatile Duration heartbeatInterval = DEFAULT_HEARTBEAT;
    private volatile Instant lastHeartbeat;
    private volatile Instant lastContact;
    private volatile String abortReason;
    private Thread thread;
    private ScheduledFuture<?> watchdog;

    MesosSubscriber(
            MesosHttp http,
            MesosJson json,
            MesosProperties properties,
            Handler handler,
            ScheduledExecutorService timer,
            Clock clock) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.handler = handler;
        this.timer = timer;
        this.clock = clock;
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("mesos-subscription").daemon().start(this::run);
        scheduleWatchdog();
    }

    /** The watchdog looks eight times per allowed silence (10 ms to 1 s apart); it follows the interval. */
    private synchronized void scheduleWatchdog() {
        if (!running) {
            return;
        }
        long period = Math.max(10, Math.min(1000, watchdogTimeout().toMillis() / 8));
        watchdog = timer.schedule(
                () -> {
                    try {
                        checkSilence();
                    } finally {
                        scheduleWatchdog();
                    }
                },
                period,
                TimeUnit.MILLISECONDS);
    }

    /** Ends the subscription (the stream is closed, the master keeps the framework until failover). */
    void stop() {
        Thread toJoin;
        synchronized (this) {
            running = false;
            toJoin = thread;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
        abort("stopped");
        wakeUp();
        if (toJoin != null) {
            try {
                toJoin.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the current stream (if any) so that the loop subscribes again, e.g. at a new leader. */
    void abort(String reason) {
        Call call = current;
        if (call != null) {
            abortReason = reason;
            call.cancel();
        }
    }

    /** The leader changed: a stream at another master is stale (its stream id means nothing there). */
    void leaderChanged(HttpUrl leader) {
        HttpUrl master = streamMaster;
        if (master != null && !master.equals(leader)) {
            abort("the leading master moved to " + MesosHttp.display(leader));
        }
    }

    Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    Instant lastContact() {
        return lastContact;
    }

    Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    private Duration watchdogTimeout() {
        return Duration.ofNanos((long) (heartbeatInterval.toNanos() * properties.heartbeatWatchdogFactor()));
    }

    /** Also guards the SUBSCRIBE itself: a master that accepts the connection but never answers. */
    private void checkSilence() {
        if (current == null) {
            return;
        }
        long silentNanos = System.nanoTime() - lastReadNanos;
        Duration timeout = watchdogTimeout();
        if (silentNanos > timeout.toNanos()) {
            HttpUrl master = streamMaster != null ? streamMaster : http.currentMaster();
            log.warn(
                    "No heartbeat from Mesos master {} for {} ms (interval {} ms x {}): re-subscribing",
                    MesosHttp.display(master),
                    silentNanos / 1_000_000,
                    heartbeatInterval.toMillis(),
                    properties.heartbeatWatchdogFactor());
            abort("no heartbeat for " + silentNanos / 1_000_000 + " ms");
        }
    }

    private void run() {
        Duration backoff = properties.reconnectBackoffMin();
        while (running) {
            boolean subscribed = false;
            String reason;
            try {
                subscribed = subscribeOnce();
                reason = abortReason != null ? abortReason : "the master closed the event stream";
            } catch (MesosApiException e) {
                reason = abortReason != null ? abortReason : e.getMessage();
                if (abortReason == null) {
                    log.warn("Mesos subscription failed: {}", e.getMessage());
                }
            } catch (RuntimeException e) {
                reason = "unexpected failure: " + e;
                log.error("Mesos subscription failed unexpectedly", e);
            } finally {
                current = null;
                streamMaster = null;
            }
            abortReason = null;
            handler.onDisconnected(reason);
            if (!running) {
                break;
            }
            if (subscribed) {
                backoff = properties.reconnectBackoffMin();
            }
            log.info("Subscribing to Mesos again in {} ms ({})", backoff.toMillis(), reason);
            pause(backoff);
            if (!subscribed) {
                backoff = min(backoff.multipliedBy(2), properties.reconnectBackoffMax());
            }
        }
    }

    /** One subscription, until its stream ends; true when SUBSCRIBED arrived. */
    private boolean subscribeOnce() {
        HttpUrl master = http.currentMaster();
        lastReadNanos = System.nanoTime();
        try (Response response = http.subscribe(handler.subscribeCall(), call -> current = call)) {
            String streamId = response.header(MesosHttp.STREAM_ID);
            // the master that answered (after any redirects), not shared state another call may change
            master = MesosHttp.leaderFrom(response.request().url(), MesosHttp.SCHEDULER_PATH);
            http.leaderConfirmed(master);
            streamMaster = master;
            return readEvents(response.body().source(), streamId, master);
        } catch (IOException e) {
            if (abortReason == null) {
                http.masterFailed(master);
            }
            throw new MesosApiException.Unreachable("SUBSCRIBE", MesosHttp.display(master), e);
        }
    }

    private boolean readEvents(BufferedSource source, String streamId, HttpUrl master) throws IOException {
        RecordIoDecoder decoder = new RecordIoDecoder(MAX_RECORD_BYTES);
        byte[] buffer = new byte[16 * 1024];
        boolean subscribed = false;
        while (running) {
            int read = source.read(buffer);
            if (read == -1) {
                if (!decoder.atRecordBoundary()) {
                    log.warn("Mesos event stream from {} ended inside a record", MesosHttp.display(master));
                }
                return subscribed;
            }
            lastReadNanos = System.nanoTime();
            lastContact = clock.instant();
            for (byte[] record : decodeRecords(decoder, buffer, read)) {
                SchedulerEvent event = decodeEvent(record);
                switch (event.type()) {
                    case SUBSCRIBED -> {
                        if (streamId == null || streamId.isBlank()) {
                            throw new MesosApiException.ProtocolError(
                                    "Mesos answered SUBSCRIBE without a Mesos-Stream-Id header",
                                    200,
                                    "SUBSCRIBE",
                                    "",
                                    null);
                        }
                        subscribed = true;
                        Double seconds = event.subscribed() == null
                                ? null
                                : event.subscribed().heartbeatIntervalSeconds();
                        heartbeatInterval = seconds != null && seconds > 0
                                ? Duration.ofNanos((long) (seconds * 1e9))
                                : DEFAULT_HEARTBEAT;
                        http.leaderConfirmed(master);
                    }
                    case HEARTBEAT -> lastHeartbeat = clock.instant();
                    default -> {}
                }
                handler.onEvent(event, streamId, master);
                if (event.type() == SchedulerEvent.Type.ERROR) {
                    abortReason = "Mesos sent ERROR: "
                            + (event.error() == null ? "" : event.error().message());
                    return subscribed;
                }
            }
        }
        return subscribed;
    }

    private static java.util.List<byte[]> decodeRecords(RecordIoDecoder decoder, byte[] buffer, int read) {
        try {
            return decoder.decode(buffer, 0, read);
        } catch (RecordIoDecoder.RecordIoException e) {
            throw new MesosApiException.ProtocolError(
                    "Mesos event stream is not RecordIO: " + e.getMessage(), 200, "SUBSCRIBE", "", e);
        }
    }

    private SchedulerEvent decodeEvent(byte[] record) {
        try {
            return json.readEvent(record);
        } catch (MesosJson.MesosJsonException e) {
            throw new MesosApiException.ProtocolError(
                    "Mesos sent an event that is not readable JSON: " + e.getMessage(),
                    200,
                    "SUBSCRIBE",
                    new String(record, 0, Math.min(record.length, 400), java.nio.charset.StandardCharsets.UTF_8),
                    e);
        }
    }

    private void pause(Duration duration) {
        lock.lock();
        try {
            long nanos = duration.toNanos();
            while (running && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void wakeUp() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
