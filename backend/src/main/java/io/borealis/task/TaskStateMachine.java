package io.borealis.task;

import static io.borealis.task.TaskState.ASSIGNED;
import static io.borealis.task.TaskState.FAILED;
import static io.borealis.task.TaskState.FINISHED;
import static io.borealis.task.TaskState.KILLED;
import static io.borealis.task.TaskState.KILLING;
import static io.borealis.task.TaskState.LOST;
import static io.borealis.task.TaskState.PARTITIONED;
import static io.borealis.task.TaskState.PENDING;
import static io.borealis.task.TaskState.RESTARTING;
import static io.borealis.task.TaskState.RUNNING;
import static io.borealis.task.TaskState.STARTING;
import static io.borealis.task.TaskState.THROTTLED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The task lifecycle as a transition table (pure; after Aurora's {@code TaskStateMachine}).
 *
 * <p>{@link #transition} never throws: facts from the cluster arrive late, twice and out of order,
 * so an impossible change is answered ILLEGAL (and ignored by the caller) and a repeated one NOOP.
 * The side effects follow Aurora's rescheduling rules:
 *
 * <ul>
 *   <li>entering KILLING or RESTARTING from a task on an agent kills it;
 *   <li>a task that ends after KILLING is never replaced; one that ends after RESTARTING always is;
 *   <li>FINISHED is replaced for services only;
 *   <li>FAILED counts a failure and is replaced for services, or while the instance has failures
 *       left ({@code maxTaskFailures}, -1 unlimited);
 *   <li>KILLED and LOST (not asked for by a person) are replaced.
 * </ul>
 *
 * Deviations from Aurora, on purpose: a task being killed or restarted does not become
 * PARTITIONED (its agent being unreachable must not make Borealis forget whether to replace it);
 * and a task that was never launched (THROTTLED, PENDING) and is
 * killed goes straight to KILLED instead of being deleted, so its history stays visible.
 */
public final class TaskStateMachine {

    /** What the rules need to know about the task's job and past. */
    public record Context(boolean service, int failuresSoFar, int maxTaskFailures) {}

    private static final Map<TaskState, Set<TaskState>> ALLOWED = new EnumMap<>(TaskState.class);

    static {
        Set<TaskState> endings = EnumSet.of(FINISHED, FAILED, KILLED, LOST);
        Set<TaskState> fromLive = EnumSet.copyOf(endings);
        fromLive.addAll(EnumSet.of(KILLING, RESTARTING, PARTITIONED));

        ALLOWED.put(THROTTLED, EnumSet.of(PENDING, KILLED));
        ALLOWED.put(PENDING, EnumSet.of(ASSIGNED, KILLED));
        ALLOWED.put(ASSIGNED, union(fromLive, EnumSet.of(STARTING, RUNNING)));
        ALLOWED.put(STARTING, union(fromLive, EnumSet.of(RUNNING)));
        ALLOWED.put(RUNNING, EnumSet.copyOf(fromLive));
        ALLOWED.put(PARTITIONED, union(endings, EnumSet.of(ASSIGNED, STARTING, RUNNING, KILLING, RESTARTING)));
        // a task being killed stays KILLING/RESTARTING when its agent becomes unreachable: the intent
        // (no replacement, or a replacement) must survive until it ends or times out as LOST
        ALLOWED.put(KILLING, EnumSet.copyOf(endings));
        ALLOWED.put(RESTARTING, union(endings, EnumSet.of(KILLING)));
        for (TaskState terminal : TaskState.TERMINAL) {
            ALLOWED.put(terminal, EnumSet.noneOf(TaskState.class));
        }
    }

    private TaskStateMachine() {}

    /** Whether the table allows {@code from -> to} at all. */
    public static boolean allows(TaskState from, TaskState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The outcome of moving a task from {@code from} to {@code to}. */
    public static Transition transition(TaskState from, TaskState to, Context context) {
        if (from == to) {
            return new Transition(Transition.Outcome.NOOP, from, to, Set.of());
        }
        if (!allows(from, to)) {
            return new Transition(Transition.Outcome.ILLEGAL, from, to, Set.of());
        }
        Set<SideEffect> effects = EnumSet.noneOf(SideEffect.class);
        if ((to == KILLING || to == RESTARTING) && from.isOnAgent()) {
            effects.add(SideEffect.KILL);
        }
        if (to.isTerminal()) {
            boolean endedByPerson = from == KILLING;
            if (to == FAILED && !endedByPerson && from != RESTARTING) {
                effects.add(SideEffect.INCREMENT_FAILURES);
            }
            if (replaced(from, to, context)) {
                effects.add(SideEffect.RESCHEDULE);
            }
        }
        return new Transition(Transition.Outcome.APPLIED, from, to, effects);
    }

    private static boolean replaced(TaskState from, TaskState to, Context context) {
        if (from == KILLING || from == THROTTLED || from == PENDING) {
            return false; // a person killed it, or it never ran
        }
        if (from == RESTARTING) {
            return true;
        }
        return switch (to) {
            case FINISHED -> context.service();
            case FAILED ->
                context.service()
                        || context.maxTaskFailures() == -1
                        || context.failuresSoFar() + 1 < context.maxTaskFailures();
            case KILLED, LOST -> true;
            default -> false;
        };
    }

    private static Set<TaskState> union(Set<TaskState> a, Set<TaskState> b) {
        Set<TaskState> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
