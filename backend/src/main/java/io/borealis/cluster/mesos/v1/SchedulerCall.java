package io.borealis.cluster.mesos.v1;

import io.borealis.cluster.mesos.v1.Mesos.FrameworkInfo;
import io.borealis.cluster.mesos.v1.Mesos.Id;
import io.borealis.cluster.mesos.v1.Mesos.KillPolicy;
import io.borealis.cluster.mesos.v1.Mesos.TaskInfo;
import java.util.List;

/**
 * {@code mesos.v1.scheduler.Call}: the envelope {@code {"framework_id":…, "type":…,
 * "<lower_snake_type>":{…}}} with exactly one sub-object set. Build calls with the static factories,
 * which set the type and the matching sub-object together.
 */
public record SchedulerCall(
        Id frameworkId,
        Type type,
        Subscribe subscribe,
        Accept accept,
        Decline decline,
        Revive revive,
        Suppress suppress,
        Kill kill,
        Acknowledge acknowledge,
        Reconcile reconcile) {

    /** {@code Call.Type}: the calls Borealis makes. */
    public enum Type {
        SUBSCRIBE,
        TEARDOWN,
        ACCEPT,
        DECLINE,
        REVIVE,
        KILL,
        ACKNOWLEDGE,
        RECONCILE,
        SUPPRESS
    }

    /** {@code Call.Subscribe}. */
    public record Subscribe(FrameworkInfo frameworkInfo, List<String> suppressedRoles) {}

    /** {@code Offer.Operation} (LAUNCH only). */
    public record Operation(String type, Launch launch) {

        public static Operation launch(List<TaskInfo> tasks) {
            return new Operation("LAUNCH", new Launch(tasks));
        }
    }

    /** {@code Offer.Operation.Launch}. */
    public record Launch(List<TaskInfo> taskInfos) {}

    /** {@code Call.Accept}. */
    public record Accept(List<Id> offerIds, List<Operation> operations, Mesos.Filters filters) {}

    /** {@code Call.Decline}. */
    public record Decline(List<Id> offerIds, Mesos.Filters filters) {}

    /** {@code Call.Revive}: the field is {@code roles}, an array (section 13 errata). */
    public record Revive(List<String> roles) {}

    /** {@code Call.Suppress}. */
    public record Suppress(List<String> roles) {}

    /** {@code Call.Kill}. */
    public record Kill(Id taskId, Id agentId, KillPolicy killPolicy) {}

    /** {@code Call.Acknowledge}: the uuid exactly as {@code TaskStatus.uuid} carried it. */
    public record Acknowledge(Id agentId, Id taskId, String uuid) {}

    /** {@code Call.Reconcile}: no tasks means implicit reconciliation. */
    public record Reconcile(List<ReconcileTask> tasks) {}

    /** {@code Call.Reconcile.Task}. */
    public record ReconcileTask(Id taskId, Id agentId) {}

    private static SchedulerCall of(String frameworkId, Type type) {
        return new SchedulerCall(Id.of(frameworkId), type, null, null, null, null, null, null, null, null);
    }

    /**
     * SUBSCRIBE; a re-subscription names the id in both places (top level and framework info), a
     * first subscription in neither.
     */
    public static SchedulerCall subscribe(FrameworkInfo info, String frameworkId, List<String> suppressedRoles) {
        FrameworkInfo named = info.withId(Id.of(frameworkId));
        return new SchedulerCall(
                Id.of(frameworkId),
                Type.SUBSCRIBE,
                new Subscribe(named, suppressedRoles),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public static SchedulerCall accept(
            String frameworkId, List<String> offerIds, List<TaskInfo> tasks, double refuseSeconds) {
        return new SchedulerCall(
                Id.of(frameworkId),
                Type.ACCEPT,
                null,
                new Accept(
                        offerIds.stream().map(Id::of).toList(),
                        List.of(Operation.launch(tasks)),
                        new Mesos.Filters(refuseSeconds)),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public static SchedulerCall decline(String frameworkId, List<String> offerIds, double refuseSeconds) {
        return new SchedulerCall(
                Id.of(frameworkId),
                Type.DECLINE,
                null,
                null,
                new Decline(offerIds.stream().map(Id::of).toList(), new Mesos.Filters(refuseSeconds)),
                null,
                null,
                null,
                null,
                null);
    }

    public static SchedulerCall revive(String frameworkId, List<String> roles) {
        return new SchedulerCall(
                Id.of(frameworkId), Type.REVIVE, null, null, null, new Revive(roles), null, null, null, null);
    }

    public static SchedulerCall suppress(String frameworkId, List<String> roles) {
        return new SchedulerCall(
                Id.of(frameworkId), Type.SUPPRESS, null, null, null, null, new Suppress(roles), null, null, null);
    }

    /** KILL; the agent and the kill policy are optional (null leaves them out). */
    public static SchedulerCall kill(String frameworkId, String taskId, String agentId, Long gracePeriodNanos) {
        KillPolicy policy = gracePeriodNanos == null ? null : new KillPolicy(new Mesos.DurationInfo(gracePeriodNanos));
        return new SchedulerCall(
                Id.of(frameworkId),
                Type.KILL,
                null,
                null,
                null,
                null,
                null,
                new Kill(Id.of(taskId), Id.of(agentId), policy),
                null,
                null);
    }

    public static SchedulerCall acknowledge(String frameworkId, String agentId, String taskId, String uuid) {
        return new SchedulerCall(
                Id.of(frameworkId),
                Type.ACKNOWLEDGE,
                null,
                null,
                null,
                null,
                null,
                null,
                new Acknowledge(Id.of(agentId), Id.of(taskId), uuid),
                null);
    }

    /** RECONCILE: explicit for the given tasks, implicit ({@code "reconcile":{}}) for none. */
    public static SchedulerCall reconcile(String frameworkId, List<ReconcileTask> tasks) {
        return new SchedulerCall(
                Id.of(frameworkId),
                Type.RECONCILE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Reconcile(tasks.isEmpty() ? null : List.copyOf(tasks)));
    }

    public static SchedulerCall teardown(String frameworkId) {
        return of(frameworkId, Type.TEARDOWN);
    }
}
