package io.borealis.cluster.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The environment a task's processes (and its command health check) see: a few harmless variables
 * of Borealis's own environment (PATH, HOME, locale...; never its secrets such as database
 * passwords), then the job's variables, then what Borealis tells the task about itself:
 * {@code BOREALIS_TASK_ID}, {@code BOREALIS_INSTANCE}, {@code BOREALIS_JOB}, {@code BOREALIS_AGENT},
 * {@code BOREALIS_SANDBOX}, {@code BOREALIS_PORT_<NAME>} per port and {@code PORT} for the first.
 */
final class TaskEnvironment {

    /** What is passed on from Borealis's environment (plus every {@code LC_*}). */
    static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "TZ", "TMPDIR");

    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private TaskEnvironment() {}

    static Map<String, String> build(TaskManifest task, Path sandbox, Map<String, String> host) {
        Map<String, String> env = new LinkedHashMap<>();
        host.forEach((name, value) -> {
            if (INHERITED.contains(name) || name.startsWith("LC_")) {
                env.put(name, value);
            }
        });
        env.putIfAbsent("PATH", DEFAULT_PATH);
        env.putAll(task.environment());
        env.put("BOREALIS_TASK_ID", task.taskId());
        env.put("BOREALIS_INSTANCE", Integer.toString(task.instance()));
        env.put("BOREALIS_JOB", task.job());
        env.put("BOREALIS_AGENT", task.agent());
        env.put("BOREALIS_SANDBOX", sandbox.toString());
        for (TaskManifest.AssignedPort port : task.ports()) {
            env.put(portVariable(port.name()), Integer.toString(port.port()));
        }
        if (!task.ports().isEmpty()) {
            env.put("PORT", Integer.toString(task.ports().getFirst().port()));
        }
        return env;
    }

    /** {@code http-admin} becomes {@code BOREALIS_PORT_HTTP_ADMIN}. */
    static String portVariable(String portName) {
        return "BOREALIS_PORT_" + portName.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
