package io.borealis.scheduling;

import io.borealis.cluster.PortRange;
import io.borealis.cluster.ResourceOffer;
import io.borealis.job.Constraint;
import io.borealis.job.JobKey;
import io.borealis.job.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Places pending tasks on offers (pure).
 *
 * <p>Tasks with the same shape (job, resources, port count, constraints) are placed as a group,
 * spread round-robin over the offers that fit them, so that a job's instances land on different
 * agents when they can. An offer that cannot take one more task of a group is dropped for the rest
 * of that group, since free resources only shrink during a round: the work is linear in tasks plus
 * offers per group. Checks, in order: value constraints, limit constraints, cpus, memory, disk,
 * ports.
 *
 * <p>Every task left pending gets a reason that names, per class of agents (agents with the same
 * attributes, apart from {@code host}), which check failed and by how much.
 */
public final class Placement {

    private Placement() {}

    /** Places what fits; explains the rest. */
    public static PlacementResult place(List<PendingTask> tasks, List<ResourceOffer> offers, LimitCounts counts) {
        List<Slot> slots = offers.stream().map(Slot::new).toList();
        LimitLedger ledger = new LimitLedger(counts);
        Map<PendingTask.Shape, List<PendingTask>> groups = new LinkedHashMap<>();
        for (PendingTask task : tasks) {
            groups.computeIfAbsent(task.shape(), s -> new ArrayList<>()).add(task);
        }
        List<Assignment> assignments = new ArrayList<>();
        Map<String, String> reasons = new HashMap<>();
        for (List<PendingTask> group : groups.values()) {
            placeGroup(group, slots, ledger, assignments, reasons);
        }
        return new PlacementResult(assignments, reasons);
    }

    private static void placeGroup(
            List<PendingTask> group,
            List<Slot> slots,
            LimitLedger ledger,
            List<Assignment> assignments,
            Map<String, String> reasons) {
        PendingTask first = group.getFirst();
        List<Slot> candidates = new ArrayList<>();
        for (Slot slot : slots) {
            if (check(first, slot, ledger) == null) {
                candidates.add(slot);
            }
        }
        int cursor = 0;
        int placed = 0;
        for (PendingTask task : group) {
            Slot chosen = null;
            while (!candidates.isEmpty()) {
                if (cursor >= candidates.size()) {
                    cursor = 0;
                }
                Slot slot = candidates.get(cursor);
                if (check(task, slot, ledger) == null) {
                    chosen = slot;
                    cursor++;
                    break;
                }
                candidates.remove(cursor); // it will not fit this shape again this round
            }
            if (chosen == null) {
                break;
            }
            Map<String, Integer> ports = chosen.take(task);
            ledger.record(task, chosen);
            assignments.add(new Assignment(task, chosen.offer, ports));
            placed++;
        }
        if (placed < group.size()) {
            String reason = explain(first, slots, ledger);
            for (PendingTask task : group.subList(placed, group.size())) {
                reasons.put(task.taskId(), reason);
            }
        }
    }

    /** The first check the task fails on the slot, or null when it fits. */
    static Failure check(PendingTask task, Slot slot, LimitLedger ledger) {
        for (Constraint constraint : task.constraints()) {
            String value = attribute(slot.offer, constraint.attribute());
            if (constraint.kind() == Constraint.Kind.VALUE) {
                boolean matches = value != null && constraint.values().contains(value);
                if (matches == constraint.negated()) {
                    return new Failure("constraint " + constraint.describe() + " not satisfied", null);
                }
            } else if (value == null) {
                return new Failure("has no '" + constraint.attribute() + "' attribute for limit", null);
            } else if (ledger.count(task.job(), constraint.attribute(), value) >= constraint.limit()) {
                return new Failure("limit " + constraint.attribute() + " " + constraint.limit() + " reached", null);
            }
        }
        Resources need = task.resources();
        Resources free = slot.free;
        if (free.cpus() + 0.0005 < need.cpus()) {
            return new Failure("insufficient cpus", new Shortfall("cpus", format(need.cpus()), free.cpus()));
        }
        if (free.ramMb() < need.ramMb()) {
            return new Failure("insufficient ram", new Shortfall("ram", need.ramMb() + " MB", free.ramMb()));
        }
        if (free.diskMb() < need.diskMb()) {
            return new Failure("insufficient disk", new Shortfall("disk", need.diskMb() + " MB", free.diskMb()));
        }
        if (slot.freePorts() < task.portNames().size()) {
            return new Failure(
                    "insufficient ports",
                    new Shortfall("ports", Integer.toString(task.portNames().size()), slot.freePorts()));
        }
        return null;
    }

    /** A failed check, with the amounts when it is about resources. */
    record Failure(String check, Shortfall shortfall) {}

    /** What was needed and the most any agent of the class had free. */
    record Shortfall(String resource, String needed, double mostFree) {}

    private static String explain(PendingTask task, List<Slot> slots, LimitLedger ledger) {
        if (slots.isEmpty()) {
            return "No agents have free resources to offer right now.";
        }
        Map<String, Map<String, List<Failure>>> byClass = new TreeMap<>();
        Map<String, Integer> classSizes = new TreeMap<>();
        for (Slot slot : slots) {
            String agentClass = agentClass(slot.offer);
            classSizes.merge(agentClass, 1, Integer::sum);
            Failure failure = check(task, slot, ledger);
            if (failure == null) {
                failure = new Failure("taken by other tasks this round", null);
            }
            byClass.computeIfAbsent(agentClass, c -> new LinkedHashMap<>())
                    .computeIfAbsent(failure.check(), c -> new ArrayList<>())
                    .add(failure);
        }
        StringBuilder text = new StringBuilder("No agent fits: ");
        boolean firstClass = true;
        for (var entry : byClass.entrySet()) {
            if (!firstClass) {
                text.append("; ");
            }
            firstClass = false;
            int size = classSizes.get(entry.getKey());
            text.append(entry.getKey()).append(" (").append(size).append(size == 1 ? " agent): " : " agents): ");
            boolean firstCheck = true;
            for (var check : entry.getValue().entrySet()) {
                if (!firstCheck) {
                    text.append(", ");
                }
                firstCheck = false;
                List<Failure> failures = check.getValue();
                text.append(check.getKey());
                if (failures.size() < size) {
                    text.append(" on ").append(failures.size());
                }
                Shortfall shortfall = failures.getFirst().shortfall();
                if (shortfall != null) {
                    double most = failures.stream()
                            .mapToDouble(f -> f.shortfall().mostFree())
                            .max()
                            .orElse(0);
                    text.append(" (needs ")
                            .append(shortfall.needed())
                            .append(", at most ")
                            .append(format(most))
                            .append(
                                    shortfall.resource().equals("ram")
                                                    || shortfall.resource().equals("disk")
                                            ? " MB"
                                            : "")
                            .append(" free)");
                }
            }
        }
        return text.append('.').toString();
    }

    /** Agents with the same attributes (apart from their host name) form a class. */
    static String agentClass(ResourceOffer offer) {
        TreeMap<String, String> attributes = new TreeMap<>(offer.attributes());
        attributes.remove("host");
        if (attributes.isEmpty()) {
            return "agents without attributes";
        }
        StringBuilder text = new StringBuilder();
        attributes.forEach((name, value) -> {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(name).append('=').append(value);
        });
        return text.toString();
    }

    /** An agent attribute; {@code host} falls back to the agent's host name. */
    static String attribute(ResourceOffer offer, String name) {
        String value = offer.attributes().get(name);
        if (value == null && name.equals("host")) {
            return offer.hostname();
        }
        return value;
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }

    /** An offer with what is left of it during this round. */
    static final class Slot {
        final ResourceOffer offer;
        Resources free;
        final List<PortRange> ports;

        Slot(ResourceOffer offer) {
            this.offer = offer;
            this.free = offer.free();
            this.ports = new ArrayList<>(offer.ports());
        }

        int freePorts() {
            int count = 0;
            for (PortRange range : ports) {
                count += range.size();
            }
            return count;
        }

        /** Takes the task's resources and its ports (lowest numbers first). */
        Map<String, Integer> take(PendingTask task) {
            free = free.minus(task.resources());
            Map<String, Integer> assigned = new LinkedHashMap<>();
            for (String name : task.portNames()) {
                PortRange range = ports.getFirst();
                assigned.put(name, range.begin());
                if (range.size() == 1) {
                    ports.removeFirst();
                } else {
                    ports.set(0, new PortRange(range.begin() + 1, range.end()));
                }
            }
            return assigned;
        }
    }

    /** Limit-constraint counts: the ones given, plus what this round placed. */
    static final class LimitLedger {
        private final LimitCounts given;
        private final Map<String, Integer> added = new HashMap<>();

        LimitLedger(LimitCounts given) {
            this.given = given;
        }

        int count(JobKey job, String attribute, String value) {
            return given.count(job, attribute, value) + added.getOrDefault(key(job, attribute, value), 0);
        }

        void record(PendingTask task, Slot slot) {
            for (Constraint constraint : task.constraints()) {
                if (constraint.kind() == Constraint.Kind.LIMIT) {
                    String value = attribute(slot.offer, constraint.attribute());
                    added.merge(key(task.job(), constraint.attribute(), value), 1, Integer::sum);
                }
            }
        }

        private static String key(JobKey job, String attribute, String value) {
            return job + "\u0000" + attribute + "\u0000" + value;
        }
    }
}
