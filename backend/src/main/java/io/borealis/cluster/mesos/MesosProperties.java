package io.borealis.cluster.mesos;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code borealis.mesos.*}: how Borealis reaches a Mesos cluster when
 * {@code borealis.cluster.driver=mesos}. Checked when the application starts; every bad value is
 * named in one clear message and startup stops.
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>Property</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code borealis.mesos.masters}</td><td>(required)</td><td>Comma-separated master URLs,
 *       {@code http://} or {@code https://}, e.g. {@code http://m1:5050,http://m2:5050}. Tried in turn;
 *       a non-leader's redirect to the leader is followed.</td></tr>
 *   <tr><td>{@code borealis.mesos.principal}</td><td>none</td><td>Principal for HTTP Basic
 *       authentication and {@code FrameworkInfo.principal}. Set together with the secret.</td></tr>
 *   <tr><td>{@code borealis.mesos.secret}</td><td>none</td><td>Its secret (must not contain
 *       {@code :}, which Mesos' basic authenticator cannot handle).</td></tr>
 *   <tr><td>{@code borealis.mesos.role}</td><td>{@code borealis}</td><td>The Mesos role the framework
 *       subscribes with (MULTI_ROLE; Mesos role syntax).</td></tr>
 *   <tr><td>{@code borealis.mesos.failover-timeout}</td><td>{@code 28d}</td><td>How long the master
 *       keeps the framework's tasks running while Borealis is away. Must be positive.</td></tr>
 *   <tr><td>{@code borealis.mesos.user}</td><td>the OS user running Borealis</td><td>The OS user
 *       tasks run as on the agents.</td></tr>
 *   <tr><td>{@code borealis.mesos.framework-name}</td><td>{@code borealis}</td><td>The framework's
 *       name, shown by Mesos; also the key under which the framework id is stored.</td></tr>
 *   <tr><td>{@code borealis.mesos.webui-url}</td><td>{@code http://<hostname>:<server.port>/}</td>
 *       <td>Link from the Mesos UI back to Borealis.</td></tr>
 *   <tr><td>{@code borealis.mesos.hostname}</td><td>this machine's host name</td><td>Shown by
 *       Mesos as the framework's host.</td></tr>
 *   <tr><td>{@code borealis.mesos.trust-store}</td><td>none (the JDK's)</td><td>Trust store file
 *       for {@code https} masters and agents.</td></tr>
 *   <tr><td>{@code borealis.mesos.trust-store-password}</td><td>none</td><td>Its password.</td></tr>
 *   <tr><td>{@code borealis.mesos.trust-store-type}</td><td>{@code PKCS12}</td><td>Its type
 *       ({@code PKCS12} or {@code JKS}).</td></tr>
 *   <tr><td>{@code borealis.mesos.heartbeat-watchdog-factor}</td><td>{@code 5}</td><td>The
 *       subscription is considered dead, and re-subscribed, after this many heartbeat intervals
 *       without a byte from the master (at least 1.5).</td></tr>
 *   <tr><td>{@code borealis.mesos.reconnect-backoff-min}</td><td>{@code 1s}</td><td>First wait
 *       before subscribing again after a failure; doubled on each failure in a row...</td></tr>
 *   <tr><td>{@code borealis.mesos.reconnect-backoff-max}</td><td>{@code 15s}</td><td>...up to
 *       this.</td></tr>
 *   <tr><td>{@code borealis.mesos.refuse-seconds}</td><td>{@code 5}</td><td>DECLINE (and the
 *       unused part of an ACCEPT) filter: the agent's resources are not offered again for this
 *       long unless offers are revived. 0 to 31536000.</td></tr>
 *   <tr><td>{@code borealis.mesos.reconciliation-interval}</td><td>{@code 15m}</td><td>How often
 *       the live tasks are reconciled explicitly, followed by an implicit reconciliation.</td></tr>
 *   <tr><td>{@code borealis.mesos.reconciliation-batch}</td><td>{@code 500}</td><td>Tasks per
 *       explicit RECONCILE call.</td></tr>
 *   <tr><td>{@code borealis.mesos.connect-timeout}</td><td>{@code 10s}</td><td>TCP connect timeout
 *       for every Mesos request.</td></tr>
 *   <tr><td>{@code borealis.mesos.request-timeout}</td><td>{@code 75s}</td><td>Read timeout of
 *       ordinary calls (the subscription stream has none: the heartbeat watchdog guards it).</td></tr>
 * </table>
 */
@ConfigurationProperties("borealis.mesos")
public record MesosProperties(
        List<String> masters,
        String principal,
        String secret,
        String role,
        Duration failoverTimeout,
        String user,
        String frameworkName,
        String webuiUrl,
        String hostname,
        String trustStore,
        String trustStorePassword,
        String trustStoreType,
        Double heartbeatWatchdogFactor,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax,
        Double refuseSeconds,
        Duration reconciliationInterval,
        Integer reconciliationBatch,
        Duration connectTimeout,
        Duration requestTimeout) {

    private static final String PREFIX = "borealis.mesos.";
    private static final double MAX_REFUSE_SECONDS = 31_536_000;

    public MesosProperties {
        masters = masters == null
                ? List.of()
                : masters.stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
        principal = blankToNull(principal);
        secret = blankToNull(secret);
        role = role == null ? "borealis" : role;
        failoverTimeout = failoverTimeout == null ? Duration.ofDays(28) : failoverTimeout;
        user = blankToNull(user) == null ? System.getProperty("user.name") : user.strip();
        frameworkName = blankToNull(frameworkName) == null ? "borealis" : frameworkName.strip();
        webuiUrl = blankToNull(webuiUrl);
        hostname = blankToNull(hostname) == null ? localHostName() : hostname.strip();
        trustStore = blankToNull(trustStore);
        trustStoreType = blankToNull(trustStoreType) == null ? "PKCS12" : trustStoreType.strip();
        heartbeatWatchdogFactor = heartbeatWatchdogFactor == null ? 5.0 : heartbeatWatchdogFactor;
        reconnectBackoffMin = reconnectBackoffMin == null ? Duration.ofSeconds(1) : reconnectBackoffMin;
        reconnectBackoffMax = reconnectBackoffMax == null ? Duration.ofSeconds(15) : reconnectBackoffMax;
        refuseSeconds = refuseSeconds == null ? 5.0 : refuseSeconds;
        reconciliationInterval = reconciliationInterval == null ? Duration.ofMinutes(15) : reconciliationInterval;
        reconciliationBatch = reconciliationBatch == null ? 500 : reconciliationBatch;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(75) : requestTimeout;

        List<String> problems = new ArrayList<>();
        if (masters.isEmpty()) {
            problems.add(PREFIX + "masters is required: one or more master URLs, e.g. http://mesos-master:5050");
        }
        for (String master : masters) {
            String problem = masterProblem(master);
            if (problem != null) {
                problems.add(PREFIX + "masters: '" + master + "' " + problem);
            }
        }
        if ((principal == null) != (secret == null)) {
            problems.add(PREFIX + "principal and " + PREFIX + "secret go together: set both or neither");
        }
        if (secret != null && secret.contains(":")) {
            problems.add(PREFIX + "secret must not contain ':' (the Mesos basic authenticator splits on it)");
        }
        String roleProblem = roleProblem(role);
        if (roleProblem != null) {
            problems.add(PREFIX + "role '" + role + "' " + roleProblem);
        }
        if (failoverTimeout.isNegative() || failoverTimeout.isZero()) {
            problems.add(PREFIX + "failover-timeout must be positive (0 would kill every task whenever"
                    + " Borealis disconnects), was " + failoverTimeout);
        }
        if (user == null || user.isBlank()) {
            problems.add(PREFIX + "user is required (the OS user tasks run as)");
        }
        if (webuiUrl != null && masterProblem(webuiUrl) != null) {
            problems.add(PREFIX + "webui-url '" + webuiUrl + "' must be an http or https URL");
        }
        if (trustStore == null && trustStorePassword != null) {
            problems.add(PREFIX + "trust-store-password is set but " + PREFIX + "trust-store is not");
        }
        if (!List.of("PKCS12", "JKS").contains(trustStoreType.toUpperCase(Locale.ROOT))) {
            problems.add(PREFIX + "trust-store-type must be PKCS12 or JKS, was " + trustStoreType);
        }
        if (!(heartbeatWatchdogFactor >= 1.5) || heartbeatWatchdogFactor > 100) {
            problems.add(
                    PREFIX + "heartbeat-watchdog-factor must be between 1.5 and 100, was " + heartbeatWatchdogFactor);
        }
        if (reconnectBackoffMin.isNegative() || reconnectBackoffMin.isZero()) {
            problems.add(PREFIX + "reconnect-backoff-min must be positive, was " + reconnectBackoffMin);
        }
        if (reconnectBackoffMax.compareTo(reconnectBackoffMin) < 0) {
            problems.add(PREFIX + "reconnect-backoff-max (" + reconnectBackoffMax
                    + ") must not be below reconnect-backoff-min (" + reconnectBackoffMin + ")");
        }
        if (!(refuseSeconds >= 0) || refuseSeconds > MAX_REFUSE_SECONDS) {
            problems.add(PREFIX + "refuse-seconds must be between 0 and " + (long) MAX_REFUSE_SECONDS + ", was "
                    + refuseSeconds);
        }
        if (reconciliationInterval.isNegative() || reconciliationInterval.isZero()) {
            problems.add(PREFIX + "reconciliation-interval must be positive, was " + reconciliationInterval);
        }
        if (reconciliationBatch < 1 || reconciliationBatch > 10_000) {
            problems.add(PREFIX + "reconciliation-batch must be between 1 and 10000, was " + reconciliationBatch);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add(PREFIX + "connect-timeout must be positive, was " + connectTimeout);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            problems.add(PREFIX + "request-timeout must be positive, was " + requestTimeout);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid Mesos configuration: " + String.join("; ", problems));
        }
    }

    /** The web UI link: the configured one, or {@code http://<hostname>:<serverPort>/}. */
    public String webuiUrlOrDefault(int serverPort) {
        return webuiUrl != null ? webuiUrl : "http://" + hostname + ":" + serverPort + "/";
    }

    /** Whether requests carry HTTP Basic credentials. */
    public boolean authenticates() {
        return principal != null;
    }

    /** Why a master URL is unusable, or null. */
    static String masterProblem(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "must start with http:// or https://";
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return "has no host name";
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                return "must not have a query or fragment";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + ")";
        }
    }

    /**
     * Mesos role syntax (src/common/roles.cpp): not empty; {@code *} alone is valid; no leading or
     * trailing '/', no empty component; no component '.', '..' or '*', none starting with '-'; no
     * whitespace or control characters.
     */
    static String roleProblem(String role) {
        if (role == null || role.isEmpty()) {
            return "must not be empty";
        }
        if (role.equals("*")) {
            return null;
        }
        if (role.startsWith("/") || role.endsWith("/")) {
            return "must not start or end with '/'";
        }
        if (role.contains("//")) {
            return "must not contain '//'";
        }
        if (role.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return "must not contain whitespace";
        }
        for (String component : role.split("/")) {
            if (component.equals(".") || component.equals("..") || component.equals("*")) {
                return "must not have a '" + component + "' component";
            }
            if (component.startsWith("-")) {
                return "must not have a component starting with '-'";
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String toString() {
        return "MesosProperties[masters=" + masters + ", principal=" + principal + ", secret="
                + (secret == null ? "none" : "****") + ", role=" + role + ", frameworkName=" + frameworkName + "]";
    }
}
