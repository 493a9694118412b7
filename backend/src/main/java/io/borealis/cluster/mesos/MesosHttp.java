package io.borealis.cluster.mesos;

import io.borealis.cluster.mesos.v1.MesosJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to the Mesos masters (and agents) over OkHttp, the way section 11 of the wire-protocol digest
 * asks for:
 *
 * <ul>
 *   <li>bodies are {@code byte[]} with the media type {@code application/json}, so OkHttp sends the
 *       Content-Type verbatim (a String body would get {@code ; charset=utf-8} and a 415);
 *   <li>redirects are never followed by OkHttp: a 307 from a non-leader is resolved by hand
 *       ({@link HttpUrl#resolve}, so the protocol-relative {@code //leader:5050/...} keeps the
 *       scheme), the leader is remembered and the request sent there with the same credentials;
 *   <li>the masters are tried in turn when one cannot be reached or has no leader;
 *   <li>ordinary calls use a client with the configured request timeout; the subscription stream
 *       uses a second client derived from it (shared pools) without read or call timeout;
 *   <li>HTTP Basic credentials go on every request; a configured trust store is used for TLS.
 * </ul>
 *
 * Thread-safe.
 */
final class MesosHttp implements AutoCloseable {

    static final String SCHEDULER_PATH = "api/v1/scheduler";
    static final String OPERATOR_PATH = "api/v1";
    static final String STREAM_ID = "Mesos-Stream-Id";

    private static final Logger log = LoggerFactory.getLogger(MesosHttp.class);
    private static final MediaType JSON = MediaType.get(MesosJson.CONTENT_TYPE);
    private static final int MAX_REDIRECTS = 4;

    private final List<HttpUrl> masters;
    private final OkHttpClient calls;
    private final OkHttpClient stream;
    private final String authorization;
    private final Consumer<HttpUrl> onLeaderChange;

    private HttpUrl leader;
    private int nextMaster;

    MesosHttp(MesosProperties properties, Consumer<HttpUrl> onLeaderChange) {
        this.masters = properties.masters().stream().map(MesosHttp::base).toList();
        this.onLeaderChange = onLeaderChange;
        this.authorization =
                properties.authenticates() ? Credentials.basic(properties.principal(), properties.secret()) : null;
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                // never resend a call silently: a repeated ACCEPT would reuse its offer and drop its tasks
                .retryOnConnectionFailure(false)
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.requestTimeout())
                .writeTimeout(properties.requestTimeout());
        if (properties.trustStore() != null) {
            X509TrustManager trust = trustManager(properties);
            builder.sslSocketFactory(sslContext(trust).getSocketFactory(), trust);
        }
        this.calls = builder.build();
        this.stream = calls.newBuilder()
                .readTimeout(java.time.Duration.ZERO)
                .callTimeout(java.time.Duration.ZERO)
                .build();
    }

    /** The master requests go to now: the known leader, else the next configured master. */
    synchronized HttpUrl currentMaster() {
        return leader != null ? leader : masters.get(nextMaster % masters.size());
    }

    /** The leader learnt from a redirect or a successful subscription, or null. */
    synchronized HttpUrl leader() {
        return leader;
    }

    /** Forgets a master that failed (unreachable, no leader): the next request tries the next one. */
    synchronized void masterFailed(HttpUrl master) {
        if (master.equals(leader)) {
            leader = null;
        }
        int index = masters.indexOf(master);
        nextMaster = (index >= 0 ? index : nextMaster) + 1;
    }

    /** Remembers the master that accepted a subscription as the leader. */
    synchronized void leaderConfirmed(HttpUrl master) {
        leader = master;
    }

    /**
     * Opens the subscription: POSTs SUBSCRIBE (redirects followed by hand) and returns the open 200
     * response, whose body is the event stream. {@code active} is told each OkHttp call as it starts,
     * so that a watchdog can cancel it.
     */
    Response subscribe(byte[] body, Consumer<Call> active) {
        Response response = post(stream, SCHEDULER_PATH, "SUBSCRIBE", body, null, active);
        if (response.code() != 200) {
            throw failure(response, "SUBSCRIBE");
        }
        return response;
    }

    /** A scheduler call on the subscription with this stream id: expects 202. */
    void call(String callType, byte[] body, String streamId) {
        try (Response response = post(calls, SCHEDULER_PATH, callType, body, streamId, call -> {})) {
            if (response.code() != 202) {
                throw failure(response, callType);
            }
        }
    }

    /** An operator API call: expects 200 and returns the body. */
    byte[] operator(String callType, byte[] body) {
        try (Response response = post(calls, OPERATOR_PATH, callType, body, null, call -> {})) {
            if (response.code() != 200) {
                throw failure(response, callType);
            }
            return response.body().bytes();
        } catch (IOException e) {
            throw new MesosApiException.Unreachable(callType, currentMaster().toString(), e);
        }
    }

    /** A GET (agent endpoints): expects 200 and returns the body. */
    byte[] get(HttpUrl url, String what) {
        Request.Builder request = new Request.Builder().url(url).get().header("Accept", MesosJson.CONTENT_TYPE);
        try (Response response = calls.newCall(request.build()).execute()) {
            if (response.code() != 200) {
                throw failure(response, what);
            }
            return response.body().bytes();
        } catch (IOException e) {
            throw new MesosApiException.Unreachable(what, display(url), e);
        }
    }

    private Response post(
            OkHttpClient client, String path, String callType, byte[] body, String streamId, Consumer<Call> active) {
        HttpUrl master = currentMaster();
        HttpUrl url = master.resolve(path);
        for (int redirects = 0; ; redirects++) {
            Request.Builder request = new Request.Builder()
                    .url(url)
                    .post(RequestBody.create(body, JSON))
                    .header("Accept", MesosJson.CONTENT_TYPE);
            if (streamId != null) {
                request.header(STREAM_ID, streamId);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            Call call = client.newCall(request.build());
            active.accept(call);
            Response response;
            try {
                response = call.execute();
            } catch (IOException e) {
                masterFailed(master);
                throw new MesosApiException.Unreachable(callType, display(url), e);
            }
            if (response.code() == 503) {
                masterFailed(master);
                return response;
            }
            if (response.code() != 307) {
                return response;
            }
            String location = response.header("Location");
            response.close();
            HttpUrl target = location == null ? null : url.resolve(location);
            if (target == null) {
                throw new MesosApiException.ProtocolError(
                        "Mesos answered 307 to " + callType + " without a usable Location (" + location + ")",
                        307,
                        callType,
                        "",
                        null);
            }
            if (redirects == MAX_REDIRECTS) {
                throw new MesosApiException.ProtocolError(
                        "Mesos redirected " + callType + " more than " + MAX_REDIRECTS + " times (last to "
                                + display(target) + ")",
                        307,
                        callType,
                        "",
                        null);
            }
            master = leaderFrom(target, path);
            setLeader(master);
            url = target;
        }
    }

    private void setLeader(HttpUrl newLeader) {
        boolean changed;
        synchronized (this) {
            changed = !newLeader.equals(leader);
            leader = newLeader;
        }
        if (changed) {
            log.info("Mesos leading master is {}", display(newLeader));
            onLeaderChange.accept(newLeader);
        }
    }

    /** The master base URL of a redirect target: the target without the endpoint path. */
    static HttpUrl leaderFrom(HttpUrl target, String path) {
        String encodedPath = target.encodedPath();
        String prefix =
                encodedPath.endsWith("/" + path) ? encodedPath.substring(0, encodedPath.length() - path.length()) : "/";
        return target.newBuilder()
                .encodedPath(prefix)
                .query(null)
                .fragment(null)
                .build();
    }

    /** A URL for logs, messages and the cluster page: without credentials and query. */
    static String display(HttpUrl url) {
        return url.newBuilder().username("").password("").query(null).build().toString();
    }

    /** A configured master URL as a base that endpoint paths resolve against (ends with '/'). */
    static HttpUrl base(String master) {
        HttpUrl url = HttpUrl.get(master);
        String path = url.encodedPath();
        return path.endsWith("/")
                ? url
                : url.newBuilder().encodedPath(path + "/").build();
    }

    private static MesosApiException failure(Response response, String callType) {
        String body;
        try {
            body = response.peekBody(MesosApiException.MAX_BODY * 2L).string();
        } catch (IOException e) {
            body = "";
        } finally {
            response.close();
        }
        return MesosApiException.forStatus(response.code(), callType, body);
    }

    private static X509TrustManager trustManager(MesosProperties properties) {
        Path file = Path.of(properties.trustStore());
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(properties.trustStoreType().toUpperCase(Locale.ROOT));
            char[] password = properties.trustStorePassword() == null
                    ? null
                    : properties.trustStorePassword().toCharArray();
            store.load(in, password);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            TrustManager[] managers = factory.getTrustManagers();
            return Arrays.stream(managers)
                    .filter(X509TrustManager.class::isInstance)
                    .map(X509TrustManager.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no X509 trust manager in " + file));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "borealis.mesos.trust-store: cannot load " + file + " as " + properties.trustStoreType() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static SSLContext sslContext(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        calls.dispatcher().executorService().shutdown();
        calls.connectionPool().evictAll();
    }
}
