package io.borealis.job;

import java.util.List;
import java.util.Map;

/**
 * What every instance of a job runs, and with what.
 *
 * @param processes run one after another in the task's sandbox
 * @param resources cpus, memory and disk each task needs
 * @param ports names of the ports each task needs; numbers are assigned at launch and given to the
 *     task as {@code BOREALIS_PORT_<NAME>} (and {@code PORT} for the first)
 * @param environment extra environment variables
 * @param constraints where tasks may run
 * @param healthCheck optional; a task with one counts as RUNNING only once it is healthy
 * @param maxTaskFailures for adhoc jobs, how many failed runs an instance may have (-1: unlimited)
 * @param tier production (counts against quota) or preemptible
 * @param killGracePeriodSeconds how long a kill waits between the polite and the forced signal
 * @param owner who to contact about the job (free text, usually an email address)
 * @param metadata free-form key/value pairs shown with the job
 */
public record TaskConfig(
        List<ProcessSpec> processes,
        Resources resources,
        List<String> ports,
        Map<String, String> environment,
        List<Constraint> constraints,
        HealthCheck healthCheck,
        int maxTaskFailures,
        Tier tier,
        int killGracePeriodSeconds,
        String owner,
        Map<String, String> metadata) {

    public TaskConfig {
        processes = processes == null ? List.of() : List.copyOf(processes);
        ports = ports == null ? List.of() : List.copyOf(ports);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        tier = tier == null ? Tier.PREFERRED : tier;
    }

    /** A one-process config with defaults for everything else; the builder-like withers refine it. */
    public static TaskConfig of(String command, Resources resources) {
        return new TaskConfig(
                List.of(new ProcessSpec("main", command)),
                resources,
                List.of(),
                Map.of(),
                List.of(),
                null,
                1,
                Tier.PREFERRED,
                10,
                null,
                Map.of());
    }

    public TaskConfig withPorts(List<String> newPorts) {
        return new TaskConfig(
                processes,
                resources,
                newPorts,
                environment,
                constraints,
                healthCheck,
                maxTaskFailures,
                tier,
                killGracePeriodSeconds,
                owner,
                metadata);
    }

    public TaskConfig withHealthCheck(HealthCheck check) {
        return new TaskConfig(
                processes,
                resources,
                ports,
                environment,
                constraints,
                check,
                maxTaskFailures,
                tier,
                killGracePeriodSeconds,
                owner,
                metadata);
    }

    public TaskConfig withConstraints(List<Constraint> newConstraints) {
        return new TaskConfig(
                processes,
                resources,
                ports,
                environment,
                newConstraints,
                healthCheck,
                maxTaskFailures,
                tier,
                killGracePeriodSeconds,
                owner,
                metadata);
    }

    public TaskConfig withEnvironment(Map<String, String> newEnvironment) {
        return new TaskConfig(
                processes,
                resources,
                ports,
                newEnvironment,
                constraints,
                healthCheck,
                maxTaskFailures,
                tier,
                killGracePeriodSeconds,
                owner,
                metadata);
    }

    public TaskConfig withMaxTaskFailures(int failures) {
        return new TaskConfig(
                processes,
                resources,
                ports,
                environment,
                constraints,
                healthCheck,
                failures,
                tier,
                killGracePeriodSeconds,
                owner,
                metadata);
    }

    public TaskConfig withTier(Tier newTier) {
        return new TaskConfig(
                processes,
                resources,
                ports,
                environment,
                constraints,
                healthCheck,
                maxTaskFailures,
                newTier,
                killGracePeriodSeconds,
                owner,
                metadata);
    }

    public TaskConfig withResources(Resources newResources) {
        return new TaskConfig(
                processes,
                newResources,
                ports,
                environment,
                constraints,
                healthCheck,
                maxTaskFailures,
                tier,
                killGracePeriodSeconds,
                owner,
                metadata);
    }

    public TaskConfig withProcesses(List<ProcessSpec> newProcesses) {
        return new TaskConfig(
                newProcesses,
                resources,
                ports,
                environment,
                constraints,
                healthCheck,
                maxTaskFailures,
                tier,
                killGracePeriodSeconds,
                owner,
                metadata);
    }

    public TaskConfig withKillGracePeriod(int seconds) {
        return new TaskConfig(
                processes,
                resources,
                ports,
                environment,
                constraints,
                healthCheck,
                maxTaskFailures,
                tier,
                seconds,
                owner,
                metadata);
    }

    public TaskConfig withOwner(String newOwner, Map<String, String> newMetadata) {
        return new TaskConfig(
                processes,
                resources,
                ports,
                environment,
                constraints,
                healthCheck,
                maxTaskFailures,
                tier,
                killGracePeriodSeconds,
                newOwner,
                newMetadata);
    }
}
