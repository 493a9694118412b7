package io.borealis.job.spec;

import io.borealis.job.Constraint;
import io.borealis.job.HealthCheck;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.ProcessSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.job.Tier;
import java.util.List;
import java.util.Map;

/**
 * The document form of a job spec. Every field is optional here, so that a missing one gets its
 * default (or is reported by the validator) instead of silently becoming zero.
 */
public record JobSpecDocument(Key key, JobKind kind, Integer instances, Task task) {

    /** Defaults for fields a document leaves out. */
    public static final int DEFAULT_MAX_TASK_FAILURES = 1;

    public static final int DEFAULT_KILL_GRACE_SECONDS = 10;

    /** The spec this document describes, defaults filled in (not validated). */
    public JobSpec toSpec() {
        return new JobSpec(
                key == null ? null : key.toDomain(),
                kind,
                task == null ? null : task.toDomain(),
                instances == null ? 0 : instances);
    }

    public static JobSpecDocument of(JobSpec spec) {
        return new JobSpecDocument(Key.of(spec.key()), spec.kind(), spec.instances(), Task.of(spec.task()));
    }

    /** The job key: team, environment and name. */
    public record Key(String team, String environment, String name) {
        JobKey toDomain() {
            return new JobKey(team, environment, name);
        }

        static Key of(JobKey key) {
            return new Key(key.team(), key.environment(), key.name());
        }
    }

    /** A task configuration. */
    public record Task(
            List<ProcessSpec> processes,
            Amounts resources,
            List<String> ports,
            Map<String, String> environment,
            List<ConstraintEntry> constraints,
            Check healthCheck,
            Integer maxTaskFailures,
            Tier tier,
            Integer killGracePeriodSeconds,
            String owner,
            Map<String, String> metadata) {

        public TaskConfig toDomain() {
            return new TaskConfig(
                    processes,
                    resources == null ? null : resources.toDomain(),
                    ports,
                    environment,
                    constraints == null
                            ? null
                            : constraints.stream()
                                    .map(c -> c == null ? null : c.toDomain())
                                    .toList(),
                    healthCheck == null ? null : healthCheck.toDomain(),
                    maxTaskFailures == null ? DEFAULT_MAX_TASK_FAILURES : maxTaskFailures,
                    tier,
                    killGracePeriodSeconds == null ? DEFAULT_KILL_GRACE_SECONDS : killGracePeriodSeconds,
                    owner == null || owner.isBlank() ? null : owner.strip(),
                    metadata);
        }

        public static Task of(TaskConfig config) {
            return new Task(
                    config.processes(),
                    config.resources() == null ? null : Amounts.of(config.resources()),
                    config.ports(),
                    config.environment(),
                    config.constraints().stream().map(ConstraintEntry::of).toList(),
                    config.healthCheck() == null ? null : Check.of(config.healthCheck()),
                    config.maxTaskFailures(),
                    config.tier(),
                    config.killGracePeriodSeconds(),
                    config.owner(),
                    config.metadata());
        }
    }

    /** Resources: cpus (cores), ramMb, diskMb. */
    public record Amounts(Double cpus, Long ramMb, Long diskMb) {
        Resources toDomain() {
            return new Resources(cpus == null ? 0 : cpus, ramMb == null ? 0 : ramMb, diskMb == null ? 0 : diskMb);
        }

        static Amounts of(Resources resources) {
            return new Amounts(resources.cpus(), resources.ramMb(), resources.diskMb());
        }
    }

    /** A constraint: VALUE (values, negated) or LIMIT (limit). */
    public record ConstraintEntry(
            String attribute, Constraint.Kind kind, List<String> values, Boolean negated, Integer limit) {
        Constraint toDomain() {
            return new Constraint(attribute, kind, values, Boolean.TRUE.equals(negated), limit == null ? 0 : limit);
        }

        static ConstraintEntry of(Constraint constraint) {
            return constraint.kind() == Constraint.Kind.LIMIT
                    ? new ConstraintEntry(constraint.attribute(), constraint.kind(), null, null, constraint.limit())
                    : new ConstraintEntry(
                            constraint.attribute(), constraint.kind(), constraint.values(), constraint.negated(), null);
        }
    }

    /** A health check; timing fields default to 10 s interval, 5 s timeout, 30 s grace, 3 failures. */
    public record Check(
            HealthCheck.Kind kind,
            String port,
            String path,
            String command,
            Integer intervalSeconds,
            Integer timeoutSeconds,
            Integer gracePeriodSeconds,
            Integer consecutiveFailures) {
        HealthCheck toDomain() {
            return new HealthCheck(
                    kind,
                    port,
                    path,
                    command,
                    intervalSeconds == null ? 10 : intervalSeconds,
                    timeoutSeconds == null ? 5 : timeoutSeconds,
                    gracePeriodSeconds == null ? 30 : gracePeriodSeconds,
                    consecutiveFailures == null ? 3 : consecutiveFailures);
        }

        static Check of(HealthCheck check) {
            return new Check(
                    check.kind(),
                    check.port(),
                    check.path(),
                    check.command(),
                    check.intervalSeconds(),
                    check.timeoutSeconds(),
                    check.gracePeriodSeconds(),
                    check.consecutiveFailures());
        }
    }
}
