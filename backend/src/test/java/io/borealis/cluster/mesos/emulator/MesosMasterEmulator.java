package io.borealis.cluster.mesos.emulator;

import static io.borealis.cluster.mesos.emulator.HttpRules.JSON;
import static io.borealis.cluster.mesos.emulator.HttpRules.PROTOBUF;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-JVM emulation of a Mesos master (and its agents) speaking the v1 scheduler and operator HTTP
 * APIs exactly as the shared reference/mesos-http-api.md describes them, for testing a scheduler
 * client against something that refuses what a real master refuses. Test fixture only; JSON only.
 *
 * <h2>Endpoints</h2>
 * One or more master endpoints ({@code masters(n)}, each an {@code HttpServer} on 127.0.0.1 with a
 * random port; HTTPS with {@code tls(context)}) share one cluster state; one of them leads. Each
 * agent has its own HTTP endpoint.
 * <ul>
 *   <li>{@code POST /api/v1/scheduler}, checked in the order of section 2.2: Basic auth when enabled
 *       (401, {@code WWW-Authenticate: Basic realm="mesos-master-scheduler"}, body
 *       {@code 401 Unauthorized.}); not the leader: 307 {@code Location: //127.0.0.1:<leader port>
 *       <path and query>}; no leader: 503 {@code No leader elected}; recovering: 503; method other
 *       than POST: 405 with {@code Allow: POST}; Content-Type missing: 400; not exactly
 *       {@code application/json} (also {@code application/json; charset=utf-8}): 415 (protobuf is
 *       not emulated: 415 too); body not JSON or not a {@code scheduler.Call} as stout reads it
 *       ({@link ProtoSchema}: numeric enums, wrong types, missing required fields, URL-safe base64):
 *       400; {@code type} missing or unknown: 400; sub-object of the type missing: 400;
 *       {@code framework_id} missing (not SUBSCRIBE): 400; ACKNOWLEDGE uuid not a 16-byte RFC 4122
 *       UUID: 400; SUBSCRIBE with {@code framework_id} differing from {@code framework_info.id}: 400;
 *       authenticated principal differing from the framework's: 400; SUBSCRIBE whose Accept allows no
 *       JSON: 406; SUBSCRIBE with a {@code Mesos-Stream-Id}: 400; other calls: unknown framework 400,
 *       known but not connected 403 {@code Framework is not subscribed}, stream id missing or not the
 *       current one 400; then 202 with an empty body (UNKNOWN type: 501).
 *   <li>SUBSCRIBE: semantic problems (roles without MULTI_ROLE, role with MULTI_ROLE, duplicate or
 *       malformed roles, suppressed role not a framework role, invalid failover timeout, the id of a
 *       removed framework, a changed principal) answer 200 with one ERROR record, then the stream
 *       ends. Otherwise 200, {@code Content-Type: application/json}, {@code Mesos-Stream-Id: <uuid>},
 *       chunked RecordIO: SUBSCRIBED (framework id {@code <masterId>-NNNN}, the configured
 *       {@code heartbeat_interval_seconds}, master info), a HEARTBEAT at once, then one every
 *       interval. A SUBSCRIBE for a connected framework sends ERROR {@code Framework failed over} on
 *       the old stream and ends it; its offers are dropped and the framework is offered again on the
 *       new stream. An id the master never saw is accepted (as after a master failover).
 *   <li>A broken or dropped stream disconnects the framework: its offers are dropped and its
 *       {@code failover_timeout} starts (0: at once); on expiry its tasks are killed, it is moved to
 *       the completed frameworks and its id is refused with {@code Framework has been removed}.
 *       TEARDOWN does the same at once and ends the stream.
 *   <li>{@code POST /api/v1} (operator): the same auth (realm {@code mesos-master-readwrite}),
 *       leader, method, Content-Type and Accept (406) rules; GET_HEALTH, GET_VERSION, GET_AGENTS
 *       (always with {@code agents} and {@code recovered_agents}), GET_TASKS ({@code tasks},
 *       {@code unreachable_tasks}, {@code completed_tasks}) and GET_FRAMEWORKS answer 200 JSON;
 *       other types 501 (not emulated).
 *   <li>Agents: {@code GET /state} (frameworks and completed frameworks with executors, each
 *       executor's {@code directory} and tasks; the command executor's id is the task id),
 *       {@code GET /files/read?path=&offset=&length=} (as Mesos: offset -1 or absent answers the
 *       size; at or past the end {@code {"data":"","offset":<size>}}; length capped at 64 KiB; the
 *       data written byte by byte like stout, so a cut multi-byte character is sent as is; unknown
 *       path 404) and {@code GET /files/browse?path=}.
 * </ul>
 *
 * <h2>Offers</h2>
 * Every {@code allocationInterval} (and after changes) each connected framework is offered, for its
 * first role that is not suppressed, every active agent it holds no offer for and has not filtered:
 * one offer per agent with all resources not used by tasks or other offers ({@code role "*"} unless
 * the framework has RESERVATION_REFINEMENT, {@code allocation_info} if MULTI_ROLE, the agent's
 * attributes and {@code url}). Offers are single-use. DECLINE removes the named offers of the
 * framework and filters their agents for {@code refuse_seconds} (default 5, negative: default, above
 * 365 days: capped); unknown ids are ignored. An ACCEPT's unused resources are filtered the same way.
 * SUPPRESS stops offers for the roles (none named: all) until REVIVE, which also clears every filter;
 * a role that is not the framework's drops the whole call silently. With {@code offerTimeout} set,
 * offers are rescinded (RESCIND) after it.
 *
 * <h2>ACCEPT</h2>
 * If any named offer is unknown (rescinded, declined, used), foreign, named twice, or the list is
 * empty, or the offers span agents or roles: every task of the LAUNCH operations gets an UPDATE
 * TASK_DROPPED (TASK_LOST for frameworks without PARTITION_AWARE), REASON_INVALID_OFFERS,
 * SOURCE_MASTER, no uuid, and every still-valid named offer is dropped. Otherwise each task is
 * validated in order, against what remains of the offers: an invalid task id (empty, '/', '\', a
 * control character, '.' or '..', over 255 characters), a duplicate of an active or unreachable task,
 * an agent id not the offer's, no resources, resources the offers do not have (cumulative, names
 * other than cpus/mem/disk/ports, a foreign allocation role), both or neither of command and
 * executor, a bad health check (type missing without a sub-object, a type without its sub-object,
 * an HTTP path not starting with '/', negative timings), a negative kill grace period or an
 * operation id on LAUNCH gives UPDATE TASK_ERROR, REASON_TASK_INVALID, SOURCE_MASTER, no uuid; the
 * other tasks still launch. Operations other than LAUNCH are ignored (logged).
 *
 * <h2>Tasks and status updates</h2>
 * A launched task is STAGING (never sent); the emulated command executor then reports TASK_STARTING
 * and TASK_RUNNING (and, for a task with a health check and {@code healthyOnStart}, TASK_RUNNING
 * with {@code healthy: true} and REASON_TASK_HEALTH_CHECK_STATUS_UPDATED). Executor updates carry a
 * fresh v4 uuid, SOURCE_EXECUTOR, agent and executor ids and a timestamp, and are reliable: per task
 * they wait in a queue, the head is sent and re-sent (same uuid) every {@code updateRetryInitial},
 * doubling up to {@code updateRetryMax}, until acknowledged; only then is the next one sent. While
 * the framework is disconnected or the agent unreachable nothing is sent; retries resume after.
 * ACKNOWLEDGE of the head's uuid releases it; of an unknown uuid is ignored (and noted as a
 * violation); for an unreachable agent it is dropped. A terminal task stays in GET_TASKS
 * {@code tasks} until its terminal update is acknowledged, then moves to {@code completed_tasks};
 * its resources are free once it is terminal. Knobs: {@link #finishTask} (TASK_FINISHED, "Command
 * exited with status 0"), {@link #failTask} (TASK_FAILED, "Command exited with status N"),
 * {@link #setTaskHealth} (TASK_RUNNING with {@code healthy} and the health reason), {@link
 * #appendLog}.
 *
 * <h2>KILL and RECONCILE</h2>
 * KILL of a live task: TASK_KILLING (if the framework has TASK_KILLING_STATE) then TASK_KILLED, both
 * reliable; with another agent id: ignored; on an unreachable agent: done when it comes back; of an
 * unknown task: the explicit reconciliation answer. RECONCILE without tasks answers every task the
 * master knows (not completed) with its latest state (the update in flight, else the current state;
 * TASK_UNREACHABLE/LOST for unreachable ones); with tasks, per task: known → latest state; unknown on
 * a registered agent → TASK_GONE (TASK_LOST without PARTITION_AWARE); on an unreachable agent →
 * TASK_UNREACHABLE with {@code unreachable_time} (LOST); unknown or no agent → TASK_UNKNOWN (LOST).
 * All with SOURCE_MASTER, REASON_RECONCILIATION, a message, no uuid, no data.
 *
 * <h2>Failures (knobs)</h2>
 * {@link #dropSubscriptions} (streams end, frameworks disconnected), {@link #pauseHeartbeats},
 * {@link #failover} (the old leader ends its streams and answers 307 to the new one; failover
 * timeouts are not kept; offers, filters and suppression are reset), {@link #leaderless} (503
 * everywhere), {@link #recovering}, {@link #loseAgent} (offers rescinded, every live task on it
 * TASK_UNREACHABLE with {@code unreachable_time} and REASON_AGENT_REMOVED — TASK_LOST without
 * PARTITION_AWARE —, then FAILURE with the agent id to every connected framework; the agent leaves
 * GET_AGENTS), {@link #reconnectAgent} (its tasks reported again with REASON_AGENT_REREGISTERED),
 * {@link #invalidateOffer} (an offer gone at the master, its RESCIND not yet sent),
 * {@link #rescindOffersOfNextAccepts} (offers rescinded while the ACCEPT is on its way),
 * {@link #refuseTasks} (an extra task validation rule: TASK_ERROR), {@link #forgetTask} (the master
 * loses a task silently), {@link #floodUpdates} (executors report as fast as they are acknowledged),
 * {@link #requireAuthentication}.
 *
 * <h2>Observations</h2>
 * {@link #calls} (every scheduler call with its answer), {@link #acknowledgements} (each with the
 * status it acknowledged), {@link #sentUpdates} (every UPDATE delivery, with its uuid or none),
 * {@link #onAcknowledgement} (a hook run before an ACKNOWLEDGE is answered), {@link #violations}
 * (what a correct client never causes: unknown JSON keys, 400/405/406/415 for malformed requests,
 * acknowledgements of unknown uuids), {@link #subscribeCalls}, task, offer and framework views.
 */
public final class MesosMasterEmulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MesosMasterEmulator.class);
    private static final String SCHEDULER_PATH = "/api/v1/scheduler";
    private static final String OPERATOR_PATH = "/api/v1";
    private static final double DEFAULT_REFUSE_SECONDS = 5;
    private static final double MAX_REFUSE_SECONDS = 365 * 24 * 3600.0;
    private static final int MAX_READ_LENGTH = 16 * 4096;
    private static final Set<String> TERMINAL = Set.of(
            "TASK_FINISHED",
            "TASK_FAILED",
            "TASK_KILLED",
            "TASK_ERROR",
            "TASK_LOST",
            "TASK_DROPPED",
            "TASK_GONE",
            "TASK_GONE_BY_OPERATOR");

    /** A scheduler API request and the status it got. */
    public record ReceivedCall(String type, String frameworkId, JsonNode body, int status, String streamId) {}

    /**
     * An ACKNOWLEDGE the master accepted (202), with the uuid as sent.
     *
     * @param status the acknowledged TaskStatus as the master sent it, or null for an unknown uuid
     * @param atNanos when it arrived ({@link System#nanoTime})
     */
    public record Acknowledgement(
            String frameworkId, String agentId, String taskId, String uuid, JsonNode status, long atNanos) {}

    /**
     * An UPDATE the master put on a framework's subscription stream (every delivery, resends too).
     *
     * @param uuid the status uuid, or null for a master-generated update (which must not be acknowledged)
     * @param atNanos when it was sent ({@link System#nanoTime})
     */
    public record SentUpdate(
            String frameworkId, String taskId, String state, String reason, String uuid, long atNanos) {}

    /** What the master knows about a task, for assertions. */
    public record TaskView(
            String taskId,
            String frameworkId,
            String agentId,
            String state,
            String statusUpdateState,
            boolean unreachable,
            boolean completed,
            JsonNode taskInfo) {}

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final Object lock = new Object();
    private final String masterId = UUID.randomUUID().toString();
    private final Builder config;
    private final List<HttpServer> masters = new ArrayList<>();
    private final ExecutorService httpThreads = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("emulator-http-", 0).daemon().factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("emulator-timer").daemon().factory());

    private final Map<String, Framework> frameworks = new LinkedHashMap<>();
    private final Set<String> removedFrameworks = new LinkedHashSet<>();
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final List<ReceivedCall> calls = new CopyOnWriteArrayList<>();
    private final List<Acknowledgement> acknowledgements = new CopyOnWriteArrayList<>();
    private final List<SentUpdate> sentUpdates = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<JsonNode> subscribeCalls = new CopyOnWriteArrayList<>();

    private int leader;
    private boolean recovering;
    private volatile boolean heartbeatsPaused;
    private volatile java.util.function.Consumer<Acknowledgement> acknowledgementObserver;
    private int rescindOnAccept;
    private java.util.function.Predicate<JsonNode> refusedTasks;
    private String refusalMessage;
    private String authPrincipal;
    private String authSecret;
    private int frameworkCounter;
    private int agentCounter;
    private int offerCounter;

    /** Settings; every interval can be made small for fast tests. */
    public static final class Builder {
        private int masterCount = 1;
        private Duration heartbeatInterval = Duration.ofSeconds(15);
        private Duration allocationInterval = Duration.ofSeconds(1);
        private Duration updateRetryInitial = Duration.ofSeconds(10);
        private Duration updateRetryMax = Duration.ofMinutes(10);
        private Duration offerTimeout;
        private boolean healthyOnStart = true;
        private String version = "1.11.0";
        private javax.net.ssl.SSLContext tls;

        private Builder() {}

        /** How many master endpoints (the first leads). */
        public Builder masters(int count) {
            this.masterCount = count;
            return this;
        }

        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        public Builder allocationInterval(Duration interval) {
            this.allocationInterval = interval;
            return this;
        }

        /** First resend of an unacknowledged update (Mesos: 10 s), doubled up to {@code max}. */
        public Builder updateRetry(Duration initial, Duration max) {
            this.updateRetryInitial = initial;
            this.updateRetryMax = max;
            return this;
        }

        /** Rescind offers not used within this time (Mesos' --offer_timeout; default never). */
        public Builder offerTimeout(Duration timeout) {
            this.offerTimeout = timeout;
            return this;
        }

        /** Whether a task with a health check reports itself healthy after RUNNING (default yes). */
        public Builder healthyOnStart(boolean healthy) {
            this.healthyOnStart = healthy;
            return this;
        }

        public Builder version(String masterVersion) {
            this.version = masterVersion;
            return this;
        }

        /** Serve the master endpoints over HTTPS with this context (agents stay plain HTTP). */
        public Builder tls(javax.net.ssl.SSLContext context) {
            this.tls = context;
            return this;
        }

        public MesosMasterEmulator start() {
            return new MesosMasterEmulator(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private MesosMasterEmulator(Builder config) {
        this.config = config;
        try {
            for (int i = 0; i < config.masterCount; i++) {
                int index = i;
                InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
                HttpServer server;
                if (config.tls != null) {
                    com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(address, 64);
                    https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(config.tls));
                    server = https;
                } else {
                    server = HttpServer.create(address, 64);
                }
                server.setExecutor(httpThreads);
                server.createContext(SCHEDULER_PATH, exchange -> handle(exchange, () -> scheduler(exchange, index)));
                server.createContext(OPERATOR_PATH, exchange -> handle(exchange, () -> operator(exchange, index)));
                server.createContext("/", exchange -> handle(exchange, () -> HttpRules.text(exchange, 404, "")));
                server.start();
                masters.add(server);
            }
        } catch (IOException e) {
            close();
            throw new IllegalStateException("cannot start the Mesos master emulator", e);
        }
        long allocation = config.allocationInterval.toMillis();
        timer.scheduleWithFixedDelay(this::allocate, allocation, allocation, TimeUnit.MILLISECONDS);
        long tick = Math.max(10, Math.min(1000, config.updateRetryInitial.toMillis() / 4));
        timer.scheduleWithFixedDelay(this::retryUpdates, tick, tick, TimeUnit.MILLISECONDS);
    }

    // ==== public knobs and views ===================================================================

    /** The URL of master endpoint {@code index}, e.g. {@code http://127.0.0.1:40123}. */
    public String masterUrl(int index) {
        return (config.tls != null ? "https" : "http") + "://127.0.0.1:"
                + masters.get(index).getAddress().getPort();
    }

    /** The URL of the first master. */
    public String masterUrl() {
        return masterUrl(0);
    }

    public String masterId() {
        return masterId;
    }

    /**
     * Adds an active agent.
     *
     * @param ports ranges like {@code 31000-31099,32000-32000}
     * @param attributes numbers become SCALAR attributes, other values TEXT
     */
    public String addAgent(
            String hostname, double cpus, double memMb, double diskMb, String ports, Map<String, String> attributes) {
        Agent agent;
        synchronized (lock) {
            String id = masterId + "-S" + agentCounter++;
            agent = new Agent(id, hostname, cpus, memMb, diskMb, parsePorts(ports), attributes);
            agents.put(id, agent);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(httpThreads);
            server.createContext("/state", exchange -> handle(exchange, () -> agentState(exchange, agent)));
            server.createContext("/files/read", exchange -> handle(exchange, () -> filesRead(exchange, agent)));
            server.createContext("/files/browse", exchange -> handle(exchange, () -> filesBrowse(exchange, agent)));
            server.start();
            agent.server = server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start an emulated agent", e);
        }
        soon(this::allocate);
        return agent.id;
    }

    /** Enables HTTP Basic authentication of frameworks and operators with one credential. */
    public void requireAuthentication(String principal, String secret) {
        synchronized (lock) {
            authPrincipal = principal;
            authSecret = secret;
        }
    }

    /** Ends every subscription stream; the frameworks are disconnected and their failover timeouts start. */
    public void dropSubscriptions() {
        synchronized (lock) {
            for (Framework framework : frameworks.values()) {
                Stream stream = framework.stream;
                if (stream != null) {
                    disconnected(framework, stream);
                    stream.close();
                }
            }
        }
    }

    /** Stops (or resumes) heartbeats on every stream; nothing else changes. */
    public void pauseHeartbeats(boolean paused) {
        heartbeatsPaused = paused;
    }

    /**
     * Makes master endpoint {@code newLeader} the leader: the others end their streams and answer 307
     * to it. Offers, filters, suppression and running failover timeouts are forgotten (a new master
     * learns frameworks again from their subscriptions); agents and tasks are kept (they re-register).
     */
    public void failover(int newLeader) {
        synchronized (lock) {
            leader = newLeader;
            for (Framework framework : frameworks.values()) {
                if (framework.stream != null) {
                    framework.stream.close();
                    framework.stream = null;
                }
                cancelFailoverTimer(framework);
                framework.suppressed.clear();
                framework.filters.clear();
            }
            for (Offer offer : List.copyOf(offers.values())) {
                removeOffer(offer);
            }
        }
    }

    /** No leader: every endpoint answers 503 until {@link #failover}. */
    public void leaderless() {
        synchronized (lock) {
            leader = -1;
            for (Framework framework : frameworks.values()) {
                if (framework.stream != null) {
                    framework.stream.close();
                    framework.stream = null;
                }
            }
            for (Offer offer : List.copyOf(offers.values())) {
                removeOffer(offer);
            }
        }
    }

    /** While recovering the leader answers 503 {@code Master has not finished recovery}. */
    public void recovering(boolean value) {
        synchronized (lock) {
            recovering = value;
        }
    }

    /** The agent becomes unreachable (partitioned): see the class description. */
    public void loseAgent(String agentId) {
        synchronized (lock) {
            Agent agent = agents.get(agentId);
            agent.state = AgentState.UNREACHABLE;
            for (Offer offer : List.copyOf(offers.values())) {
                if (offer.agentId.equals(agentId)) {
                    rescind(offer);
                }
            }
            long now = epochNanos();
            for (Task task : tasks.values()) {
                if (!task.agentId.equals(agentId) || task.completed || isTerminal(task.state)) {
                    continue;
                }
                task.unreachable = true;
                task.unreachableSince = now;
                Framework framework = frameworks.get(task.frameworkId);
                if (framework != null) {
                    ObjectNode status = masterStatus(
                            task.id,
                            agentId,
                            framework.partitionAware() ? "TASK_UNREACHABLE" : "TASK_LOST",
                            "REASON_AGENT_REMOVED",
                            "Agent " + agent.hostname + " is unreachable");
                    status.putObject("unreachable_time").put("nanoseconds", now);
                    sendUpdate(framework, status);
                }
            }
            for (Framework framework : frameworks.values()) {
                if (framework.stream != null) {
                    ObjectNode failure = event("FAILURE");
                    failure.putObject("failure").putObject("agent_id").put("value", agentId);
                    framework.stream.send(failure);
                }
            }
        }
    }

    /** An unreachable agent comes back: its tasks are reported again, held updates flow again. */
    public void reconnectAgent(String agentId) {
        synchronized (lock) {
            Agent agent = agents.get(agentId);
            agent.state = AgentState.ACTIVE;
            for (Task task : tasks.values()) {
                if (!task.agentId.equals(agentId) || !task.unreachable) {
                    continue;
                }
                task.unreachable = false;
                task.unreachableSince = null;
                Framework framework = frameworks.get(task.frameworkId);
                if (framework != null) {
                    sendUpdate(
                            framework,
                            masterStatus(
                                    task.id,
                                    agentId,
                                    task.state,
                                    "REASON_AGENT_REREGISTERED",
                                    "Agent " + agent.hostname + " re-registered"));
                }
                if (task.killPending) {
                    kill(task);
                }
                if (task.inflight != null) {
                    forward(task);
                }
            }
        }
        soon(this::allocate);
    }

    /**
     * The master drops an offer without telling the framework yet, as when it times out or its agent
     * goes while the framework is accepting it (the RESCIND is still on its way). An ACCEPT of it then
     * gets the invalid-offer answer.
     */
    public void invalidateOffer(String offerId) {
        synchronized (lock) {
            Offer offer = offers.get(offerId);
            if (offer != null) {
                removeOffer(offer);
            }
        }
    }

    /**
     * The next {@code count} ACCEPT calls arrive just after the master rescinded their offers (as when
     * {@code --offer_timeout} strikes while the ACCEPT is on its way): each named offer of the framework
     * is rescinded (RESCIND sent) and the ACCEPT then gets the invalid-offer answer of rule 11.
     */
    public void rescindOffersOfNextAccepts(int count) {
        synchronized (lock) {
            rescindOnAccept = count;
        }
    }

    /**
     * An extra validation rule of this master (as a stricter master version or an operator's policy
     * would add): launched tasks whose TaskInfo matches are answered TASK_ERROR, REASON_TASK_INVALID,
     * SOURCE_MASTER, no uuid, with {@code message}; the other tasks of the ACCEPT still launch. Null
     * removes the rule.
     */
    public void refuseTasks(java.util.function.Predicate<JsonNode> taskInfo, String message) {
        synchronized (lock) {
            refusedTasks = taskInfo;
            refusalMessage = message;
        }
    }

    /**
     * The master loses a task without telling anybody, as when its agent restarts without recovering
     * it: the task disappears from the master (its resources are free, its pending updates dropped).
     * A reconciliation then answers TASK_GONE (TASK_LOST without PARTITION_AWARE).
     */
    public void forgetTask(String taskId) {
        synchronized (lock) {
            Task task = anyTask(taskId);
            tasks.remove(key(task.frameworkId, task.id));
        }
        soon(this::allocate);
    }

    /**
     * The emulated executors of these running tasks report {@code perTask} health check results each
     * (TASK_RUNNING, {@code healthy: true}, REASON_TASK_HEALTH_CHECK_STATUS_UPDATED), all queued at
     * once: each update is sent the moment the one before it (of the same task) is acknowledged, so
     * the master sends as fast as the framework acknowledges. For throughput measurements.
     */
    public void floodUpdates(java.util.Collection<String> taskIds, int perTask) {
        synchronized (lock) {
            for (String taskId : taskIds) {
                Task task = liveTask(taskId);
                for (int i = 0; i < perTask; i++) {
                    executorUpdate(task, "TASK_RUNNING", "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED", null, true);
                }
            }
        }
    }

    /**
     * Called with every accepted ACKNOWLEDGE on the HTTP thread that received it, before the 202 is
     * sent (outside the master's lock), e.g. to look at what the framework has stored by then.
     */
    public void onAcknowledgement(java.util.function.Consumer<Acknowledgement> observer) {
        acknowledgementObserver = observer;
    }

    /** The task's command exits with status 0. */
    public void finishTask(String taskId) {
        synchronized (lock) {
            Task task = liveTask(taskId);
            executorUpdate(task, "TASK_FINISHED", null, "Command exited with status 0", null);
        }
    }

    /** The task's command exits with this status. */
    public void failTask(String taskId, int exitStatus) {
        synchronized (lock) {
            Task task = liveTask(taskId);
            executorUpdate(
                    task,
                    "TASK_FAILED",
                    "REASON_COMMAND_EXECUTOR_FAILED",
                    "Command exited with status " + exitStatus,
                    null);
        }
    }

    /** The task's health check changes its verdict. */
    public void setTaskHealth(String taskId, boolean healthy) {
        synchronized (lock) {
            Task task = liveTask(taskId);
            executorUpdate(task, "TASK_RUNNING", "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED", null, healthy);
        }
    }

    /** Appends text to a sandbox file ({@code stdout} or {@code stderr}) of the task. */
    public void appendLog(String taskId, String file, String text) {
        synchronized (lock) {
            Task task = anyTask(taskId);
            Agent agent = agents.get(task.agentId);
            agent.files
                    .computeIfAbsent(task.directory + "/" + file, k -> new ByteArrayOutputStream())
                    .writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    public List<ReceivedCall> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one type, e.g. {@code ACKNOWLEDGE}. */
    public List<ReceivedCall> calls(String type) {
        return calls.stream().filter(c -> type.equals(c.type())).toList();
    }

    public List<Acknowledgement> acknowledgements() {
        return List.copyOf(acknowledgements);
    }

    /** Every UPDATE sent on a subscription stream, in order (resends included). */
    public List<SentUpdate> sentUpdates() {
        synchronized (sentUpdates) {
            return List.copyOf(sentUpdates);
        }
    }

    /** What a correct client never causes (see the class description). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Every SUBSCRIBE body received (also refused ones), in order. */
    public List<JsonNode> subscribeCalls() {
        return List.copyOf(subscribeCalls);
    }

    /** The ids of frameworks with an open subscription stream. */
    public Set<String> connectedFrameworks() {
        synchronized (lock) {
            Set<String> ids = new LinkedHashSet<>();
            frameworks.values().stream().filter(f -> f.stream != null).forEach(f -> ids.add(f.id));
            return ids;
        }
    }

    /** The current stream id of a framework, or null. */
    public String streamId(String frameworkId) {
        synchronized (lock) {
            Framework framework = frameworks.get(frameworkId);
            return framework == null || framework.stream == null ? null : framework.stream.id;
        }
    }

    public boolean isRemoved(String frameworkId) {
        synchronized (lock) {
            return removedFrameworks.contains(frameworkId);
        }
    }

    /** The roles a framework has suppressed. */
    public Set<String> suppressedRoles(String frameworkId) {
        synchronized (lock) {
            Framework framework = frameworks.get(frameworkId);
            return framework == null ? Set.of() : Set.copyOf(framework.suppressed);
        }
    }

    /** The ids of the offers a framework holds now. */
    public List<String> outstandingOffers(String frameworkId) {
        synchronized (lock) {
            return offers.values().stream()
                    .filter(o -> o.frameworkId.equals(frameworkId))
                    .map(o -> o.id)
                    .toList();
        }
    }

    /** What the master knows about a task (the newest by that id), or null. */
    public TaskView task(String taskId) {
        synchronized (lock) {
            Task task = findTask(taskId);
            return task == null ? null : view(task);
        }
    }

    public List<TaskView> tasks() {
        synchronized (lock) {
            return tasks.values().stream().map(this::view).toList();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            for (Framework framework : frameworks.values()) {
                if (framework.stream != null) {
                    framework.stream.close();
                }
            }
        }
        masters.forEach(server -> server.stop(0));
        List<Agent> all;
        synchronized (lock) {
            all = List.copyOf(agents.values());
        }
        all.stream().filter(a -> a.server != null).forEach(a -> a.server.stop(0));
        timer.shutdownNow();
        httpThreads.shutdownNow();
    }

    // ==== model ====================================================================================

    private enum AgentState {
        ACTIVE,
        UNREACHABLE
    }

    private final class Framework {
        final String id;
        ObjectNode info;
        List<String> roles;
        Set<String> capabilities;
        String principal;
        double failoverTimeout;
        Stream stream;
        final Set<String> suppressed = new HashSet<>();
        final Map<String, Long> filters = new HashMap<>();
        ScheduledFuture<?> failoverTimer;

        Framework(String id) {
            this.id = id;
        }

        boolean partitionAware() {
            return capabilities.contains("PARTITION_AWARE");
        }
    }

    private final class Stream {
        final String id = UUID.randomUUID().toString();
        final Framework framework;
        final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        volatile boolean closing;
        ScheduledFuture<?> heartbeat;

        Stream(Framework framework) {
            this.framework = framework;
        }

        void send(ObjectNode event) {
            if (!closing) {
                queue.add(HttpRules.recordIo(write(event)));
            }
        }

        void close() {
            closing = true;
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }
    }

    private static final class Agent {
        final String id;
        final String hostname;
        final double cpus;
        final double mem;
        final double disk;
        final BitSet ports;
        final Map<String, String> attributes;
        final Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
        final long registeredNanos = epochNanos();
        AgentState state = AgentState.ACTIVE;
        HttpServer server;

        Agent(
                String id,
                String hostname,
                double cpus,
                double mem,
                double disk,
                BitSet ports,
                Map<String, String> attributes) {
            this.id = id;
            this.hostname = hostname;
            this.cpus = cpus;
            this.mem = mem;
            this.disk = disk;
            this.ports = ports;
            this.attributes = new LinkedHashMap<>(attributes);
        }

        int port() {
            return server.getAddress().getPort();
        }
    }

    private static final class Offer {
        final String id;
        final String frameworkId;
        final String agentId;
        final String role;
        final double cpus;
        final double mem;
        final double disk;
        final BitSet ports;
        ScheduledFuture<?> timeout;

        Offer(
                String id,
                String frameworkId,
                String agentId,
                String role,
                double cpus,
                double mem,
                double disk,
                BitSet ports) {
            this.id = id;
            this.frameworkId = frameworkId;
            this.agentId = agentId;
            this.role = role;
            this.cpus = cpus;
            this.mem = mem;
            this.disk = disk;
            this.ports = ports;
        }
    }

    private static final class Task {
        final String id;
        final String frameworkId;
        final String agentId;
        final String role;
        final ObjectNode info;
        final double cpus;
        final double mem;
        final double disk;
        final BitSet ports;
        final String directory;
        String state = "TASK_STAGING";
        boolean unreachable;
        Long unreachableSince;
        boolean released;
        boolean completed;
        boolean killPending;
        final Deque<ObjectNode> queue = new ArrayDeque<>();
        ObjectNode inflight;
        long nextRetryNanos;
        Duration retryDelay;
        final List<ObjectNode> statuses = new ArrayList<>();
        final Set<String> acknowledged = new HashSet<>();

        Task(
                String id,
                String frameworkId,
                String agentId,
                String role,
                ObjectNode info,
                double[] scalars,
                BitSet ports,
                String directory) {
            this.id = id;
            this.frameworkId = frameworkId;
            this.agentId = agentId;
            this.role = role;
            this.info = info;
            this.cpus = scalars[0];
            this.mem = scalars[1];
            this.disk = scalars[2];
            this.ports = ports;
            this.directory = directory;
        }
    }

    // ==== HTTP: scheduler API ======================================================================

    private interface Action {
        void run() throws IOException;
    }

    private void handle(HttpExchange exchange, Action action) {
        try {
            action.run();
        } catch (IOException e) {
            log.debug("Emulator exchange failed: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("Emulator failure", e);
            try {
                HttpRules.text(exchange, 500, e.toString());
            } catch (IOException ignored) {
                // the client is gone
            }
        } finally {
            exchange.close();
        }
    }

    /** A request the master refuses; {@code mistake}: a correct client never causes it. */
    private static final class Refusal extends Exception {
        final int status;
        final boolean mistake;

        Refusal(int status, String message, boolean mistake) {
            super(message);
            this.status = status;
            this.mistake = mistake;
        }
    }

    private void scheduler(HttpExchange exchange, int endpoint) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String streamHeader = exchange.getRequestHeaders().getFirst("Mesos-Stream-Id");
        if (!authenticated(exchange, "mesos-master-scheduler")) {
            return;
        }
        if (!leading(exchange, endpoint)) {
            return;
        }
        ObjectNode call = null;
        String type = null;
        String frameworkId = null;
        try {
            call = parse(exchange, body, "scheduler.Call");
            type = call.has("type") ? call.get("type").asString() : null;
            frameworkId = call.path("framework_id").path("value").asString(null);
            validate(call, type);
            if ("SUBSCRIBE".equals(type)) {
                subscribeCalls.add(call.deepCopy());
                subscribe(exchange, call, streamHeader);
                calls.add(new ReceivedCall(type, frameworkId, call, 200, streamHeader));
                return;
            }
            Acknowledgement acknowledged = null;
            synchronized (lock) {
                Framework framework = connectedFramework(exchange, frameworkId, streamHeader);
                dispatch(framework, type, call);
                if ("ACKNOWLEDGE".equals(type)) {
                    acknowledged = acknowledgements.getLast();
                }
            }
            java.util.function.Consumer<Acknowledgement> observer = acknowledgementObserver;
            if (acknowledged != null && observer != null) {
                observer.accept(acknowledged);
            }
            calls.add(new ReceivedCall(type, frameworkId, call, 202, streamHeader));
            HttpRules.text(exchange, 202, null);
        } catch (Refusal refusal) {
            calls.add(new ReceivedCall(type, frameworkId, call, refusal.status, streamHeader));
            if (refusal.mistake) {
                violations.add(refusal.status + " " + refusal.getMessage());
            }
            if (refusal.status == 405) {
                exchange.getResponseHeaders().set("Allow", "POST");
            }
            HttpRules.text(exchange, refusal.status, refusal.getMessage());
        }
    }

    private boolean authenticated(HttpExchange exchange, String realm) throws IOException {
        String principal;
        String secret;
        synchronized (lock) {
            principal = authPrincipal;
            secret = authSecret;
        }
        if (principal == null || HttpRules.basicPrincipal(exchange, principal, secret) != null) {
            return true;
        }
        HttpRules.unauthorized(exchange, realm);
        return false;
    }

    private String authenticatedPrincipal(HttpExchange exchange) {
        synchronized (lock) {
            return authPrincipal == null ? null : HttpRules.basicPrincipal(exchange, authPrincipal, authSecret);
        }
    }

    private boolean leading(HttpExchange exchange, int endpoint) throws IOException {
        int current;
        boolean recoveringNow;
        synchronized (lock) {
            current = leader;
            recoveringNow = recovering;
        }
        if (current < 0) {
            HttpRules.text(exchange, 503, "No leader elected");
            return false;
        }
        if (current != endpoint) {
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery());
            exchange.getResponseHeaders()
                    .set(
                            "Location",
                            "//127.0.0.1:" + masters.get(current).getAddress().getPort() + target);
            HttpRules.text(exchange, 307, null);
            return false;
        }
        if (recoveringNow) {
            HttpRules.text(exchange, 503, "Master has not finished recovery");
            return false;
        }
        return true;
    }

    /** Method, Content-Type and body checks shared by both APIs; returns the stout-checked call. */
    private ObjectNode parse(HttpExchange exchange, byte[] body, String message) throws Refusal {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new Refusal(405, "Expecting 'POST', received '" + exchange.getRequestMethod() + "'", true);
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null) {
            throw new Refusal(400, "Expecting 'Content-Type' to be present", true);
        }
        if (contentType.equals(PROTOBUF)) {
            throw new Refusal(415, "The emulator speaks JSON only", true);
        }
        if (!contentType.equals(JSON)) {
            throw new Refusal(415, "Expecting 'Content-Type' of " + JSON + " or " + PROTOBUF, true);
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new Refusal(400, "Failed to parse body into JSON: " + e.getOriginalMessage(), true);
        }
        if (json == null || !json.isObject()) {
            throw new Refusal(400, "Failed to parse body into JSON: not an object", true);
        }
        ObjectNode call = (ObjectNode) json;
        try {
            for (String unknown : ProtoSchema.parse(call, message)) {
                log.warn("EMULATOR: unknown field '{}' ignored (a typo?)", unknown);
                violations.add("unknown field " + unknown);
            }
        } catch (ProtoSchema.ParseError e) {
            String what = message.equals("scheduler.Call") ? "Call" : "master::Call";
            throw new Refusal(400, "Failed to convert JSON into " + what + " protobuf: " + e.getMessage(), true);
        }
        return call;
    }

    private void validate(ObjectNode call, String type) throws Refusal {
        String prefix = "Failed to validate scheduler::Call: ";
        if (type == null) {
            throw new Refusal(400, prefix + "Expecting 'type' to be present", true);
        }
        if (type.equals("UNKNOWN")) {
            throw new Refusal(501, "Received an unexpected 'UNKNOWN' call", true);
        }
        String sub = type.toLowerCase(java.util.Locale.ROOT);
        boolean needsSub = !Set.of("TEARDOWN", "REVIVE", "SUPPRESS").contains(type);
        if (needsSub && !call.has(sub)) {
            throw new Refusal(400, prefix + "Expecting '" + sub + "' to be present", true);
        }
        if (type.equals("SUBSCRIBE")) {
            JsonNode top = call.get("framework_id");
            JsonNode inner = call.path("subscribe").path("framework_info").get("id");
            if (top != null || inner != null) {
                if (top == null || inner == null || !top.equals(inner)) {
                    throw new Refusal(400, prefix + "'framework_id' differs from 'subscribe.framework_info.id'", true);
                }
            }
            return;
        }
        if (!call.has("framework_id")) {
            throw new Refusal(400, prefix + "Expecting 'framework_id' to be present", true);
        }
        if (type.equals("ACKNOWLEDGE")) {
            byte[] uuid = ProtoSchema.decodeBase64(
                    call.path("acknowledge").path("uuid").asString(""));
            int version = uuid.length == 16 ? (uuid[6] >> 4) & 0x0F : 0;
            if (version < 1 || version > 5) {
                throw new Refusal(400, prefix + "Not a valid UUID", true);
            }
        }
        if (type.equals("UPDATE_FRAMEWORK")) {
            JsonNode inner =
                    call.path("update_framework").path("framework_info").get("id");
            if (inner == null || !inner.equals(call.get("framework_id"))) {
                throw new Refusal(
                        400, prefix + "'framework_id' differs from 'update_framework.framework_info.id'", true);
            }
        }
    }

    private Framework connectedFramework(HttpExchange exchange, String frameworkId, String streamHeader)
            throws Refusal {
        Framework framework = frameworks.get(frameworkId);
        if (framework == null) {
            throw new Refusal(400, "Framework cannot be found", false);
        }
        String principal = authenticatedPrincipal(exchange);
        if (principal != null && framework.principal != null && !principal.equals(framework.principal)) {
            throw new Refusal(
                    400,
                    "Authenticated principal '" + principal + "' does not match principal '" + framework.principal
                            + "' set in `FrameworkInfo`",
                    true);
        }
        if (framework.stream == null) {
            throw new Refusal(403, "Framework is not subscribed", false);
        }
        if (streamHeader == null) {
            throw new Refusal(400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header", true);
        }
        if (!streamHeader.equals(framework.stream.id)) {
            throw new Refusal(
                    400,
                    "The stream ID '" + streamHeader + "' included in this request didn't match the stream ID"
                            + " currently associated with framework ID " + frameworkId,
                    false);
        }
        return framework;
    }

    // ==== SUBSCRIBE ================================================================================

    private void subscribe(HttpExchange exchange, ObjectNode call, String streamHeader) throws Refusal, IOException {
        ObjectNode info = (ObjectNode) call.path("subscribe").path("framework_info");
        String principal = authenticatedPrincipal(exchange);
        if (principal != null
                && info.has("principal")
                && !principal.equals(info.get("principal").asString())) {
            throw new Refusal(
                    400,
                    "Authenticated principal '" + principal + "' does not match principal '"
                            + info.get("principal").asString() + "' set in `FrameworkInfo`",
                    true);
        }
        if (!HttpRules.accepts(exchange.getRequestHeaders().getFirst("Accept"), JSON)) {
            if (HttpRules.accepts(exchange.getRequestHeaders().getFirst("Accept"), PROTOBUF)) {
                throw new Refusal(406, "The emulator speaks JSON only", true);
            }
            throw new Refusal(406, "Expecting 'Accept' to allow application/json or application/x-protobuf", true);
        }
        if (streamHeader != null) {
            throw new Refusal(400, "Subscribe calls should not include the 'Mesos-Stream-Id' header", true);
        }
        if (principal != null && !info.has("principal")) {
            info.put("principal", principal);
        }
        List<String> suppressed = strings(call.path("subscribe").path("suppressed_roles"));
        Stream stream;
        synchronized (lock) {
            String error = frameworkInfoProblem(info, suppressed);
            if (error != null) {
                stream = null;
                // like http.cpp: the stream id header is set before the framework info is looked at
                exchange.getResponseHeaders().set("Content-Type", JSON);
                exchange.getResponseHeaders()
                        .set("Mesos-Stream-Id", UUID.randomUUID().toString());
                exchange.sendResponseHeaders(200, 0);
                ObjectNode event = event("ERROR");
                event.putObject("error").put("message", error);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(HttpRules.recordIo(write(event)));
                }
                log.info("EMULATOR: SUBSCRIBE refused: {}", error);
                return;
            }
            stream = register(info, suppressed);
        }
        pump(exchange, stream);
    }

    private String frameworkInfoProblem(ObjectNode info, List<String> suppressed) {
        Set<String> capabilities = capabilities(info);
        boolean multiRole = capabilities.contains("MULTI_ROLE");
        List<String> roles = strings(info.path("roles"));
        if (!roles.isEmpty() && !multiRole) {
            return "'FrameworkInfo.roles' is set but 'MULTI_ROLE' capability is not specified";
        }
        if (info.has("role") && multiRole) {
            return "'FrameworkInfo.role' must not be set when 'MULTI_ROLE' capability is specified";
        }
        List<String> effective = multiRole ? roles : List.of(info.path("role").asString("*"));
        if (new HashSet<>(effective).size() != effective.size()) {
            return "'FrameworkInfo.roles' contains duplicate items";
        }
        for (String role : effective) {
            String problem = roleProblem(role);
            if (problem != null) {
                return "Role '" + role + "' is invalid: " + problem;
            }
        }
        for (String role : suppressed) {
            if (!effective.contains(role)) {
                return "Suppressed role '" + role + "' is not contained in the list of roles";
            }
        }
        if (info.has("failover_timeout")) {
            double timeout = number(info.get("failover_timeout"));
            if (!(timeout >= 0) || Double.isInfinite(timeout) || timeout > Long.MAX_VALUE / 1e9) {
                return "Invalid failover_timeout: " + info.get("failover_timeout");
            }
        }
        String id = info.path("id").path("value").asString(null);
        if (id != null && removedFrameworks.contains(id)) {
            return "Framework has been removed";
        }
        Framework known = id == null ? null : frameworks.get(id);
        if (known != null
                && known.principal != null
                && !known.principal.equals(info.path("principal").asString(null))) {
            return "Changing framework's principal is not allowed";
        }
        return null;
    }

    private Stream register(ObjectNode info, List<String> suppressed) {
        String id = info.path("id").path("value").asString(null);
        Framework framework = id == null ? null : frameworks.get(id);
        if (framework == null) {
            if (id == null) {
                id = masterId + "-" + String.format("%04d", frameworkCounter++);
                info.putObject("id").put("value", id);
            }
            framework = new Framework(id);
            frameworks.put(id, framework);
            framework.info = info;
        } else {
            if (framework.stream != null) {
                ObjectNode error = event("ERROR");
                error.putObject("error").put("message", "Framework failed over");
                framework.stream.send(error);
                framework.stream.close();
                framework.stream = null;
            }
            cancelFailoverTimer(framework);
            ObjectNode updated = info.deepCopy();
            updated.set("user", framework.info.get("user"));
            if (framework.info.has("checkpoint")) {
                updated.set("checkpoint", framework.info.get("checkpoint"));
            }
            framework.info = updated;
            for (Offer offer : List.copyOf(offers.values())) {
                if (offer.frameworkId.equals(id)) {
                    removeOffer(offer);
                }
            }
        }
        framework.capabilities = capabilities(framework.info);
        framework.roles = framework.capabilities.contains("MULTI_ROLE")
                ? strings(framework.info.path("roles"))
                : List.of(framework.info.path("role").asString("*"));
        framework.principal = framework.info.path("principal").asString(null);
        framework.failoverTimeout =
                framework.info.has("failover_timeout") ? number(framework.info.get("failover_timeout")) : 0;
        framework.suppressed.clear();
        framework.suppressed.addAll(suppressed);
        framework.filters.clear();

        Stream stream = new Stream(framework);
        framework.stream = stream;
        ObjectNode subscribed = event("SUBSCRIBED");
        ObjectNode body = subscribed.putObject("subscribed");
        body.putObject("framework_id").put("value", framework.id);
        body.put("heartbeat_interval_seconds", config.heartbeatInterval.toNanos() / 1e9);
        body.set("master_info", masterInfo());
        stream.send(subscribed);
        stream.send(event("HEARTBEAT"));
        long interval = config.heartbeatInterval.toNanos();
        stream.heartbeat = timer.scheduleAtFixedRate(
                () -> {
                    if (!heartbeatsPaused) {
                        stream.send(event("HEARTBEAT"));
                    }
                },
                interval,
                interval,
                TimeUnit.NANOSECONDS);
        log.info("EMULATOR: framework {} subscribed (stream {})", framework.id, stream.id);
        soon(this::allocate);
        return stream;
    }

    /** Writes a subscription's records until it is closed or the client goes away. */
    private void pump(HttpExchange exchange, Stream stream) {
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.getResponseHeaders().set("Mesos-Stream-Id", stream.id);
        try {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            while (true) {
                byte[] record = stream.queue.poll(20, TimeUnit.MILLISECONDS);
                if (record != null) {
                    out.write(record);
                    out.flush();
                } else if (stream.closing) {
                    break;
                }
            }
            out.close();
        } catch (IOException e) {
            log.info("EMULATOR: stream {} of framework {} broke: {}", stream.id, stream.framework.id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stream.close();
            synchronized (lock) {
                disconnected(stream.framework, stream);
            }
        }
    }

    private void disconnected(Framework framework, Stream stream) {
        if (framework.stream != stream) {
            return;
        }
        framework.stream = null;
        for (Offer offer : List.copyOf(offers.values())) {
            if (offer.frameworkId.equals(framework.id)) {
                removeOffer(offer);
            }
        }
        log.info(
                "EMULATOR: framework {} disconnected; removed after {} s unless it comes back",
                framework.id,
                framework.failoverTimeout);
        if (framework.failoverTimeout <= 0) {
            removeFramework(framework);
        } else if (!timer.isShutdown()) {
            framework.failoverTimer = timer.schedule(
                    () -> {
                        synchronized (lock) {
                            if (framework.stream == null && frameworks.get(framework.id) == framework) {
                                removeFramework(framework);
                            }
                        }
                    },
                    (long) (framework.failoverTimeout * 1e9),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void cancelFailoverTimer(Framework framework) {
        if (framework.failoverTimer != null) {
            framework.failoverTimer.cancel(false);
            framework.failoverTimer = null;
        }
    }

    private void removeFramework(Framework framework) {
        log.info("EMULATOR: removing framework {}", framework.id);
        cancelFailoverTimer(framework);
        for (Task task : tasks.values()) {
            if (task.frameworkId.equals(framework.id) && !task.completed) {
                if (!isTerminal(task.state)) {
                    task.state = "TASK_KILLED";
                }
                release(task);
                task.completed = true;
                task.queue.clear();
                task.inflight = null;
            }
        }
        for (Offer offer : List.copyOf(offers.values())) {
            if (offer.frameworkId.equals(framework.id)) {
                removeOffer(offer);
            }
        }
        if (framework.stream != null) {
            framework.stream.close();
            framework.stream = null;
        }
        frameworks.remove(framework.id);
        removedFrameworks.add(framework.id);
    }

    // ==== calls ====================================================================================

    private void dispatch(Framework framework, String type, ObjectNode call) {
        switch (type) {
            case "TEARDOWN" -> removeFramework(framework);
            case "ACCEPT" -> accept(framework, (ObjectNode) call.get("accept"));
            case "DECLINE" -> decline(framework, call.get("decline"));
            case "REVIVE" -> revive(framework, call.path("revive"));
            case "SUPPRESS" -> suppress(framework, call.path("suppress"));
            case "KILL" -> kill(framework, call.get("kill"));
            case "ACKNOWLEDGE" -> acknowledge(framework, call.get("acknowledge"));
            case "RECONCILE" -> reconcile(framework, call.get("reconcile"));
            default -> log.info("EMULATOR: {} accepted and ignored", type);
        }
    }

    private void decline(Framework framework, JsonNode decline) {
        double refuse = refuseSeconds(decline.path("filters"));
        for (JsonNode id : decline.path("offer_ids")) {
            Offer offer = offers.get(id.path("value").asString());
            if (offer != null && offer.frameworkId.equals(framework.id)) {
                removeOffer(offer);
                filter(framework, offer.agentId, refuse);
            }
        }
        soon(this::allocate);
    }

    private void revive(Framework framework, JsonNode revive) {
        List<String> roles = strings(revive.path("roles"));
        if (!framework.roles.containsAll(roles)) {
            log.info("EMULATOR: REVIVE with a foreign role {} dropped", roles);
            return;
        }
        if (roles.isEmpty()) {
            framework.suppressed.clear();
        } else {
            roles.forEach(framework.suppressed::remove);
        }
        framework.filters.clear();
        soon(this::allocate);
    }

    private void suppress(Framework framework, JsonNode suppress) {
        List<String> roles = strings(suppress.path("roles"));
        if (!framework.roles.containsAll(roles)) {
            log.info("EMULATOR: SUPPRESS with a foreign role {} dropped", roles);
            return;
        }
        framework.suppressed.addAll(roles.isEmpty() ? framework.roles : roles);
    }

    private void accept(Framework framework, ObjectNode accept) {
        List<String> ids = new ArrayList<>();
        accept.path("offer_ids").forEach(id -> ids.add(id.path("value").asString()));
        if (rescindOnAccept > 0) {
            rescindOnAccept--;
            for (String id : ids) {
                Offer offer = offers.get(id);
                if (offer != null && offer.frameworkId.equals(framework.id)) {
                    log.info("EMULATOR: offer {} rescinded just before its ACCEPT arrived", id);
                    rescind(offer);
                }
            }
        }
        String invalid = offersProblem(framework, ids);
        List<JsonNode> launches = new ArrayList<>();
        for (JsonNode operation : accept.path("operations")) {
            if ("LAUNCH".equals(operation.path("type").asString(null))) {
                launches.add(operation);
            } else {
                log.info(
                        "EMULATOR: operation {} not emulated, ignored",
                        operation.path("type").asString("?"));
            }
        }
        if (invalid != null) {
            for (String id : ids) {
                Offer offer = offers.get(id);
                if (offer != null && offer.frameworkId.equals(framework.id)) {
                    removeOffer(offer);
                }
            }
            for (JsonNode operation : launches) {
                for (JsonNode task : operation.path("launch").path("task_infos")) {
                    sendUpdate(
                            framework,
                            masterStatus(
                                    task.path("task_id").path("value").asString(),
                                    task.path("agent_id").path("value").asString(null),
                                    framework.partitionAware() ? "TASK_DROPPED" : "TASK_LOST",
                                    "REASON_INVALID_OFFERS",
                                    "Task launched with invalid offers: " + invalid));
                }
            }
            return;
        }
        List<Offer> used = ids.stream().map(offers::get).toList();
        used.forEach(this::removeOffer);
        Offer first = used.get(0);
        double[] pool = new double[3];
        BitSet poolPorts = new BitSet();
        for (Offer offer : used) {
            pool[0] += offer.cpus;
            pool[1] += offer.mem;
            pool[2] += offer.disk;
            poolPorts.or(offer.ports);
        }
        for (JsonNode operation : launches) {
            for (JsonNode taskInfo : operation.path("launch").path("task_infos")) {
                String problem = operation.has("id") ? "Operation ID must not be set for LAUNCH" : null;
                if (problem == null) {
                    problem = taskProblem(framework, first, (ObjectNode) taskInfo, pool, poolPorts);
                }
                if (problem == null && refusedTasks != null && refusedTasks.test(taskInfo)) {
                    problem = refusalMessage;
                }
                String taskId = taskInfo.path("task_id").path("value").asString();
                if (problem != null) {
                    sendUpdate(
                            framework,
                            masterStatus(
                                    taskId,
                                    taskInfo.path("agent_id").path("value").asString(null),
                                    "TASK_ERROR",
                                    "REASON_TASK_INVALID",
                                    "Task " + taskId + " is invalid: " + problem));
                    continue;
                }
                launch(framework, first, (ObjectNode) taskInfo);
            }
        }
        double refuse = refuseSeconds(accept.path("filters"));
        filter(framework, first.agentId, refuse);
        soon(this::allocate);
    }

    private String offersProblem(Framework framework, List<String> ids) {
        if (ids.isEmpty()) {
            return "No offers specified";
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            return "Duplicate offer in the offer list";
        }
        String agent = null;
        String role = null;
        for (String id : ids) {
            Offer offer = offers.get(id);
            if (offer == null) {
                return "Offer " + id + " is no longer valid";
            }
            if (!offer.frameworkId.equals(framework.id)) {
                return "Offer " + id + " has invalid framework " + offer.frameworkId + " while framework "
                        + framework.id + " is expected";
            }
            if (agent != null && !agent.equals(offer.agentId)) {
                return "Aggregated offers must belong to one single agent";
            }
            if (role != null && !role.equals(offer.role)) {
                return "Aggregated offers must be allocated to the same role";
            }
            agent = offer.agentId;
            role = offer.role;
        }
        return null;
    }

    private String taskProblem(Framework framework, Offer offer, ObjectNode info, double[] pool, BitSet poolPorts) {
        String taskId = info.path("task_id").path("value").asString();
        String idProblem = idProblem(taskId);
        if (idProblem != null) {
            return "Task ID " + idProblem;
        }
        Task existing = tasks.get(key(framework.id, taskId));
        if (existing != null && !existing.completed) {
            return "Task has duplicate ID: " + taskId;
        }
        String agentId = info.path("agent_id").path("value").asString();
        if (!agentId.equals(offer.agentId)) {
            return "Task uses invalid agent: " + agentId;
        }
        JsonNode resources = info.path("resources");
        if (resources.isEmpty()) {
            return "Task uses no resources";
        }
        if (info.has("command") == info.has("executor")) {
            return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
        }
        String health = healthCheckProblem(info.get("health_check"));
        if (health != null) {
            return "Task's health check is invalid: " + health;
        }
        long grace = info.path("kill_policy")
                .path("grace_period")
                .path("nanoseconds")
                .asLong(0);
        if (grace < 0) {
            return "Task's `kill_policy.grace_period` must be non-negative";
        }
        double[] need = new double[3];
        BitSet ports = new BitSet();
        for (JsonNode resource : resources) {
            String name = resource.path("name").asString();
            String role = resource.path("allocation_info").path("role").asString(null);
            if (role != null && !role.equals(offer.role)) {
                return "Resource " + name + " is allocated to role '" + role + "', the offer to '" + offer.role + "'";
            }
            if (resource.has("role") && !"*".equals(resource.get("role").asString())
                    || resource.has("reservations")
                            && !resource.get("reservations").isEmpty()) {
                return "Resource " + name + " is reserved, but the offer has only unreserved resources";
            }
            switch (name) {
                case "cpus" -> need[0] += number(resource.path("scalar").path("value"));
                case "mem" -> need[1] += number(resource.path("scalar").path("value"));
                case "disk" -> need[2] += number(resource.path("scalar").path("value"));
                case "ports" -> {
                    for (JsonNode range : resource.path("ranges").path("range")) {
                        long begin = range.path("begin").asLong();
                        long end = range.path("end").asLong();
                        if (begin < 0 || end > 65535 || begin > end) {
                            return "Resource ports has an invalid range [" + begin + "-" + end + "]";
                        }
                        ports.set((int) begin, (int) end + 1);
                    }
                }
                default -> {
                    return "Total resources " + name + " required by task and its executor is more than available";
                }
            }
        }
        BitSet missingPorts = (BitSet) ports.clone();
        missingPorts.andNot(poolPorts);
        String[] names = {"cpus", "mem", "disk"};
        for (int i = 0; i < 3; i++) {
            if (need[i] > pool[i] + 0.0005) {
                return "Total resources " + names[i] + ":" + round(need[i])
                        + " required by task and its executor is more than available " + names[i] + ":"
                        + round(pool[i]);
            }
        }
        if (!missingPorts.isEmpty()) {
            return "Total resources ports:" + ranges(ports) + " required by task and its executor is more than"
                    + " available ports:" + ranges(poolPorts);
        }
        for (int i = 0; i < 3; i++) {
            pool[i] -= need[i];
        }
        poolPorts.andNot(ports);
        return null;
    }

    private static String healthCheckProblem(JsonNode check) {
        if (check == null) {
            return null;
        }
        String type = check.path("type").asString(null);
        if (type == null) {
            if (check.has("command") == check.has("http")) {
                return "HealthCheck must specify 'type'";
            }
            type = check.has("command") ? "COMMAND" : "HTTP";
        }
        switch (type) {
            case "COMMAND" -> {
                if (!check.has("command")) {
                    return "Expecting 'command' to be set for COMMAND health check";
                }
            }
            case "HTTP" -> {
                if (!check.has("http")) {
                    return "Expecting 'http' to be set for HTTP health check";
                }
                String path = check.path("http").path("path").asString(null);
                if (path != null && !path.startsWith("/")) {
                    return "The path '" + path + "' of HTTP health check must start with '/'";
                }
            }
            case "TCP" -> {
                if (!check.has("tcp")) {
                    return "Expecting 'tcp' to be set for TCP health check";
                }
            }
            default -> {
                return "'" + type + "' is not a valid health check type";
            }
        }
        for (String timing : List.of("delay_seconds", "interval_seconds", "timeout_seconds", "grace_period_seconds")) {
            if (check.has(timing) && number(check.get(timing)) < 0) {
                return "Expecting '" + timing + "' to be non-negative";
            }
        }
        return null;
    }

    private static String idProblem(String id) {
        if (id.isEmpty()) {
            return "must not be empty";
        }
        if (id.length() > 255) {
            return "is too long (over 255 characters)";
        }
        if (id.equals(".") || id.equals("..")) {
            return "'" + id + "' is disallowed";
        }
        for (char c : id.toCharArray()) {
            if (c == '/' || c == '\\') {
                return "'" + id + "' contains a disallowed character '" + c + "'";
            }
            if (c < 0x20 || c == 0x7f) {
                return "'" + id + "' contains a control character";
            }
        }
        return null;
    }

    private void launch(Framework framework, Offer offer, ObjectNode info) {
        String taskId = info.path("task_id").path("value").asString();
        double[] scalars = new double[3];
        BitSet ports = new BitSet();
        for (JsonNode resource : info.path("resources")) {
            switch (resource.path("name").asString()) {
                case "cpus" -> scalars[0] += number(resource.path("scalar").path("value"));
                case "mem" -> scalars[1] += number(resource.path("scalar").path("value"));
                case "disk" -> scalars[2] += number(resource.path("scalar").path("value"));
                case "ports" ->
                    resource.path("ranges")
                            .path("range")
                            .forEach(r -> ports.set(
                                    (int) r.path("begin").asLong(),
                                    (int) r.path("end").asLong() + 1));
                default -> {}
            }
        }
        String directory = "/var/lib/mesos/slaves/" + offer.agentId + "/frameworks/" + framework.id + "/executors/"
                + taskId + "/runs/" + UUID.randomUUID();
        Task task = new Task(taskId, framework.id, offer.agentId, offer.role, info, scalars, ports, directory);
        tasks.remove(key(framework.id, taskId));
        tasks.put(key(framework.id, taskId), task);
        Agent agent = agents.get(offer.agentId);
        String command = info.path("command").path("value").asString("");
        agent.files.put(
                directory + "/stdout",
                bytes("Received SUBSCRIBED event\nSubscribed executor on " + agent.hostname
                        + "\nReceived LAUNCH event\nStarting task " + taskId + "\nsh -c '" + command
                        + "'\nForked command at 4242\n"));
        agent.files.put(directory + "/stderr", new ByteArrayOutputStream());
        // the agent starts the executor after the master has answered the whole ACCEPT
        soon(() -> {
            synchronized (lock) {
                executorUpdate(task, "TASK_STARTING", null, null, null);
                executorUpdate(task, "TASK_RUNNING", null, null, null);
                if (info.has("health_check") && config.healthyOnStart) {
                    executorUpdate(task, "TASK_RUNNING", "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED", null, true);
                }
            }
        });
    }

    private void kill(Framework framework, JsonNode kill) {
        String taskId = kill.path("task_id").path("value").asString();
        String agentId = kill.path("agent_id").path("value").asString(null);
        Task task = tasks.get(key(framework.id, taskId));
        if (task == null || task.completed) {
            ObjectNode answer = explicitReconciliation(framework, taskId, agentId);
            if (answer != null) {
                sendUpdate(framework, answer);
            }
            return;
        }
        if (agentId != null && !agentId.equals(task.agentId)) {
            log.info("EMULATOR: KILL of {} names agent {}, the task is on {}: ignored", taskId, agentId, task.agentId);
            return;
        }
        if (task.unreachable) {
            task.killPending = true;
            return;
        }
        kill(task);
    }

    private void kill(Task task) {
        if (isTerminal(task.state)) {
            return;
        }
        Framework framework = frameworks.get(task.frameworkId);
        if (framework != null && framework.capabilities.contains("TASK_KILLING_STATE")) {
            executorUpdate(task, "TASK_KILLING", null, null, null);
        }
        executorUpdate(task, "TASK_KILLED", null, "Command terminated with signal Terminated", null);
    }

    private void acknowledge(Framework framework, JsonNode acknowledge) {
        String agentId = acknowledge.path("agent_id").path("value").asString();
        String taskId = acknowledge.path("task_id").path("value").asString();
        String uuid = acknowledge.path("uuid").asString();
        Task task = tasks.get(key(framework.id, taskId));
        String canonical = Base64.getEncoder().encodeToString(ProtoSchema.decodeBase64(uuid));
        ObjectNode acknowledgedStatus = null;
        if (task != null) {
            for (ObjectNode status : task.statuses) {
                if (canonical.equals(status.path("uuid").asString())) {
                    acknowledgedStatus = status.deepCopy();
                }
            }
        }
        acknowledgements.add(
                new Acknowledgement(framework.id, agentId, taskId, uuid, acknowledgedStatus, System.nanoTime()));
        Agent agent = agents.get(agentId);
        if (agent == null || agent.state != AgentState.ACTIVE) {
            log.info("EMULATOR: acknowledgement for unreachable agent {} dropped", agentId);
            return;
        }
        if (task == null
                || task.inflight == null
                || !canonical.equals(task.inflight.path("uuid").asString())) {
            if (task != null && task.acknowledged.contains(canonical)) {
                log.info("EMULATOR: duplicate acknowledgement of {} for task {}", uuid, taskId);
            } else {
                log.warn("EMULATOR: acknowledgement of unknown uuid {} for task {}", uuid, taskId);
                violations.add("acknowledgement of unknown uuid " + uuid + " for task " + taskId);
            }
            return;
        }
        task.acknowledged.add(canonical);
        String state = task.inflight.path("state").asString();
        task.inflight = null;
        if (isTerminal(state) && task.queue.isEmpty()) {
            task.completed = true;
            log.info("EMULATOR: task {} completed ({})", taskId, state);
        } else {
            advance(task);
        }
    }

    private void reconcile(Framework framework, JsonNode reconcile) {
        JsonNode listed = reconcile.path("tasks");
        if (listed.isEmpty()) {
            for (Task task : tasks.values()) {
                if (task.frameworkId.equals(framework.id) && !task.completed) {
                    sendUpdate(framework, latest(framework, task));
                }
            }
            return;
        }
        for (JsonNode entry : listed) {
            ObjectNode answer = explicitReconciliation(
                    framework,
                    entry.path("task_id").path("value").asString(),
                    entry.path("agent_id").path("value").asString(null));
            if (answer != null) {
                sendUpdate(framework, answer);
            }
        }
    }

    private ObjectNode explicitReconciliation(Framework framework, String taskId, String agentId) {
        Task task = tasks.get(key(framework.id, taskId));
        if (task != null && !task.completed) {
            return latest(framework, task);
        }
        boolean pa = framework.partitionAware();
        Agent agent = agentId == null ? null : agents.get(agentId);
        ObjectNode status;
        if (agent != null && agent.state == AgentState.ACTIVE) {
            status = masterStatus(
                    taskId,
                    agentId,
                    pa ? "TASK_GONE" : "TASK_LOST",
                    "REASON_RECONCILIATION",
                    "Reconciliation: Task is unknown to the agent");
        } else if (agent != null) {
            status = masterStatus(
                    taskId,
                    agentId,
                    pa ? "TASK_UNREACHABLE" : "TASK_LOST",
                    "REASON_RECONCILIATION",
                    "Reconciliation: Task is unreachable");
            status.putObject("unreachable_time").put("nanoseconds", epochNanos());
        } else {
            status = masterStatus(
                    taskId,
                    agentId,
                    pa ? "TASK_UNKNOWN" : "TASK_LOST",
                    "REASON_RECONCILIATION",
                    "Reconciliation: Task is unknown");
        }
        return status;
    }

    private ObjectNode latest(Framework framework, Task task) {
        String state;
        if (task.unreachable) {
            state = framework.partitionAware() ? "TASK_UNREACHABLE" : "TASK_LOST";
        } else {
            state = task.inflight != null ? task.inflight.path("state").asString() : task.state;
        }
        ObjectNode status = masterStatus(
                task.id, task.agentId, state, "REASON_RECONCILIATION", "Reconciliation: Latest task state");
        if (task.unreachable) {
            status.putObject("unreachable_time").put("nanoseconds", task.unreachableSince);
        }
        ObjectNode last = task.statuses.isEmpty() ? null : task.statuses.get(task.statuses.size() - 1);
        if (last != null && last.has("healthy") && !task.unreachable) {
            status.set("healthy", last.get("healthy"));
        }
        return status;
    }

    // ==== status updates ===========================================================================

    /** The emulated executor reports a state: a reliable update queued on the agent. */
    private void executorUpdate(Task task, String state, String reason, String message, Boolean healthy) {
        if (task.completed || isTerminal(task.state)) {
            return;
        }
        ObjectNode status = mapper.createObjectNode();
        status.putObject("task_id").put("value", task.id);
        status.put("state", state);
        if (message != null) {
            status.put("message", message);
        }
        status.put("source", "SOURCE_EXECUTOR");
        if (reason != null) {
            status.put("reason", reason);
        }
        status.putObject("agent_id").put("value", task.agentId);
        status.putObject("executor_id").put("value", task.id);
        status.put("timestamp", System.currentTimeMillis() / 1000.0);
        status.put("uuid", newUuid());
        if (healthy != null) {
            status.put("healthy", healthy);
        }
        task.state = state;
        task.statuses.add(status);
        if (isTerminal(state)) {
            release(task);
            soon(this::allocate);
        }
        task.queue.add(status);
        if (task.inflight == null) {
            advance(task);
        }
    }

    /** Runs on the timer thread soon, unless the emulator is closing. */
    private void soon(Runnable action) {
        if (!timer.isShutdown()) {
            try {
                timer.execute(action);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void advance(Task task) {
        task.inflight = task.queue.poll();
        if (task.inflight != null) {
            task.retryDelay = config.updateRetryInitial;
            forward(task);
        }
    }

    /** Sends the update in flight if the framework and agent can be reached; schedules the retry. */
    private void forward(Task task) {
        task.nextRetryNanos = System.nanoTime() + task.retryDelay.toNanos();
        Framework framework = frameworks.get(task.frameworkId);
        Agent agent = agents.get(task.agentId);
        if (framework != null && framework.stream != null && agent.state == AgentState.ACTIVE) {
            sendUpdate(framework, task.inflight);
        }
    }

    private void retryUpdates() {
        synchronized (lock) {
            long now = System.nanoTime();
            for (Task task : tasks.values()) {
                if (task.inflight != null && !task.completed && now >= task.nextRetryNanos) {
                    Duration doubled = task.retryDelay.multipliedBy(2);
                    task.retryDelay = doubled.compareTo(config.updateRetryMax) > 0 ? config.updateRetryMax : doubled;
                    forward(task);
                }
            }
        }
    }

    private void sendUpdate(Framework framework, ObjectNode status) {
        if (framework.stream == null || framework.stream.closing) {
            return;
        }
        sentUpdates.add(new SentUpdate(
                framework.id,
                status.path("task_id").path("value").asString(),
                status.path("state").asString(),
                status.path("reason").asString(null),
                status.path("uuid").asString(null),
                System.nanoTime()));
        ObjectNode event = event("UPDATE");
        event.putObject("update").set("status", status);
        framework.stream.send(event);
    }

    private ObjectNode masterStatus(String taskId, String agentId, String state, String reason, String message) {
        ObjectNode status = mapper.createObjectNode();
        status.putObject("task_id").put("value", taskId);
        status.put("state", state);
        status.put("message", message);
        status.put("source", "SOURCE_MASTER");
        status.put("reason", reason);
        if (agentId != null) {
            status.putObject("agent_id").put("value", agentId);
        }
        status.put("timestamp", System.currentTimeMillis() / 1000.0);
        return status;
    }

    private void release(Task task) {
        task.released = true;
    }

    // ==== offers ===================================================================================

    private void allocate() {
        synchronized (lock) {
            if (leader < 0 || recovering) {
                return;
            }
            long now = System.nanoTime();
            for (Framework framework : frameworks.values()) {
                if (framework.stream == null) {
                    continue;
                }
                String role = framework.roles.stream()
                        .filter(r -> !framework.suppressed.contains(r))
                        .findFirst()
                        .orElse(null);
                if (role == null) {
                    continue;
                }
                ArrayNode made = mapper.createArrayNode();
                for (Agent agent : agents.values()) {
                    if (agent.state != AgentState.ACTIVE) {
                        continue;
                    }
                    boolean holds = offers.values().stream()
                            .anyMatch(o -> o.frameworkId.equals(framework.id) && o.agentId.equals(agent.id));
                    Long until = framework.filters.get(agent.id);
                    if (holds || (until != null && until > now)) {
                        continue;
                    }
                    framework.filters.remove(agent.id);
                    Offer offer = available(agent, framework, role);
                    if (offer == null) {
                        continue;
                    }
                    offers.put(offer.id, offer);
                    if (config.offerTimeout != null) {
                        offer.timeout = timer.schedule(
                                () -> {
                                    synchronized (lock) {
                                        if (offers.get(offer.id) == offer) {
                                            rescind(offer);
                                            soon(this::allocate);
                                        }
                                    }
                                },
                                config.offerTimeout.toMillis(),
                                TimeUnit.MILLISECONDS);
                    }
                    made.add(offerJson(offer, framework, agent));
                }
                if (!made.isEmpty()) {
                    ObjectNode event = event("OFFERS");
                    event.putObject("offers").set("offers", made);
                    framework.stream.send(event);
                }
            }
        }
    }

    private Offer available(Agent agent, Framework framework, String role) {
        double cpus = agent.cpus;
        double mem = agent.mem;
        double disk = agent.disk;
        BitSet ports = (BitSet) agent.ports.clone();
        for (Task task : tasks.values()) {
            if (task.agentId.equals(agent.id) && !task.released && !task.completed) {
                cpus -= task.cpus;
                mem -= task.mem;
                disk -= task.disk;
                ports.andNot(task.ports);
            }
        }
        for (Offer offer : offers.values()) {
            if (offer.agentId.equals(agent.id)) {
                cpus -= offer.cpus;
                mem -= offer.mem;
                disk -= offer.disk;
                ports.andNot(offer.ports);
            }
        }
        cpus = round(cpus);
        mem = round(mem);
        disk = round(disk);
        if (cpus < 0.001 && mem < 1 && disk < 1 && ports.isEmpty()) {
            return null;
        }
        return new Offer(
                masterId + "-O" + offerCounter++,
                framework.id,
                agent.id,
                role,
                Math.max(0, cpus),
                Math.max(0, mem),
                Math.max(0, disk),
                ports);
    }

    private ObjectNode offerJson(Offer offer, Framework framework, Agent agent) {
        ObjectNode json = mapper.createObjectNode();
        json.putObject("id").put("value", offer.id);
        json.putObject("framework_id").put("value", framework.id);
        json.putObject("agent_id").put("value", agent.id);
        json.put("hostname", agent.hostname);
        ObjectNode url = json.putObject("url");
        url.put("scheme", "http");
        ObjectNode address = url.putObject("address");
        address.put("hostname", agent.hostname);
        address.put("ip", "127.0.0.1");
        address.put("port", agent.port());
        url.put("path", "/slave(1)");
        ArrayNode resources = json.putArray("resources");
        boolean multiRole = framework.capabilities.contains("MULTI_ROLE");
        boolean refinement = framework.capabilities.contains("RESERVATION_REFINEMENT");
        String role = multiRole ? offer.role : null;
        addScalar(resources, "cpus", offer.cpus, role, refinement);
        addScalar(resources, "mem", offer.mem, role, refinement);
        addScalar(resources, "disk", offer.disk, role, refinement);
        if (!offer.ports.isEmpty()) {
            ObjectNode ports = resource(resources, "ports", "RANGES", role, refinement);
            ArrayNode ranges = ports.putObject("ranges").putArray("range");
            for (long[] range : rangeList(offer.ports)) {
                ranges.addObject().put("begin", range[0]).put("end", range[1]);
            }
        }
        if (!agent.attributes.isEmpty()) {
            json.set("attributes", attributesJson(agent));
        }
        if (multiRole) {
            json.putObject("allocation_info").put("role", offer.role);
        }
        return json;
    }

    private void addScalar(ArrayNode resources, String name, double value, String role, boolean refinement) {
        if (value > 0) {
            resource(resources, name, "SCALAR", role, refinement)
                    .putObject("scalar")
                    .put("value", round(value));
        }
    }

    private static ObjectNode resource(ArrayNode resources, String name, String type, String role, boolean refinement) {
        ObjectNode resource = resources.addObject();
        resource.put("name", name);
        resource.put("type", type);
        if (!refinement) {
            resource.put("role", "*");
        }
        if (role != null) {
            resource.putObject("allocation_info").put("role", role);
        }
        return resource;
    }

    private ArrayNode attributesJson(Agent agent) {
        ArrayNode attributes = mapper.createArrayNode();
        agent.attributes.forEach((name, value) -> {
            ObjectNode attribute = attributes.addObject();
            attribute.put("name", name);
            try {
                double number = Double.parseDouble(value);
                attribute.put("type", "SCALAR");
                attribute.putObject("scalar").put("value", number);
            } catch (NumberFormatException e) {
                attribute.put("type", "TEXT");
                attribute.putObject("text").put("value", value);
            }
        });
        return attributes;
    }

    private void removeOffer(Offer offer) {
        offers.remove(offer.id);
        if (offer.timeout != null) {
            offer.timeout.cancel(false);
        }
    }

    private void rescind(Offer offer) {
        removeOffer(offer);
        Framework framework = frameworks.get(offer.frameworkId);
        if (framework != null && framework.stream != null) {
            ObjectNode event = event("RESCIND");
            event.putObject("rescind").putObject("offer_id").put("value", offer.id);
            framework.stream.send(event);
        }
    }

    private void filter(Framework framework, String agentId, double refuseSeconds) {
        if (refuseSeconds > 0) {
            framework.filters.put(agentId, System.nanoTime() + (long) (refuseSeconds * 1e9));
        }
    }

    private static double refuseSeconds(JsonNode filters) {
        if (!filters.has("refuse_seconds")) {
            return DEFAULT_REFUSE_SECONDS;
        }
        double value = number(filters.get("refuse_seconds"));
        if (value < 0 || Double.isNaN(value)) {
            return DEFAULT_REFUSE_SECONDS;
        }
        return Math.min(value, MAX_REFUSE_SECONDS);
    }

    // ==== operator API =============================================================================

    private void operator(HttpExchange exchange, int endpoint) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!authenticated(exchange, "mesos-master-readwrite") || !leading(exchange, endpoint)) {
            return;
        }
        try {
            ObjectNode call = parse(exchange, body, "master.Call");
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (!HttpRules.accepts(accept, JSON)) {
                throw new Refusal(
                        406,
                        HttpRules.accepts(accept, PROTOBUF)
                                ? "The emulator speaks JSON only"
                                : "Expecting 'Accept' to allow application/json or application/x-protobuf",
                        true);
            }
            String type = call.path("type").asString(null);
            if (type == null) {
                throw new Refusal(400, "Failed to validate master::Call: Expecting 'type' to be present", true);
            }
            ObjectNode response = mapper.createObjectNode();
            response.put("type", type);
            synchronized (lock) {
                switch (type) {
                    case "GET_HEALTH" -> response.putObject("get_health").put("healthy", true);
                    case "GET_VERSION" -> response.putObject("get_version").set("version_info", versionInfo());
                    case "GET_AGENTS" -> response.set("get_agents", getAgents());
                    case "GET_TASKS" -> response.set("get_tasks", getTasks());
                    case "GET_FRAMEWORKS" -> response.set("get_frameworks", getFrameworks());
                    default -> throw new Refusal(501, "The emulator does not implement " + type, false);
                }
            }
            HttpRules.json(exchange, 200, write(response));
        } catch (Refusal refusal) {
            if (refusal.mistake) {
                violations.add(refusal.status + " " + refusal.getMessage());
            }
            if (refusal.status == 405) {
                exchange.getResponseHeaders().set("Allow", "POST");
            }
            HttpRules.text(exchange, refusal.status, refusal.getMessage());
        }
    }

    private ObjectNode versionInfo() {
        ObjectNode info = mapper.createObjectNode();
        info.put("version", config.version);
        info.put("build_date", "2020-11-24 10:00:00");
        info.put("build_time", 1606212000.0);
        info.put("build_user", "emulator");
        info.put("git_tag", config.version);
        return info;
    }

    private ObjectNode masterInfo() {
        int port = masters.get(Math.max(leader, 0)).getAddress().getPort();
        ObjectNode info = mapper.createObjectNode();
        info.put("id", masterId);
        info.put("ip", 16777343L);
        info.put("port", port);
        info.put("pid", "master@127.0.0.1:" + port);
        info.put("hostname", "127.0.0.1");
        info.put("version", config.version);
        ObjectNode address = info.putObject("address");
        address.put("hostname", "127.0.0.1");
        address.put("ip", "127.0.0.1");
        address.put("port", port);
        return info;
    }

    private ObjectNode getAgents() {
        ObjectNode result = mapper.createObjectNode();
        ArrayNode list = result.putArray("agents");
        result.putArray("recovered_agents");
        for (Agent agent : agents.values()) {
            if (agent.state != AgentState.ACTIVE) {
                continue;
            }
            ObjectNode entry = list.addObject();
            ObjectNode info = entry.putObject("agent_info");
            info.put("hostname", agent.hostname);
            info.put("port", agent.port());
            info.putObject("id").put("value", agent.id);
            ArrayNode total = totalResources(agent);
            info.set("resources", total.deepCopy());
            if (!agent.attributes.isEmpty()) {
                info.set("attributes", attributesJson(agent));
            }
            entry.put("active", true);
            entry.put("deactivated", false);
            entry.put("version", config.version);
            entry.put("pid", "slave(1)@127.0.0.1:" + agent.port());
            entry.putObject("registered_time").put("nanoseconds", agent.registeredNanos);
            entry.set("total_resources", total);
            ArrayNode allocated = entry.putArray("allocated_resources");
            for (Task task : tasks.values()) {
                if (task.agentId.equals(agent.id) && !task.released && !task.completed) {
                    for (JsonNode resource : task.info.path("resources")) {
                        ObjectNode copy = ((ObjectNode) resource).deepCopy();
                        copy.putObject("allocation_info").put("role", task.role);
                        copy.put("role", "*");
                        allocated.add(copy);
                    }
                }
            }
            entry.putArray("offered_resources");
            entry.putArray("capabilities").addObject().put("type", "MULTI_ROLE").toString();
        }
        return result;
    }

    private ArrayNode totalResources(Agent agent) {
        ArrayNode total = mapper.createArrayNode();
        addScalar(total, "cpus", agent.cpus, null, false);
        addScalar(total, "mem", agent.mem, null, false);
        addScalar(total, "disk", agent.disk, null, false);
        if (!agent.ports.isEmpty()) {
            ArrayNode ranges = resource(total, "ports", "RANGES", null, false)
                    .putObject("ranges")
                    .putArray("range");
            for (long[] range : rangeList(agent.ports)) {
                ranges.addObject().put("begin", range[0]).put("end", range[1]);
            }
        }
        return total;
    }

    private ObjectNode getTasks() {
        ObjectNode result = mapper.createObjectNode();
        ArrayNode active = result.putArray("tasks");
        ArrayNode unreachable = result.putArray("unreachable_tasks");
        ArrayNode completed = result.putArray("completed_tasks");
        for (Task task : tasks.values()) {
            ObjectNode json = taskJson(task);
            if (task.completed) {
                completed.add(json);
            } else if (task.unreachable) {
                unreachable.add(json);
            } else {
                active.add(json);
            }
        }
        return result;
    }

    private ObjectNode taskJson(Task task) {
        ObjectNode json = mapper.createObjectNode();
        json.put("name", task.info.path("name").asString());
        json.putObject("task_id").put("value", task.id);
        json.putObject("framework_id").put("value", task.frameworkId);
        json.putObject("agent_id").put("value", task.agentId);
        json.put("state", task.unreachable ? "TASK_UNREACHABLE" : task.state);
        if (task.inflight != null) {
            json.put("status_update_state", task.inflight.path("state").asString());
            json.put("status_update_uuid", task.inflight.path("uuid").asString());
        }
        ArrayNode resources = json.putArray("resources");
        task.info.path("resources").forEach(r -> {
            ObjectNode copy = ((ObjectNode) r).deepCopy();
            copy.putObject("allocation_info").put("role", task.role);
            resources.add(copy);
        });
        ArrayNode statuses = json.putArray("statuses");
        task.statuses.forEach(statuses::add);
        for (String field : List.of("labels", "health_check", "kill_policy")) {
            if (task.info.has(field)) {
                json.set(field, task.info.get(field));
            }
        }
        Framework framework = frameworks.get(task.frameworkId);
        if (framework != null) {
            json.put("user", framework.info.path("user").asString());
        }
        return json;
    }

    private ObjectNode getFrameworks() {
        ObjectNode result = mapper.createObjectNode();
        ArrayNode list = result.putArray("frameworks");
        for (Framework framework : frameworks.values()) {
            ObjectNode entry = list.addObject();
            entry.set("framework_info", framework.info);
            entry.put("active", framework.stream != null);
            entry.put("connected", framework.stream != null);
            entry.put("recovered", false);
        }
        ArrayNode completed = result.putArray("completed_frameworks");
        removedFrameworks.forEach(id -> completed
                .addObject()
                .putObject("framework_info")
                .putObject("id")
                .put("value", id));
        return result;
    }

    // ==== agent endpoints ==========================================================================

    private void agentState(HttpExchange exchange, Agent agent) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            HttpRules.text(exchange, 405, "Expecting 'GET', received '" + exchange.getRequestMethod() + "'");
            return;
        }
        ObjectNode state = mapper.createObjectNode();
        synchronized (lock) {
            state.put("id", agent.id);
            state.put("hostname", agent.hostname);
            state.put("pid", "slave(1)@127.0.0.1:" + agent.port());
            state.put("version", config.version);
            Map<String, ObjectNode> byFramework = new LinkedHashMap<>();
            ArrayNode frameworksJson = state.putArray("frameworks");
            ArrayNode completedFrameworks = state.putArray("completed_frameworks");
            for (Task task : tasks.values()) {
                if (!task.agentId.equals(agent.id)) {
                    continue;
                }
                ObjectNode framework = byFramework.computeIfAbsent(task.frameworkId, id -> {
                    ObjectNode f = (frameworks.containsKey(id) ? frameworksJson : completedFrameworks).addObject();
                    f.put("id", id);
                    f.putArray("executors");
                    f.putArray("completed_executors");
                    return f;
                });
                boolean done = isTerminal(task.state);
                ObjectNode executor =
                        ((ArrayNode) framework.get(done ? "completed_executors" : "executors")).addObject();
                executor.put("id", task.id);
                executor.put("name", "Command Executor (Task: " + task.id + ")");
                executor.put("source", task.id);
                executor.put("directory", task.directory);
                ArrayNode list = executor.putArray(done ? "completed_tasks" : "tasks");
                executor.putArray(done ? "tasks" : "completed_tasks");
                executor.putArray("queued_tasks");
                ObjectNode taskJson = list.addObject();
                taskJson.put("id", task.id);
                taskJson.put("name", task.info.path("name").asString());
                taskJson.put("state", task.state);
                taskJson.put("framework_id", task.frameworkId);
                taskJson.put("slave_id", task.agentId);
            }
        }
        HttpRules.json(exchange, 200, write(state));
    }

    private void filesRead(HttpExchange exchange, Agent agent) throws IOException {
        Map<String, String> query = query(exchange);
        String path = query.get("path");
        if (path == null || path.isEmpty()) {
            HttpRules.text(exchange, 400, "Expecting 'path=value' in query.\n");
            return;
        }
        long offset;
        long length;
        try {
            offset = query.containsKey("offset") ? Long.parseLong(query.get("offset")) : -1;
            length = query.containsKey("length") ? Long.parseLong(query.get("length")) : -1;
        } catch (NumberFormatException e) {
            HttpRules.text(exchange, 400, "Failed to parse offset or length: " + e.getMessage() + ".\n");
            return;
        }
        byte[] content;
        synchronized (lock) {
            ByteArrayOutputStream file = agent.files.get(path);
            if (file == null) {
                HttpRules.text(exchange, 404, null);
                return;
            }
            content = file.toByteArray();
        }
        long size = content.length;
        if (offset == -1) {
            offset = size;
        }
        if (length == -1) {
            length = size - offset;
        }
        length = Math.min(length, MAX_READ_LENGTH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (offset >= size) {
            out.writeBytes(("{\"data\":\"\",\"offset\":" + size + "}").getBytes(StandardCharsets.US_ASCII));
        } else {
            int end = (int) Math.min(size, offset + Math.max(0, length));
            out.writeBytes("{\"data\":".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(HttpRules.stoutString(Arrays.copyOfRange(content, (int) offset, end)));
            out.writeBytes((",\"offset\":" + offset + "}").getBytes(StandardCharsets.US_ASCII));
        }
        HttpRules.json(exchange, 200, out.toByteArray());
    }

    private void filesBrowse(HttpExchange exchange, Agent agent) throws IOException {
        String path = query(exchange).get("path");
        if (path == null || path.isEmpty()) {
            HttpRules.text(exchange, 400, "Expecting 'path=value' in query.\n");
            return;
        }
        ArrayNode listing = mapper.createArrayNode();
        synchronized (lock) {
            String prefix = path.endsWith("/") ? path : path + "/";
            agent.files.forEach((file, content) -> {
                if (file.startsWith(prefix) && file.indexOf('/', prefix.length()) < 0) {
                    listing.addObject()
                            .put("path", file)
                            .put("size", content.size())
                            .put("mode", "-rw-r--r--")
                            .put("nlink", 1);
                }
            });
        }
        if (listing.isEmpty()) {
            HttpRules.text(exchange, 404, null);
            return;
        }
        HttpRules.json(exchange, 200, write(listing));
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    // ==== helpers ==================================================================================

    private TaskView view(Task task) {
        return new TaskView(
                task.id,
                task.frameworkId,
                task.agentId,
                task.state,
                task.inflight == null ? null : task.inflight.path("state").asString(),
                task.unreachable,
                task.completed,
                task.info.deepCopy());
    }

    private Task findTask(String taskId) {
        Task found = null;
        for (Task task : tasks.values()) {
            if (task.id.equals(taskId)) {
                found = task;
            }
        }
        return found;
    }

    private Task anyTask(String taskId) {
        Task task = findTask(taskId);
        if (task == null) {
            throw new IllegalArgumentException("no task " + taskId);
        }
        return task;
    }

    private Task liveTask(String taskId) {
        Task task = anyTask(taskId);
        if (task.completed || isTerminal(task.state)) {
            throw new IllegalStateException("task " + taskId + " is " + task.state);
        }
        return task;
    }

    private ObjectNode event(String type) {
        ObjectNode event = mapper.createObjectNode();
        event.put("type", type);
        return event;
    }

    private byte[] write(JsonNode json) {
        return mapper.writeValueAsBytes(json);
    }

    private static String key(String frameworkId, String taskId) {
        return frameworkId + " " + taskId;
    }

    private static boolean isTerminal(String state) {
        return TERMINAL.contains(state);
    }

    private static Set<String> capabilities(JsonNode info) {
        Set<String> capabilities = new HashSet<>();
        info.path("capabilities").forEach(c -> {
            if (c.has("type")) {
                capabilities.add(c.get("type").asString());
            }
        });
        return capabilities;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static double number(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (value.isString()) {
            String text = value.asString().strip();
            return switch (text) {
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        }
        return value.asDouble();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static String newUuid() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits());
        bytes.putLong(uuid.getLeastSignificantBits());
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static ByteArrayOutputStream bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static BitSet parsePorts(String ranges) {
        BitSet ports = new BitSet();
        if (ranges == null || ranges.isBlank()) {
            return ports;
        }
        for (String range : ranges.split(",")) {
            String[] bounds = range.strip().split("-");
            int begin = Integer.parseInt(bounds[0]);
            int end = bounds.length > 1 ? Integer.parseInt(bounds[1]) : begin;
            ports.set(begin, end + 1);
        }
        return ports;
    }

    private static List<long[]> rangeList(BitSet ports) {
        List<long[]> ranges = new ArrayList<>();
        for (int begin = ports.nextSetBit(0); begin >= 0; ) {
            int end = ports.nextClearBit(begin) - 1;
            ranges.add(new long[] {begin, end});
            begin = ports.nextSetBit(end + 1);
        }
        return ranges;
    }

    private static String ranges(BitSet ports) {
        StringBuilder text = new StringBuilder("[");
        for (long[] range : rangeList(ports)) {
            text.append(text.length() > 1 ? ", " : "")
                    .append(range[0])
                    .append('-')
                    .append(range[1]);
        }
        return text.append(']').toString();
    }

    /** Mesos role syntax (src/common/roles.cpp). */
    private static String roleProblem(String role) {
        if (role.isEmpty()) {
            return "Empty role name is invalid";
        }
        if (role.equals("*")) {
            return null;
        }
        if (role.startsWith("/") || role.endsWith("/")) {
            return "Role names cannot start or end with '/'";
        }
        if (role.contains("//")) {
            return "Role names cannot contain '//'";
        }
        for (String component : role.split("/")) {
            if (component.equals(".") || component.equals("..") || component.equals("*")) {
                return "Role name component '" + component + "' is invalid";
            }
            if (component.startsWith("-")) {
                return "Role name component '" + component + "' is invalid: cannot start with '-'";
            }
            if (component.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
                return "Role name component '" + component + "' contains whitespace or control characters";
            }
        }
        return null;
    }
}
