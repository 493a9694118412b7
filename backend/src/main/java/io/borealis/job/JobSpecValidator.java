package io.borealis.job;

import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every field of a job spec (pure). Each problem names the field as the API does (for
 * example {@code task.resources.cpus} or {@code task.processes[1].command}) and says what is
 * allowed, so that forms can show it next to the field.
 */
public final class JobSpecValidator {

    static final Pattern PROCESS_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    static final Pattern PORT_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final Pattern ATTRIBUTE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public static final int MAX_PROCESSES = 20;
    public static final int MAX_PORTS = 16;
    public static final int MAX_ENVIRONMENT = 100;
    public static final int MAX_METADATA = 50;
    public static final int MAX_COMMAND = 8192;

    private final JobLimits limits;

    public JobSpecValidator(JobLimits limits) {
        this.limits = limits;
    }

    /** Throws {@link InvalidInputException} with every problem, or returns the spec unchanged. */
    public JobSpec requireValid(JobSpec spec) {
        List<FieldProblem> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return spec;
    }

    /** Every problem with a whole spec, in field order. */
    public List<FieldProblem> problems(JobSpec spec) {
        List<FieldProblem> problems = new ArrayList<>();
        if (spec == null) {
            problems.add(new FieldProblem("spec", "is required"));
            return problems;
        }
        if (spec.key() == null) {
            problems.add(new FieldProblem("key", "is required: team, environment and name"));
        } else {
            problems.addAll(JobKey.problems(
                    spec.key().team(), spec.key().environment(), spec.key().name(), "key."));
        }
        if (spec.kind() == null) {
            problems.add(new FieldProblem("kind", "is required: SERVICE or ADHOC"));
        }
        problems.addAll(instanceProblems(spec.instances()));
        if (spec.task() == null) {
            problems.add(new FieldProblem("task", "is required"));
        } else {
            problems.addAll(taskProblems(spec.task(), "task."));
        }
        return problems;
    }

    /** Problems with an instance count. */
    public List<FieldProblem> instanceProblems(int instances) {
        if (instances < 1 || instances > limits.maxInstances()) {
            return List.of(new FieldProblem("instances", "must be between 1 and " + limits.maxInstances()));
        }
        return List.of();
    }

    /** Every problem with a task configuration, fields prefixed (e.g. {@code task.}). */
    public List<FieldProblem> taskProblems(TaskConfig task, String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        processes(task.processes(), prefix, problems);
        resources(task.resources(), prefix, problems);
        Set<String> portNames = ports(task.ports(), prefix, problems);
        environment(task.environment(), prefix, problems);
        constraints(task.constraints(), prefix, problems);
        if (task.healthCheck() != null) {
            healthCheck(task.healthCheck(), portNames, prefix + "healthCheck.", problems);
        }
        if (task.maxTaskFailures() < -1 || task.maxTaskFailures() > 100) {
            problems.add(new FieldProblem(
                    prefix + "maxTaskFailures", "must be between 0 and 100, or -1 for unlimited retries"));
        }
        if (task.killGracePeriodSeconds() < 0 || task.killGracePeriodSeconds() > 600) {
            problems.add(new FieldProblem(prefix + "killGracePeriodSeconds", "must be between 0 and 600 seconds"));
        }
        if (task.owner() != null && task.owner().length() > 254) {
            problems.add(new FieldProblem(prefix + "owner", "must be at most 254 characters"));
        }
        metadata(task.metadata(), prefix, problems);
        return problems;
    }

    private static void processes(List<ProcessSpec> processes, String prefix, List<FieldProblem> problems) {
        if (processes.isEmpty()) {
            problems.add(new FieldProblem(prefix + "processes", "needs at least one process with a command"));
            return;
        }
        if (processes.size() > MAX_PROCESSES) {
            problems.add(new FieldProblem(prefix + "processes", "must be at most " + MAX_PROCESSES + " processes"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < processes.size(); i++) {
            ProcessSpec process = processes.get(i);
            String field = prefix + "processes[" + i + "].";
            if (process == null) {
                problems.add(new FieldProblem(field.substring(0, field.length() - 1), "is empty"));
                continue;
            }
            if (process.name() == null || !PROCESS_NAME.matcher(process.name()).matches()) {
                problems.add(
                        new FieldProblem(
                                field + "name",
                                "must be 1-32 characters: a lower-case letter or digit first, then lower-case letters, digits, '_' or '-'"));
            } else if (!names.add(process.name())) {
                problems.add(new FieldProblem(field + "name", "'" + process.name() + "' is used by another process"));
            }
            if (process.command() == null || process.command().isBlank()) {
                problems.add(new FieldProblem(field + "command", "is required"));
            } else if (process.command().length() > MAX_COMMAND) {
                problems.add(new FieldProblem(field + "command", "must be at most " + MAX_COMMAND + " characters"));
            } else if (process.command().indexOf('\0') >= 0) {
                problems.add(new FieldProblem(field + "command", "must not contain NUL characters"));
            }
        }
    }

    private void resources(Resources resources, String prefix, List<FieldProblem> problems) {
        String field = prefix + "resources.";
        if (resources == null) {
            problems.add(new FieldProblem(prefix + "resources", "are required: cpus, ramMb and diskMb"));
            return;
        }
        if (!(resources.cpus() >= 0.01)
                || resources.cpus() > limits.maxCpusPerTask()
                || Double.isNaN(resources.cpus())) {
            problems.add(new FieldProblem(
                    field + "cpus", "must be between 0.01 and " + format(limits.maxCpusPerTask()) + " cores"));
        }
        if (resources.ramMb() < 4 || resources.ramMb() > limits.maxRamMbPerTask()) {
            problems.add(
                    new FieldProblem(field + "ramMb", "must be between 4 and " + limits.maxRamMbPerTask() + " MB"));
        }
        if (resources.diskMb() < 1 || resources.diskMb() > limits.maxDiskMbPerTask()) {
            problems.add(
                    new FieldProblem(field + "diskMb", "must be between 1 and " + limits.maxDiskMbPerTask() + " MB"));
        }
    }

    private static Set<String> ports(List<String> ports, String prefix, List<FieldProblem> problems) {
        Set<String> names = new HashSet<>();
        if (ports.size() > MAX_PORTS) {
            problems.add(new FieldProblem(prefix + "ports", "must be at most " + MAX_PORTS + " ports"));
        }
        for (int i = 0; i < ports.size(); i++) {
            String port = ports.get(i);
            String field = prefix + "ports[" + i + "]";
            if (port == null || !PORT_NAME.matcher(port).matches()) {
                problems.add(
                        new FieldProblem(
                                field,
                                "must be 1-32 characters: a lower-case letter first, then lower-case letters, digits, '_' or '-'"));
            } else if (!names.add(port)) {
                problems.add(new FieldProblem(field, "'" + port + "' is named twice"));
            }
        }
        return names;
    }

    private static void environment(Map<String, String> environment, String prefix, List<FieldProblem> problems) {
        if (environment.size() > MAX_ENVIRONMENT) {
            problems.add(
                    new FieldProblem(prefix + "environment", "must have at most " + MAX_ENVIRONMENT + " variables"));
        }
        environment.keySet().stream().sorted().forEach(name -> {
            String field = prefix + "environment." + name;
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add(new FieldProblem(
                        field, "is not a valid variable name: letters, digits and '_', not starting with a digit"));
            } else if (name.startsWith("BOREALIS_") || name.equals("PORT")) {
                problems.add(new FieldProblem(field, "is set by Borealis itself (BOREALIS_* and PORT are reserved)"));
            }
            String value = environment.get(name);
            if (value == null) {
                problems.add(new FieldProblem(field, "needs a value"));
            } else if (value.length() > 4096) {
                problems.add(new FieldProblem(field, "must be at most 4096 characters"));
            } else if (value.indexOf('\0') >= 0) {
                problems.add(new FieldProblem(field, "must not contain NUL characters"));
            }
        });
    }

    private static void constraints(List<Constraint> constraints, String prefix, List<FieldProblem> problems) {
        for (int i = 0; i < constraints.size(); i++) {
            Constraint constraint = constraints.get(i);
            String field = prefix + "constraints[" + i + "].";
            if (constraint == null) {
                problems.add(new FieldProblem(field.substring(0, field.length() - 1), "is empty"));
                continue;
            }
            if (constraint.attribute() == null
                    || !ATTRIBUTE.matcher(constraint.attribute()).matches()) {
                problems.add(
                        new FieldProblem(field + "attribute", "must be an agent attribute name such as rack or host"));
            }
            if (constraint.kind() == null) {
                problems.add(new FieldProblem(field + "kind", "is required: VALUE or LIMIT"));
            } else if (constraint.kind() == Constraint.Kind.VALUE
                    && (constraint.values().isEmpty()
                            || constraint.values().stream().anyMatch(v -> v == null || v.isBlank()))) {
                problems.add(new FieldProblem(field + "values", "needs at least one value, none blank"));
            } else if (constraint.kind() == Constraint.Kind.LIMIT
                    && (constraint.limit() < 1 || constraint.limit() > 10_000)) {
                problems.add(
                        new FieldProblem(field + "limit", "must be between 1 and 10000 tasks per attribute value"));
            }
        }
    }

    private static void healthCheck(
            HealthCheck check, Set<String> portNames, String field, List<FieldProblem> problems) {
        if (check.kind() == null) {
            problems.add(new FieldProblem(field + "kind", "is required: HTTP or COMMAND"));
        } else if (check.kind() == HealthCheck.Kind.HTTP) {
            if (check.port() == null || !portNames.contains(check.port())) {
                problems.add(new FieldProblem(
                        field + "port",
                        "must name one of the task's ports "
                                + portNames.stream().sorted().toList()));
            }
            if (check.path() == null
                    || !check.path().startsWith("/")
                    || check.path().length() > 1024
                    || check.path().chars().anyMatch(Character::isWhitespace)) {
                problems.add(new FieldProblem(
                        field + "path", "must be a URL path starting with '/' (no spaces), e.g. /health"));
            }
        } else if (check.command() == null || check.command().isBlank()) {
            problems.add(new FieldProblem(field + "command", "is required for a command health check"));
        } else if (check.command().length() > MAX_COMMAND) {
            problems.add(new FieldProblem(field + "command", "must be at most " + MAX_COMMAND + " characters"));
        }
        if (check.intervalSeconds() < 1 || check.intervalSeconds() > 3600) {
            problems.add(new FieldProblem(field + "intervalSeconds", "must be between 1 and 3600"));
        }
        if (check.timeoutSeconds() < 1 || check.timeoutSeconds() > 300) {
            problems.add(new FieldProblem(field + "timeoutSeconds", "must be between 1 and 300"));
        }
        if (check.gracePeriodSeconds() < 0 || check.gracePeriodSeconds() > 3600) {
            problems.add(new FieldProblem(field + "gracePeriodSeconds", "must be between 0 and 3600"));
        }
        if (check.consecutiveFailures() < 1 || check.consecutiveFailures() > 100) {
            problems.add(new FieldProblem(field + "consecutiveFailures", "must be between 1 and 100"));
        }
    }

    private static void metadata(Map<String, String> metadata, String prefix, List<FieldProblem> problems) {
        if (metadata.size() > MAX_METADATA) {
            problems.add(new FieldProblem(prefix + "metadata", "must have at most " + MAX_METADATA + " entries"));
        }
        metadata.keySet().stream().sorted().forEach(key -> {
            if (!METADATA_KEY.matcher(key).matches()) {
                problems.add(new FieldProblem(
                        prefix + "metadata." + key, "key must be 1-64 letters, digits, '.', '_' or '-'"));
            } else if (metadata.get(key) == null || metadata.get(key).length() > 1024) {
                problems.add(new FieldProblem(prefix + "metadata." + key, "value must be 0-1024 characters"));
            }
        });
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
