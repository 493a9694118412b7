package io.borealis.cluster.mesos;

import io.borealis.cluster.AgentView;
import io.borealis.cluster.ClusterTaskState;
import io.borealis.cluster.PortRange;
import io.borealis.cluster.ResourceOffer;
import io.borealis.cluster.TaskLaunch;
import io.borealis.cluster.TaskStatusUpdate;
import io.borealis.cluster.mesos.v1.MasterCall;
import io.borealis.cluster.mesos.v1.Mesos;
import io.borealis.cluster.mesos.v1.Mesos.Attribute;
import io.borealis.cluster.mesos.v1.Mesos.Offer;
import io.borealis.cluster.mesos.v1.Mesos.Range;
import io.borealis.cluster.mesos.v1.Mesos.Resource;
import io.borealis.cluster.mesos.v1.Mesos.TaskInfo;
import io.borealis.cluster.mesos.v1.Mesos.TaskStatus;
import io.borealis.cluster.mesos.v1.Mesos.ValueType;
import io.borealis.job.HealthCheck;
import io.borealis.job.ProcessSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Pure translations between the cluster port and the Mesos v1 model: offers to
 * {@link ResourceOffer}s, {@link TaskLaunch}es to {@code TaskInfo}s drawn from an offer's
 * resources, {@code TaskStatus} to {@link TaskStatusUpdate}, operator agents to {@link AgentView}s.
 */
final class MesosTranslation {

    static final String CPUS = "cpus";
    static final String MEM = "mem";
    static final String DISK = "disk";
    static final String PORTS = "ports";
    static final String LABEL_JOB = "borealis.job";
    static final String LABEL_INSTANCE = "borealis.instance";

    private MesosTranslation() {}

    // ---- offers -------------------------------------------------------------------------------

    /** An offer as the scheduler sees it: plain cpus/mem/disk and ports, attributes as text. */
    static ResourceOffer resourceOffer(Offer offer) {
        return new ResourceOffer(
                offer.id().value(),
                offer.agentId().value(),
                offer.hostname(),
                attributes(offer.attributeList()),
                scalars(offer.resourceList()),
                ports(offer.resourceList()));
    }

    /** Cpus, mem and disk (MB) of plain resources; fractions of MB are dropped. */
    static Resources scalars(List<Resource> resources) {
        double cpus = 0;
        double mem = 0;
        double disk = 0;
        for (Resource resource : resources) {
            if (resource.type() != ValueType.SCALAR || !resource.isPlain()) {
                continue;
            }
            switch (resource.name()) {
                case CPUS -> cpus += resource.scalarValue();
                case MEM -> mem += resource.scalarValue();
                case DISK -> disk += resource.scalarValue();
                default -> {}
            }
        }
        return new Resources(
                Math.round(cpus * 1000) / 1000.0, (long) Math.floor(mem + 1e-9), (long) Math.floor(disk + 1e-9));
    }

    /** The port ranges of plain {@code ports} resources, merged, limited to 1-65535. */
    static List<PortRange> ports(List<Resource> resources) {
        List<long[]> ranges = new ArrayList<>();
        for (Resource resource : resources) {
            if (!PORTS.equals(resource.name()) || resource.type() != ValueType.RANGES || !resource.isPlain()) {
                continue;
            }
            for (Range range : resource.rangeList()) {
                if (range.begin() == null || range.end() == null) {
                    continue;
                }
                long begin = Math.max(1, range.begin());
                long end = Math.min(65535, range.end());
                if (begin <= end) {
                    ranges.add(new long[] {begin, end});
                }
            }
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        List<PortRange> merged = new ArrayList<>();
        long[] current = null;
        for (long[] range : ranges) {
            if (current != null && range[0] <= current[1] + 1) {
                current[1] = Math.max(current[1], range[1]);
            } else {
                if (current != null) {
                    merged.add(new PortRange((int) current[0], (int) current[1]));
                }
                current = range.clone();
            }
        }
        if (current != null) {
            merged.add(new PortRange((int) current[0], (int) current[1]));
        }
        return merged;
    }

    /**
     * Attributes as text: TEXT as is, SCALAR as a plain number ({@code 3}, {@code 2.5}), RANGES as
     * {@code [1-5,7-7]}, SET as {@code {a,b}} (the Mesos text forms). The first of repeated names wins.
     */
    static Map<String, String> attributes(List<Attribute> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Attribute attribute : attributes) {
            if (attribute.name() == null || values.containsKey(attribute.name())) {
                continue;
            }
            String value = attributeText(attribute);
            if (value != null) {
                values.put(attribute.name(), value);
            }
        }
        return values;
    }

    static String attributeText(Attribute attribute) {
        if (attribute.type() == null) {
            return null;
        }
        return switch (attribute.type()) {
            case TEXT -> attribute.text() == null ? null : attribute.text().value();
            case SCALAR ->
                attribute.scalar() == null || attribute.scalar().value() == null
                        ? null
                        : number(attribute.scalar().value());
            case RANGES ->
                attribute.ranges() == null || attribute.ranges().range() == null
                        ? null
                        : attribute.ranges().range().stream()
                                .map(r -> r.begin() + "-" + r.end())
                                .collect(Collectors.joining(",", "[", "]"));
            case SET ->
                attribute.set() == null || attribute.set().item() == null
                        ? null
                        : String.join(",", attribute.set().item()).transform(s -> "{" + s + "}");
            case UNKNOWN -> null;
        };
    }

    /** A double as short plain text: 3.0 as {@code 3}, 2.50 as {@code 2.5}. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    // ---- launches -----------------------------------------------------------------------------

    /**
     * The TaskInfos for launches on one offer. Each task's cpus, mem and disk are taken from the
     * offer's plain resource entries (keeping their role, allocation and reservation), cumulatively
     * across the tasks; its ports are exactly the assigned ones, as ranges of the offer's ports entry
     * that holds them. A task that asks for more than the offer has is sent as asked: the master then
     * answers TASK_ERROR, which is the truth.
     */
    static List<TaskInfo> taskInfos(Offer offer, List<TaskLaunch> launches) {
        Remaining remaining = new Remaining(offer.resourceList());
        List<TaskInfo> infos = new ArrayList<>(launches.size());
        for (TaskLaunch launch : launches) {
            infos.add(taskInfo(offer, launch, remaining));
        }
        return infos;
    }

    private static TaskInfo taskInfo(Offer offer, TaskLaunch launch, Remaining remaining) {
        TaskConfig config = launch.config();
        List<Resource> resources = new ArrayList<>();
        resources.addAll(remaining.take(CPUS, config.resources().cpus()));
        resources.addAll(remaining.take(MEM, config.resources().ramMb()));
        resources.addAll(remaining.take(DISK, config.resources().diskMb()));
        resources.addAll(remaining.ports(launch.ports().values()));
        Map<String, String> environment = environment(launch);
        Mesos.Environment env = new Mesos.Environment(environment.entrySet().stream()
                .map(e -> new Mesos.Variable(e.getKey(), e.getValue()))
                .toList());
        return new TaskInfo(
                launch.job() + "/" + launch.instanceId(),
                new Mesos.Id(launch.taskId()),
                offer.agentId(),
                resources,
                Mesos.CommandInfo.shell(launchScript(config.processes()), env),
                healthCheck(config.healthCheck(), launch.ports(), env),
                new Mesos.KillPolicy(new Mesos.DurationInfo(config.killGracePeriodSeconds() * 1_000_000_000L)),
                new Mesos.Labels(List.of(
                        new Mesos.Label(LABEL_JOB, launch.job().toString()),
                        new Mesos.Label(LABEL_INSTANCE, Integer.toString(launch.instanceId())))));
    }

    /**
     * The task's environment: its configured variables, then (winning over them) BOREALIS_TASK_ID,
     * BOREALIS_JOB, BOREALIS_INSTANCE, BOREALIS_PORT_&lt;NAME&gt; per port (upper case, '-' as '_') and
     * PORT for the first port, as the local driver sets them.
     */
    static Map<String, String> environment(TaskLaunch launch) {
        Map<String, String> environment =
                new LinkedHashMap<>(new java.util.TreeMap<>(launch.config().environment()));
        environment.put("BOREALIS_TASK_ID", launch.taskId());
        environment.put("BOREALIS_JOB", launch.job().toString());
        environment.put("BOREALIS_INSTANCE", Integer.toString(launch.instanceId()));
        List<String> names = launch.config().ports();
        for (String name : names) {
            Integer port = launch.ports().get(name);
            if (port != null) {
                environment.put(portVariable(name), Integer.toString(port));
            }
        }
        if (!names.isEmpty() && launch.ports().get(names.get(0)) != null) {
            environment.put("PORT", Integer.toString(launch.ports().get(names.get(0))));
        }
        return environment;
    }

    static String portVariable(String portName) {
        return "BOREALIS_PORT_" + portName.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * The shell script Mesos runs with {@code /bin/sh -c}: each process in its own {@code sh -c}, in
     * order, stopping at the first that fails ({@code set -e}); the last one is exec'ed so that the
     * kill signal reaches it directly.
     */
    static String launchScript(List<ProcessSpec> processes) {
        StringBuilder script = new StringBuilder("set -e\n");
        for (int i = 0; i < processes.size(); i++) {
            boolean last = i == processes.size() - 1;
            script.append(last ? "exec " : "")
                    .append("/bin/sh -c ")
                    .append(shellQuote(processes.get(i).command()))
                    .append('\n');
        }
        return script.toString();
    }

    /** Single-quotes text for sh: {@code it's} becomes {@code 'it'\''s'}. */
    static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Mesos' health check for the task's, or null. HTTP checks use the named port's number. */
    static Mesos.HealthCheck healthCheck(HealthCheck check, Map<String, Integer> ports, Mesos.Environment env) {
        if (check == null || check.kind() == null) {
            return null;
        }
        double interval = check.intervalSeconds();
        double timeout = check.timeoutSeconds();
        double grace = check.gracePeriodSeconds();
        int failures = check.consecutiveFailures();
        return switch (check.kind()) {
            case HTTP -> {
                Integer port = ports.get(check.port());
                yield port == null
                        ? null
                        : new Mesos.HealthCheck(
                                "HTTP",
                                null,
                                new Mesos.HttpCheckInfo(port, check.path()),
                                0.0,
                                interval,
                                timeout,
                                failures,
                                grace);
            }
            case COMMAND ->
                new Mesos.HealthCheck(
                        "COMMAND",
                        Mesos.CommandInfo.shell(check.command(), env),
                        null,
                        0.0,
                        interval,
                        timeout,
                        failures,
                        grace);
        };
    }

    /** What is left of an offer while tasks are carved out of it, in thousandths for scalars. */
    private static final class Remaining {

        private final List<Resource> entries;
        private final long[] left;

        Remaining(List<Resource> resources) {
            this.entries = resources.stream().filter(Resource::isPlain).toList();
            this.left = new long[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                left[i] = Math.round(entries.get(i).scalarValue() * 1000);
            }
        }

        List<Resource> take(String name, double amount) {
            long need = Math.round(amount * 1000);
            if (need <= 0) {
                return List.of();
            }
            List<Resource> taken = new ArrayList<>();
            int first = -1;
            for (int i = 0; i < entries.size() && need > 0; i++) {
                Resource entry = entries.get(i);
                if (!name.equals(entry.name()) || entry.type() != ValueType.SCALAR) {
                    continue;
                }
                first = first < 0 ? i : first;
                long part = Math.min(need, left[i]);
                if (part > 0) {
                    taken.add(entry.withScalar(part / 1000.0));
                    left[i] -= part;
                    need -= part;
                }
            }
            if (need > 0) {
                // more than the offer has: ask anyway and let the master refuse it with TASK_ERROR
                Resource template = first >= 0 ? entries.get(first) : Resource.scalar(name, 0);
                taken.add(template.withScalar(need / 1000.0));
            }
            return taken;
        }

        List<Resource> ports(java.util.Collection<Integer> assigned) {
            if (assigned.isEmpty()) {
                return List.of();
            }
            Map<Integer, List<Long>> byEntry = new LinkedHashMap<>();
            int fallback = -1;
            for (int port : new TreeSet<>(assigned)) {
                int holder = -1;
                for (int i = 0; i < entries.size(); i++) {
                    Resource entry = entries.get(i);
                    if (!PORTS.equals(entry.name()) || entry.type() != ValueType.RANGES) {
                        continue;
                    }
                    fallback = fallback < 0 ? i : fallback;
                    if (entry.rangeList().stream().anyMatch(r -> r.begin() <= port && port <= r.end())) {
                        holder = i;
                        break;
                    }
                }
                byEntry.computeIfAbsent(holder, k -> new ArrayList<>()).add((long) port);
            }
            List<Resource> taken = new ArrayList<>();
            for (Map.Entry<Integer, List<Long>> group : byEntry.entrySet()) {
                int index = group.getKey() >= 0 ? group.getKey() : fallback;
                Resource template = index >= 0 ? entries.get(index) : Resource.ranges(PORTS, List.of());
                taken.add(template.withRanges(rangesOf(group.getValue())));
            }
            return taken;
        }
    }

    /** Sorted distinct ports as inclusive ranges: 31000, 31001, 31005 become [31000-31001], [31005-31005]. */
    static List<Range> rangesOf(List<Long> ports) {
        List<Range> ranges = new ArrayList<>();
        long begin = -1;
        long end = -1;
        for (long port : new TreeSet<>(ports)) {
            if (begin >= 0 && port == end + 1) {
                end = port;
                continue;
            }
            if (begin >= 0) {
                ranges.add(new Range(begin, end));
            }
            begin = port;
            end = port;
        }
        if (begin >= 0) {
            ranges.add(new Range(begin, end));
        }
        return ranges;
    }

    // ---- status updates -----------------------------------------------------------------------

    /** A Mesos TaskStatus as a port update; the ack token is the uuid exactly as sent (or null). */
    static TaskStatusUpdate statusUpdate(TaskStatus status, Instant receivedAt) {
        ClusterTaskState state = taskState(status.state());
        String message = status.message();
        if (state == ClusterTaskState.UNKNOWN && status.state() != null && !"TASK_UNKNOWN".equals(status.state())) {
            message = "unrecognised Mesos task state " + status.state() + (message == null ? "" : ": " + message);
        }
        return new TaskStatusUpdate(
                Mesos.Id.valueOf(status.taskId()),
                Mesos.Id.valueOf(status.agentId()),
                state,
                message,
                status.reason(),
                status.healthy(),
                status.timestamp() == null ? receivedAt : instant(status.timestamp()),
                status.uuid() == null || status.uuid().isEmpty() ? null : status.uuid());
    }

    /** {@code TASK_RUNNING} as RUNNING; names this code does not know as UNKNOWN. */
    static ClusterTaskState taskState(String mesosState) {
        if (mesosState == null || !mesosState.startsWith("TASK_")) {
            return ClusterTaskState.UNKNOWN;
        }
        try {
            return ClusterTaskState.valueOf(mesosState.substring("TASK_".length()));
        } catch (IllegalArgumentException e) {
            return ClusterTaskState.UNKNOWN;
        }
    }

    /** Epoch seconds (a double, as Mesos sends them) to an instant, to the microsecond. */
    static Instant instant(double epochSeconds) {
        long micros = Math.round(epochSeconds * 1_000_000);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }

    // ---- agents -------------------------------------------------------------------------------

    /**
     * An agent for the cluster page: capacity from its total resources, allocation and task count
     * from this framework's live tasks on it (all frameworks' allocation when no framework id yet).
     */
    static AgentView agentView(MasterCall.Agent agent, List<MasterCall.Task> ourTasks, boolean haveFramework) {
        MasterCall.AgentInfo info = agent.agentInfo();
        String agentId = info.id().value();
        List<Resource> total = agent.totalResources() != null
                ? agent.totalResources()
                : info.resources() == null ? List.of() : info.resources();
        Resources allocated;
        int running = 0;
        if (haveFramework) {
            allocated = Resources.NONE;
            for (MasterCall.Task task : ourTasks) {
                if (task.agentId() == null || !agentId.equals(task.agentId().value())) {
                    continue;
                }
                if (taskState(task.state()).isTerminal()) {
                    continue;
                }
                allocated = allocated.plus(scalars(task.resources() == null ? List.of() : task.resources()));
                running++;
            }
        } else {
            allocated = scalars(agent.allocatedResources() == null ? List.of() : agent.allocatedResources());
        }
        return new AgentView(
                agentId,
                info.hostname(),
                attributes(info.attributes() == null ? List.of() : info.attributes()),
                scalars(total),
                allocated,
                ports(total),
                Boolean.TRUE.equals(agent.active()),
                running);
    }
}
