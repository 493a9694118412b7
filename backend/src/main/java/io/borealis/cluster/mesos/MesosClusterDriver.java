package io.borealis.cluster.mesos;

import io.borealis.cluster.AgentView;
import io.borealis.cluster.ClusterDriver;
import io.borealis.cluster.ClusterHealth;
import io.borealis.cluster.ClusterListener;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.LogChunk;
import io.borealis.cluster.LogStream;
import io.borealis.cluster.ResourceOffer;
import io.borealis.cluster.TaskLaunch;
import io.borealis.cluster.TaskRef;
import io.borealis.cluster.TaskStatusUpdate;
import io.borealis.cluster.mesos.v1.MasterCall;
import io.borealis.cluster.mesos.v1.Mesos;
import io.borealis.cluster.mesos.v1.Mesos.FrameworkInfo;
import io.borealis.cluster.mesos.v1.Mesos.Offer;
import io.borealis.cluster.mesos.v1.MesosJson;
import io.borealis.cluster.mesos.v1.SchedulerCall;
import io.borealis.cluster.mesos.v1.SchedulerEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster port over Apache Mesos' v1 scheduler and operator HTTP APIs.
 *
 * <h2>Connection</h2>
 * {@link #start} subscribes (see {@link MesosSubscriber}: leader redirects followed by hand,
 * masters tried in turn, heartbeat watchdog, re-subscription with backoff). The framework id is
 * stored ({@link MesosFrameworkRepository}) as soon as SUBSCRIBED arrives and named in every later
 * SUBSCRIBE, top level and in the framework info. An ERROR event ends the stream and the driver
 * subscribes again; {@code Framework has been removed} also forgets the stored id, so that the next
 * subscription registers a new framework (logged as an error: the old framework's tasks are gone).
 * After every (re-)subscription the driver sends the kills that could not be sent, reconciles every
 * task it considers live (below), and calls {@link ClusterListener#onResourcesChanged}.
 *
 * <h2>Offers</h2>
 * {@link #offers} returns the offers held now (received, not yet launched on, declined or
 * rescinded), each as one {@link ResourceOffer} with the Mesos offer id. {@link #launch} sends
 * ACCEPT with one LAUNCH of all its tasks and forgets the offer; the unused rest is declined by the
 * master with {@code refuse-seconds}. {@link #decline} sends DECLINE with that filter. Offers are
 * demand-driven through {@link #wantOffers}: {@code false} sends SUPPRESS (no more offers until
 * wanted again), {@code true} sends REVIVE (offers again at once, decline filters cleared); a
 * (re-)subscription carries the current choice as {@code suppressed_roles}. Until told otherwise the
 * driver wants offers.
 *
 * <h2>Status updates and acknowledgements</h2>
 * Every UPDATE reaches {@link ClusterListener#onStatus} with {@code ackToken} = the update's uuid as
 * Mesos sent it (base64), or null for master-generated updates (reconciliation answers, invalid
 * offers or tasks, agent loss). The scheduler commits and then calls {@link #acknowledge}, which
 * sends ACKNOWLEDGE for updates with a token and does nothing for the others. A duplicate delivery
 * (Mesos resends until acknowledged) is delivered again and must be acknowledged again.
 *
 * <h2>Launch failures</h2>
 * A launch on an offer the driver no longer holds, while not subscribed, or refused by the master
 * with an HTTP error is answered at once with a DROPPED update (reason REASON_INVALID_OFFERS, no
 * token), as Mesos answers invalid offers; the scheduler may retry. When the ACCEPT may or may not
 * have reached the master (no answer), the tasks are reconciled a little later instead.
 *
 * <h2>Reconciliation</h2>
 * The driver keeps the tasks it considers live: those launched, those named in {@link #reconcile},
 * minus those reported terminal or UNKNOWN. {@link #reconcile} sends explicit RECONCILE calls in
 * batches of {@code reconciliation-batch} and then an implicit one (so tasks the scheduler does not
 * know are reported too, and can be killed); when not subscribed it remembers them for the next
 * subscription. The same runs after every subscription and every {@code reconciliation-interval}.
 *
 * <h2>Threads</h2>
 * Events are handled, and listener methods called, on one thread ({@code mesos-events}), in stream
 * order. Port methods may be called from any thread, including from inside listener callbacks; they
 * make synchronous HTTP calls on other connections than the event stream. Failures of calls are
 * logged and counted, not thrown, except by the read-only {@link #agents} and {@link #readLog},
 * which throw {@link MesosApiException}.
 */
public final class MesosClusterDriver implements ClusterDriver {

    private static final Logger log = LoggerFactory.getLogger(MesosClusterDriver.class);
    private static final String FRAMEWORK_REMOVED = "Framework has been removed";
    static final String REASON_INVALID_OFFERS = "REASON_INVALID_OFFERS";

    private final MesosProperties properties;
    private final MesosFrameworkRepository frameworks;
    private final Clock clock;
    private final MesosJson json = new MesosJson();
    private final MesosHttp http;
    private final MesosSubscriber subscriber;
    private final MesosSandboxLogs logs;
    private final MesosMetrics metrics;
    private final FrameworkInfo frameworkInfo;
    private final ScheduledExecutorService timer;
    private final ExecutorService events;

    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private final Map<String, String> liveTasks = new ConcurrentHashMap<>();
    private final Map<String, PendingKill> pendingKills = new ConcurrentHashMap<>();
    private final Map<String, HttpUrl> agentEndpoints = new ConcurrentHashMap<>();

    private volatile ClusterListener listener;
    private volatile Session session;
    private volatile String frameworkId;
    private volatile String state = "stopped";
    private volatile String masterVersion;
    private volatile boolean offersWanted = true;
    private volatile boolean suppressed;
    private volatile boolean subscribingSuppressed;
    private ScheduledFuture<?> periodicReconciliation;

    /** One subscription: the framework id, the stream id every call must carry, and its master. */
    private record Session(String frameworkId, String streamId, HttpUrl master, Instant since) {}

    private record PendingKill(TaskRef task, long gracePeriodNanos) {}

    /**
     * A driver for the configured masters.
     *
     * @param webuiUrl the link to Borealis shown by the Mesos UI (see
     *     {@link MesosProperties#webuiUrlOrDefault})
     */
    public MesosClusterDriver(
            MesosProperties properties,
            String webuiUrl,
            MesosFrameworkRepository frameworks,
            MeterRegistry registry,
            Clock clock) {
        this.properties = properties;
        this.frameworks = frameworks;
        this.clock = clock;
        this.frameworkInfo = new FrameworkInfo(
                properties.user(),
                properties.frameworkName(),
                null,
                properties.failoverTimeout().toMillis() / 1000.0,
                true,
                List.of(properties.role()),
                properties.hostname(),
                properties.principal(),
                webuiUrl,
                List.of(
                        new Mesos.Capability("MULTI_ROLE"),
                        new Mesos.Capability("PARTITION_AWARE"),
                        new Mesos.Capability("TASK_KILLING_STATE")),
                null);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("mesos-timer").daemon().factory());
        this.events = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("mesos-events").daemon().factory());
        this.http = new MesosHttp(properties, this::leaderChanged);
        this.subscriber = new MesosSubscriber(http, json, properties, new Subscription(), timer, clock);
        this.logs = new MesosSandboxLogs(http, json);
        this.metrics = new MesosMetrics(
                registry, clock, () -> session != null, this::outstandingOffers, subscriber::lastHeartbeat);
    }

    @Override
    public String name() {
        return "mesos";
    }

    @Override
    public void start(ClusterListener clusterListener) {
        this.listener = clusterListener;
        this.frameworkId = frameworks.findId(properties.frameworkName()).orElse(null);
        state = "subscribing";
        log.info(
                "Mesos driver starting: masters {}, framework '{}' ({}), role '{}'",
                properties.masters(),
                properties.frameworkName(),
                frameworkId == null ? "new" : "id " + frameworkId,
                properties.role());
        subscriber.start();
        long interval = properties.reconciliationInterval().toMillis();
        periodicReconciliation = timer.scheduleWithFixedDelay(
                () -> dispatch(this::reconcileLiveTasks), interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (periodicReconciliation != null) {
            periodicReconciliation.cancel(false);
        }
        subscriber.stop();
        events.shutdown();
        try {
            events.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        http.close();
        session = null;
        state = "stopped";
        log.info("Mesos driver stopped; the framework's tasks keep running");
    }

    // ---- offers -------------------------------------------------------------------------------

    @Override
    public List<ResourceOffer> offers() {
        List<Offer> held;
        synchronized (offers) {
            held = List.copyOf(offers.values());
        }
        List<ResourceOffer> converted = new ArrayList<>(held.size());
        for (Offer offer : held) {
            converted.add(MesosTranslation.resourceOffer(offer));
        }
        return converted;
    }

    @Override
    public void launch(ResourceOffer offer, List<TaskLaunch> tasks) {
        Offer held = take(offer.offerId());
        if (tasks.isEmpty()) {
            if (held != null) {
                sendDecline(List.of(held.id().value()));
            }
            return;
        }
        for (TaskLaunch task : tasks) {
            liveTasks.put(task.taskId(), offer.agentId());
        }
        Session current = session;
        if (current == null) {
            drop(tasks, offer.agentId(), "not subscribed to a Mesos master; the offer is gone");
            return;
        }
        if (held == null) {
            drop(
                    tasks,
                    offer.agentId(),
                    "offer " + offer.offerId()
                            + " is no longer valid (rescinded, already used, or from an earlier subscription)");
            return;
        }
        List<Mesos.TaskInfo> infos = MesosTranslation.taskInfos(held, tasks);
        try {
            send(
                    current,
                    SchedulerCall.accept(
                            current.frameworkId(), List.of(held.id().value()), infos, properties.refuseSeconds()));
            metrics.offersAccepted.incrementAndGet();
            metrics.tasksLaunched.addAndGet(tasks.size());
        } catch (MesosApiException e) {
            metrics.errors.incrementAndGet();
            if (e.status() != 0) {
                log.warn("ACCEPT of offer {} refused: {}", held.id().value(), e.getMessage());
                drop(tasks, offer.agentId(), "the master refused the launch: " + e.getMessage());
            } else {
                log.warn(
                        "ACCEPT of offer {} got no answer ({}); its {} task(s) will be reconciled",
                        held.id().value(),
                        e.getMessage(),
                        tasks.size());
                List<TaskRef> refs = tasks.stream()
                        .map(t -> new TaskRef(t.taskId(), offer.agentId()))
                        .toList();
                timer.schedule(
                        () -> dispatch(() -> reconcileNow(refs, false)),
                        properties.reconnectBackoffMax().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void decline(List<ResourceOffer> declined) {
        List<String> ids = new ArrayList<>();
        for (ResourceOffer offer : declined) {
            if (take(offer.offerId()) != null) {
                ids.add(offer.offerId());
            }
        }
        sendDecline(ids);
    }

    @Override
    public synchronized void wantOffers(boolean tasksPending) {
        offersWanted = tasksPending;
        Session current = session;
        if (current == null || tasksPending != suppressed) {
            return; // applied by the next subscription, or already in effect
        }
        try {
            if (tasksPending) {
                send(current, SchedulerCall.revive(current.frameworkId(), List.of(properties.role())));
                log.debug("Offers revived");
            } else {
                send(current, SchedulerCall.suppress(current.frameworkId(), List.of(properties.role())));
                log.debug("Offers suppressed");
            }
            suppressed = !tasksPending;
        } catch (MesosApiException e) {
            metrics.errors.incrementAndGet();
            log.warn("{} failed: {}", tasksPending ? "REVIVE" : "SUPPRESS", e.getMessage());
        }
    }

    private Offer take(String offerId) {
        if (offerId == null) {
            return null;
        }
        synchronized (offers) {
            return offers.remove(offerId);
        }
    }

    private int outstandingOffers() {
        synchronized (offers) {
            return offers.size();
        }
    }

    private void sendDecline(List<String> offerIds) {
        Session current = session;
        if (offerIds.isEmpty() || current == null) {
            return;
        }
        try {
            send(current, SchedulerCall.decline(current.frameworkId(), offerIds, properties.refuseSeconds()));
            metrics.offersDeclined.addAndGet(offerIds.size());
        } catch (MesosApiException e) {
            metrics.errors.incrementAndGet();
            log.warn(
                    "DECLINE of {} offer(s) failed (the master will take them back): {}",
                    offerIds.size(),
                    e.getMessage());
        }
    }

    private void drop(List<TaskLaunch> tasks, String agentId, String message) {
        Instant now = clock.instant();
        for (TaskLaunch task : tasks) {
            liveTasks.remove(task.taskId());
            TaskStatusUpdate update = new TaskStatusUpdate(
                    task.taskId(), agentId, ClusterTaskState.DROPPED, message, REASON_INVALID_OFFERS, null, now, null);
            dispatch(() -> deliver(update));
        }
    }

    // ---- tasks --------------------------------------------------------------------------------

    @Override
    public void kill(TaskRef task, Duration gracePeriod) {
        String agentId = task.agentId() != null ? task.agentId() : blankToNull(liveTasks.get(task.taskId()));
        PendingKill kill = new PendingKill(new TaskRef(task.taskId(), agentId), gracePeriod.toNanos());
        if (!sendKill(kill)) {
            pendingKills.put(task.taskId(), kill);
        }
    }

    private boolean sendKill(PendingKill kill) {
        Session current = session;
        if (current == null) {
            return false;
        }
        try {
            send(
                    current,
                    SchedulerCall.kill(
                            current.frameworkId(),
                            kill.task().taskId(),
                            kill.task().agentId(),
                            kill.gracePeriodNanos()));
            metrics.tasksKilled.incrementAndGet();
            pendingKills.remove(kill.task().taskId());
            return true;
        } catch (MesosApiException e) {
            metrics.errors.incrementAndGet();
            log.warn(
                    "KILL of task {} failed, will retry after re-subscribing: {}",
                    kill.task().taskId(),
                    e.getMessage());
            return false;
        }
    }

    @Override
    public void acknowledge(TaskStatusUpdate update) {
        if (!update.needsAcknowledgement()) {
            return;
        }
        Session current = session;
        if (current == null || update.agentId() == null) {
            log.debug(
                    "Update {} of task {} not acknowledged now (not subscribed); Mesos will send it again",
                    update.ackToken(),
                    update.taskId());
            return;
        }
        try {
            send(
                    current,
                    SchedulerCall.acknowledge(
                            current.frameworkId(), update.agentId(), update.taskId(), update.ackToken()));
            metrics.acknowledgements.incrementAndGet();
        } catch (MesosApiException e) {
            metrics.errors.incrementAndGet();
            log.warn(
                    "ACKNOWLEDGE of task {} update {} failed (Mesos will resend it): {}",
                    update.taskId(),
                    update.ackToken(),
                    e.getMessage());
        }
    }

    @Override
    public void reconcile(List<TaskRef> tasks) {
        for (TaskRef task : tasks) {
            liveTasks.put(task.taskId(), task.agentId() == null ? "" : task.agentId());
        }
        if (session != null) {
            reconcileNow(tasks, true);
        }
    }

    private void reconcileLiveTasks() {
        if (session == null) {
            return;
        }
        List<TaskRef> live = liveTasks.entrySet().stream()
                .map(e -> new TaskRef(e.getKey(), blankToNull(e.getValue())))
                .toList();
        reconcileNow(live, true);
    }

    /** Explicit RECONCILE in batches, then (if asked) an implicit one. */
    private void reconcileNow(List<TaskRef> tasks, boolean implicit) {
        Session current = session;
        if (current == null) {
            return;
        }
        try {
            int batch = properties.reconciliationBatch();
            for (int from = 0; from < tasks.size(); from += batch) {
                List<SchedulerCall.ReconcileTask> part =
                        tasks.subList(from, Math.min(tasks.size(), from + batch)).stream()
                                .map(t -> new SchedulerCall.ReconcileTask(
                                        Mesos.Id.of(t.taskId()), Mesos.Id.of(t.agentId())))
                                .toList();
                send(current, SchedulerCall.reconcile(current.frameworkId(), part));
            }
            if (implicit) {
                send(current, SchedulerCall.reconcile(current.frameworkId(), List.of()));
            }
            log.debug("Reconciliation asked for {} task(s){}", tasks.size(), implicit ? " and implicitly" : "");
        } catch (MesosApiException e) {
            metrics.errors.incrementAndGet();
            log.warn("RECONCILE failed (retried after the next subscription): {}", e.getMessage());
        }
    }

    // ---- cluster page -------------------------------------------------------------------------

    @Override
    public List<AgentView> agents() {
        MasterCall.Response agents = operator(MasterCall.Type.GET_AGENTS);
        String framework = frameworkId;
        List<MasterCall.Task> ours = List.of();
        if (framework != null) {
            MasterCall.GetTasks tasks = operator(MasterCall.Type.GET_TASKS).getTasks();
            ours = tasks == null
                    ? List.of()
                    : tasks.taskList().stream()
                            .filter(t -> t.frameworkId() != null
                                    && framework.equals(t.frameworkId().value()))
                            .toList();
        }
        List<AgentView> views = new ArrayList<>();
        if (agents.getAgents() != null) {
            for (MasterCall.Agent agent : agents.getAgents().agentList()) {
                rememberEndpoint(agent);
                views.add(MesosTranslation.agentView(agent, ours, framework != null));
            }
        }
        return views;
    }

    @Override
    public ClusterHealth health() {
        Session current = session;
        Map<String, String> details = new LinkedHashMap<>();
        HttpUrl leader = current != null ? current.master() : http.leader();
        put(details, "leader", leader == null ? null : MesosHttp.display(leader));
        put(details, "framework id", frameworkId);
        put(details, "framework name", properties.frameworkName());
        put(details, "role", properties.role());
        put(details, "master version", masterVersion);
        put(
                details,
                "subscribed since",
                current == null ? null : current.since().toString());
        put(
                details,
                "last heartbeat",
                subscriber.lastHeartbeat() == null
                        ? null
                        : subscriber.lastHeartbeat().toString());
        put(details, "heartbeat interval", subscriber.heartbeatInterval().toMillis() / 1000.0 + " s");
        put(details, "offers", offersWanted ? (suppressed ? "wanted (revive pending)" : "wanted") : "suppressed");
        put(details, "offers outstanding", Integer.toString(outstandingOffers()));
        put(details, "offers received", Long.toString(metrics.offersReceived.get()));
        put(details, "offers accepted", Long.toString(metrics.offersAccepted.get()));
        put(details, "offers declined", Long.toString(metrics.offersDeclined.get()));
        put(details, "offers rescinded", Long.toString(metrics.offersRescinded.get()));
        put(details, "tasks launched", Long.toString(metrics.tasksLaunched.get()));
        put(details, "updates received", Long.toString(metrics.updatesReceived.get()));
        put(details, "acknowledgements", Long.toString(metrics.acknowledgements.get()));
        put(details, "subscriptions", Long.toString(metrics.subscriptions.get()));
        put(details, "disconnections", Long.toString(metrics.disconnections.get()));
        put(details, "errors", Long.toString(metrics.errors.get()));
        return new ClusterHealth(name(), current != null, state, subscriber.lastContact(), details);
    }

    @Override
    public LogChunk readLog(TaskRef task, LogStream stream, long offset, int maxBytes) {
        String agentId = task.agentId() != null ? task.agentId() : blankToNull(liveTasks.get(task.taskId()));
        if (agentId == null) {
            throw MesosApiException.forStatus(404, "files/read", "the agent of task " + task.taskId() + " is unknown");
        }
        HttpUrl agent = agentEndpoints.get(agentId);
        if (agent == null) {
            agents();
            agent = agentEndpoints.get(agentId);
        }
        if (agent == null) {
            throw MesosApiException.forStatus(404, "files/read", "agent " + agentId + " is not known to the master");
        }
        return logs.read(agent, frameworkId, task.taskId(), stream, offset, maxBytes);
    }

    private MasterCall.Response operator(MasterCall.Type type) {
        byte[] body = http.operator(type.name(), json.write(MasterCall.of(type)));
        try {
            return json.read(body, MasterCall.Response.class);
        } catch (MesosJson.MesosJsonException e) {
            throw new MesosApiException.ProtocolError(
                    "Mesos answered " + type + " with unreadable JSON: " + e.getMessage(), 200, type.name(), "", e);
        }
    }

    private void rememberEndpoint(MasterCall.Agent agent) {
        MasterCall.AgentInfo info = agent.agentInfo();
        if (info == null || info.id() == null) {
            return;
        }
        HttpUrl master = http.currentMaster();
        String host = info.hostname();
        int port = info.port() == null ? 5051 : info.port();
        String pid = agent.pid();
        if (pid != null && pid.contains("@") && pid.lastIndexOf(':') > pid.indexOf('@')) {
            host = pid.substring(pid.indexOf('@') + 1, pid.lastIndexOf(':'));
            port = Integer.parseInt(pid.substring(pid.lastIndexOf(':') + 1));
        }
        if (host != null) {
            agentEndpoints.put(
                    info.id().value(),
                    new HttpUrl.Builder()
                            .scheme(master.scheme())
                            .host(host)
                            .port(port)
                            .build());
        }
    }

    private void rememberEndpoint(Offer offer) {
        Mesos.Url url = offer.url();
        if (url == null || url.address() == null || url.address().port() == null) {
            return;
        }
        String host =
                url.address().ip() != null ? url.address().ip() : url.address().hostname();
        if (host == null) {
            return;
        }
        agentEndpoints.put(
                offer.agentId().value(),
                new HttpUrl.Builder()
                        .scheme(url.scheme() == null ? "http" : url.scheme())
                        .host(host)
                        .port(url.address().port())
                        .build());
    }

    // ---- events -------------------------------------------------------------------------------

    /** The subscriber's callbacks: everything is handed to the event thread, in order. */
    private final class Subscription implements MesosSubscriber.Handler {

        @Override
        public byte[] subscribeCall() {
            boolean suppress = !offersWanted;
            subscribingSuppressed = suppress;
            return json.write(SchedulerCall.subscribe(
                    frameworkInfo, frameworkId, suppress ? List.of(properties.role()) : List.of()));
        }

        @Override
        public void onEvent(SchedulerEvent event, String streamId, HttpUrl master) {
            dispatch(() -> handle(event, streamId, master));
        }

        @Override
        public void onDisconnected(String reason) {
            dispatch(() -> disconnected(reason));
        }
    }

    private void handle(SchedulerEvent event, String streamId, HttpUrl master) {
        try {
            boolean always =
                    event.type() == SchedulerEvent.Type.SUBSCRIBED || event.type() == SchedulerEvent.Type.ERROR;
            if (!always && (session == null || !session.streamId().equals(streamId))) {
                log.debug("Ignoring {} from an ended subscription", event.type());
                return;
            }
            switch (event.type()) {
                case SUBSCRIBED -> subscribed(event.subscribed(), streamId, master);
                case OFFERS -> offered(event.offers());
                case RESCIND -> rescinded(event.rescind());
                case UPDATE -> updated(event.update());
                case FAILURE -> failed(event.failure());
                case ERROR -> error(event.error());
                case HEARTBEAT -> {}
                default -> log.debug("Ignoring Mesos event {}", event.type());
            }
        } catch (RuntimeException e) {
            log.error("Handling Mesos event {} failed", event.type(), e);
        }
    }

    private void subscribed(SchedulerEvent.Subscribed subscribed, String streamId, HttpUrl master) {
        String id = subscribed.frameworkId().value();
        Instant now = clock.instant();
        if (frameworkId != null && !frameworkId.equals(id)) {
            log.warn("Mesos assigned framework id {} instead of {}", id, frameworkId);
        }
        frameworkId = id;
        try {
            frameworks.save(properties.frameworkName(), id, MesosHttp.display(master), now);
        } catch (RuntimeException e) {
            log.error(
                    "Could not store Mesos framework id {}: a restart before it is stored would orphan this"
                            + " framework's tasks",
                    id,
                    e);
        }
        synchronized (offers) {
            offers.clear();
        }
        suppressed = subscribingSuppressed;
        session = new Session(id, streamId, master, now);
        state = "connected";
        metrics.subscriptions.incrementAndGet();
        if (subscribed.masterInfo() != null && subscribed.masterInfo().version() != null) {
            masterVersion = subscribed.masterInfo().version();
        }
        log.info("Subscribed to Mesos master {} as framework {}", MesosHttp.display(master), id);

        wantOffers(offersWanted);
        for (PendingKill kill : List.copyOf(pendingKills.values())) {
            sendKill(kill);
        }
        reconcileLiveTasks();
        notifyListener(ClusterListener::onResourcesChanged);
        refreshVersion();
    }

    private void refreshVersion() {
        try {
            MasterCall.Response version = operator(MasterCall.Type.GET_VERSION);
            if (version.getVersion() != null && version.getVersion().versionInfo() != null) {
                masterVersion = version.getVersion().versionInfo().version();
            }
        } catch (MesosApiException e) {
            log.debug("GET_VERSION failed: {}", e.getMessage());
        }
    }

    private void offered(SchedulerEvent.Offers event) {
        if (event == null || event.offers() == null) {
            return;
        }
        synchronized (offers) {
            for (Offer offer : event.offers()) {
                if (offer.id() != null && offer.agentId() != null) {
                    offers.put(offer.id().value(), offer);
                }
            }
        }
        for (Offer offer : event.offers()) {
            if (offer.agentId() != null) {
                rememberEndpoint(offer);
            }
        }
        metrics.offersReceived.addAndGet(event.offers().size());
        notifyListener(ClusterListener::onResourcesChanged);
    }

    private void rescinded(SchedulerEvent.Rescind rescind) {
        if (rescind != null
                && rescind.offerId() != null
                && take(rescind.offerId().value()) != null) {
            metrics.offersRescinded.incrementAndGet();
        }
    }

    private void updated(SchedulerEvent.Update update) {
        if (update == null || update.status() == null || update.status().taskId() == null) {
            return;
        }
        metrics.updatesReceived.incrementAndGet();
        TaskStatusUpdate status = MesosTranslation.statusUpdate(update.status(), clock.instant());
        if (status.state().isTerminal() || status.state() == ClusterTaskState.UNKNOWN) {
            liveTasks.remove(status.taskId());
            pendingKills.remove(status.taskId());
        } else if (status.agentId() != null) {
            liveTasks.computeIfPresent(status.taskId(), (task, agent) -> status.agentId());
        }
        deliver(status);
    }

    private void failed(SchedulerEvent.Failure failure) {
        if (failure == null) {
            return;
        }
        String agentId = Mesos.Id.valueOf(failure.agentId());
        if (failure.executorId() != null) {
            log.info(
                    "Executor {} on agent {} exited with status {}",
                    failure.executorId().value(),
                    agentId,
                    failure.status());
            return;
        }
        if (agentId != null) {
            synchronized (offers) {
                offers.values().removeIf(offer -> agentId.equals(offer.agentId().value()));
            }
            log.warn("Mesos agent {} was lost", agentId);
            notifyListener(l -> l.onAgentLost(agentId));
        }
    }

    private void error(SchedulerEvent.Error error) {
        String message = error == null || error.message() == null ? "" : error.message();
        metrics.errors.incrementAndGet();
        if (message.contains(FRAMEWORK_REMOVED)) {
            log.error(
                    "MESOS REMOVED FRAMEWORK {} ('{}'): its tasks were killed by the master. Forgetting its id and"
                            + " subscribing as a new framework; reconciliation will report the old tasks as gone.",
                    frameworkId,
                    message);
            try {
                frameworks.delete(properties.frameworkName());
            } catch (RuntimeException e) {
                log.error("Could not forget the removed framework id", e);
            }
            frameworkId = null;
        } else {
            log.warn("Mesos ended the subscription with an error: {}", message);
        }
        state = "error: " + message;
    }

    private void disconnected(String reason) {
        if (session != null) {
            metrics.disconnections.incrementAndGet();
            log.warn("Disconnected from Mesos master {}: {}", MesosHttp.display(session.master()), reason);
        }
        session = null;
        synchronized (offers) {
            offers.clear();
        }
        state = "disconnected: " + reason;
    }

    private void leaderChanged(HttpUrl leader) {
        subscriber.leaderChanged(leader);
    }

    /** Runs on the event thread, after what is queued there; dropped once the driver stopped. */
    private void dispatch(Runnable action) {
        try {
            events.execute(action);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Mesos driver stopped; event dropped");
        }
    }

    private void deliver(TaskStatusUpdate update) {
        notifyListener(l -> l.onStatus(update));
    }

    private void notifyListener(java.util.function.Consumer<ClusterListener> call) {
        ClusterListener target = listener;
        if (target == null) {
            return;
        }
        try {
            call.accept(target);
        } catch (RuntimeException e) {
            log.error("The cluster listener failed", e);
        }
    }

    private void send(Session current, SchedulerCall call) {
        http.call(call.type().name(), json.write(call), current.streamId());
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
