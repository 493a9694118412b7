package io.borealis.ui.support;

import com.vaadin.flow.component.html.Span;
import io.borealis.task.TaskState;
import java.util.Locale;

/**
 * How task states look everywhere in the portal: one colour family per state (the
 * {@code --borealis-state-*} tokens), a word for people, and the order legends use.
 */
public final class TaskStates {

    /** States in the order legends and pills list them: waiting, starting, running, stopping, ended. */
    public static final TaskState[] DISPLAY_ORDER = {
        TaskState.THROTTLED,
        TaskState.PENDING,
        TaskState.ASSIGNED,
        TaskState.STARTING,
        TaskState.RUNNING,
        TaskState.PARTITIONED,
        TaskState.RESTARTING,
        TaskState.KILLING,
        TaskState.FINISHED,
        TaskState.FAILED,
        TaskState.KILLED,
        TaskState.LOST
    };

    private TaskStates() {}

    /** The CSS class carrying the state's colour, e.g. {@code state-running}. */
    public static String cssClass(TaskState state) {
        if (state == null) {
            return "state-none";
        }
        return switch (state) {
            case THROTTLED -> "state-throttled";
            case PENDING -> "state-pending";
            case ASSIGNED, STARTING -> "state-starting";
            case RUNNING -> "state-running";
            case PARTITIONED -> "state-partitioned";
            case KILLING, RESTARTING -> "state-killing";
            case FINISHED -> "state-finished";
            case FAILED -> "state-failed";
            case KILLED -> "state-killed";
            case LOST -> "state-lost";
        };
    }

    /** "Running", "Throttled"... */
    public static String label(TaskState state) {
        if (state == null) {
            return "No task";
        }
        String name = state.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** What the state means, for tooltips and legends. */
    public static String meaning(TaskState state) {
        if (state == null) {
            return "No task was ever created for this instance";
        }
        return switch (state) {
            case THROTTLED -> "Waiting out a flapping penalty before it may be scheduled";
            case PENDING -> "Waiting for an agent with room for it";
            case ASSIGNED -> "Placed on an agent; the launch has been sent";
            case STARTING -> "The agent is starting it (and waiting for its first healthy check)";
            case RUNNING -> "Running and, with a health check, healthy";
            case PARTITIONED -> "Its agent is unreachable; it may still be running";
            case KILLING -> "Being killed for good";
            case RESTARTING -> "Being killed to be replaced";
            case FINISHED -> "Exited with status 0";
            case FAILED -> "Exited with an error, failed its health check, or could not start";
            case KILLED -> "Killed";
            case LOST -> "The cluster lost track of it";
        };
    }

    /** A coloured count, e.g. "3 running". */
    public static Span pill(TaskState state, int count) {
        Span pill = new Span(
                String.format(Locale.ROOT, "%,d", count) + " " + label(state).toLowerCase(Locale.ROOT));
        pill.addClassNames("borealis-pill", cssClass(state));
        pill.getElement().setAttribute("title", meaning(state));
        return pill;
    }

    /** A state as a badge, e.g. "RUNNING" in green. */
    public static Span badge(TaskState state) {
        Span badge = new Span(label(state));
        badge.addClassNames("borealis-state-badge", cssClass(state));
        badge.getElement().setAttribute("title", meaning(state));
        return badge;
    }
}
