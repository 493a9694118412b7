package io.borealis.cluster.local;

import io.borealis.job.HealthCheck;
import io.borealis.job.ProcessSpec;
import io.borealis.job.Resources;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's {@code task.json}: everything a restarted Borealis needs to adopt the task's
 * process (which process, started when, to guard against PID reuse) and to keep looking after it
 * (health check, kill grace period, what it holds, how to name a failing process).
 *
 * @param taskId the scheduler's task id
 * @param agent the virtual agent it runs on
 * @param job the job key, {@code team/environment/name}
 * @param instance the instance number
 * @param pid the wrapper process's id
 * @param processStart when the OS says the wrapper started (null where the OS does not tell)
 * @param launchedAt when Borealis launched it
 * @param resources what it holds on the agent
 * @param ports its named ports, in the job's order (the first is {@code PORT})
 * @param environment the job's own environment variables
 * @param processes what the wrapper runs, in order
 * @param healthCheck the health check, or null
 * @param killGracePeriodSeconds how long a kill waits before the forced signal
 */
record TaskManifest(
        String taskId,
        String agent,
        String job,
        int instance,
        long pid,
        Instant processStart,
        Instant launchedAt,
        Resources resources,
        List<AssignedPort> ports,
        Map<String, String> environment,
        List<ProcessSpec> processes,
        HealthCheck healthCheck,
        int killGracePeriodSeconds) {

    /** A named port and the number assigned to it. */
    record AssignedPort(String name, int port) {}

    TaskManifest {
        ports = ports == null ? List.of() : List.copyOf(ports);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        processes = processes == null ? List.of() : List.copyOf(processes);
        resources = resources == null ? Resources.NONE : resources;
    }

    List<Integer> portNumbers() {
        return ports.stream().map(AssignedPort::port).toList();
    }

    /** The port number assigned to a port name, or null. */
    Integer port(String name) {
        return ports.stream()
                .filter(port -> port.name().equals(name))
                .map(AssignedPort::port)
                .findFirst()
                .orElse(null);
    }

    TaskManifest withProcess(long newPid, Instant newProcessStart) {
        return new TaskManifest(
                taskId,
                agent,
                job,
                instance,
                newPid,
                newProcessStart,
                launchedAt,
                resources,
                ports,
                environment,
                processes,
                healthCheck,
                killGracePeriodSeconds);
    }
}
