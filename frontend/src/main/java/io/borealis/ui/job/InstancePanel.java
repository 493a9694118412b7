package io.borealis.ui.job;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.borealis.job.JobKey;
import io.borealis.scheduler.ClusterService;
import io.borealis.scheduler.InstanceView;
import io.borealis.scheduler.JobService;
import io.borealis.task.Task;
import io.borealis.task.TaskEvent;
import io.borealis.task.TaskState;
import io.borealis.ui.live.LiveUpdates;
import io.borealis.ui.support.Formats;
import io.borealis.ui.support.TaskStates;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One instance up close: its current task (state, where it runs, ports, failures, and, while it
 * waits, why), the task's events, the instance's earlier tasks with theirs, and the task's logs.
 * It follows the job live: a replacement task shows up with its new id.
 */
class InstancePanel extends Div {

    final H3 title = new H3();
    final Span taskId = new Span();
    final Div stateBadge = new Div();
    final Paragraph waiting = new Paragraph();
    final DescriptionList facts = new DescriptionList();
    final Div events = new Div();
    final Div history = new Div();
    final LogViewer logs;

    private final JobService jobs;
    private final Clock clock;
    private JobKey key;
    private int instance = -1;
    private String shownTask;
    private int shownEvents = -1;
    private TaskState shownState;

    InstancePanel(JobService jobs, ClusterService cluster, LiveUpdates live, Clock clock, Runnable onClose) {
        this.jobs = jobs;
        this.clock = clock;
        this.logs = new LogViewer(cluster, live);
        setId("instance-panel");
        addClassNames("borealis-card", "borealis-instance-panel");
        Button close = new Button(VaadinIcon.CLOSE.create(), e -> onClose.run());
        close.setId("close-instance");
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        close.setAriaLabel("Close the instance");
        title.setId("instance-title");
        Div header = new Div(title, stateBadge, close);
        header.addClassName("borealis-card-header");

        taskId.setId("panel-task-id");
        taskId.addClassName("borealis-mono");
        waiting.setId("pending-reason");
        waiting.addClassName("borealis-callout-warning");
        facts.addClassName("borealis-facts");
        events.setId("task-events");
        events.addClassName("borealis-timeline");
        history.setId("instance-history");
        history.addClassName("borealis-history");

        Div current = new Div(new H4("Current task"), taskId, waiting, facts, new H4("Events"), events);
        current.addClassName("borealis-panel-current");
        Div right = new Div(logs);
        right.addClassName("borealis-panel-logs");
        Div columns = new Div(current, right);
        columns.addClassName("borealis-panel-columns");
        Div earlier = new Div(new H4("Earlier tasks"), history);
        earlier.addClassName("borealis-panel-history");
        add(header, columns, earlier);
        setVisible(false);
    }

    int instance() {
        return instance;
    }

    /** Opens an instance. */
    void open(JobKey job, InstanceView view) {
        key = job;
        instance = view.instanceId();
        shownTask = null;
        shownEvents = -1;
        setVisible(true);
        update(view);
    }

    void close() {
        instance = -1;
        shownTask = null;
        logs.setFollowing(false);
        setVisible(false);
    }

    /** Shows the instance's latest state; reloads events and history only when they changed. */
    void update(InstanceView view) {
        if (instance < 0 || view == null || view.instanceId() != instance) {
            return;
        }
        Task task = view.current();
        title.setText("Instance " + instance + (view.wanted() ? "" : " (being removed)"));
        stateBadge.removeAll();
        stateBadge.add(TaskStates.badge(task == null ? null : task.state()));
        if (task == null) {
            taskId.setText("No task yet");
            waiting.setVisible(false);
            facts.removeAll();
            events.removeAll();
            history.removeAll();
            logs.show(null);
            shownTask = null;
            return;
        }
        boolean newTask = !task.taskId().equals(shownTask);
        taskId.setText(task.taskId());
        showWaiting(task);
        showFacts(task);
        List<TaskEvent> taskEvents = jobs.taskEvents(task.taskId());
        if (newTask || taskEvents.size() != shownEvents || task.state() != shownState) {
            showEvents(events, taskEvents);
            shownEvents = taskEvents.size();
        }
        if (newTask) {
            showHistory(task);
            logs.show(task.taskId());
        }
        shownTask = task.taskId();
        shownState = task.state();
    }

    private void showWaiting(Task task) {
        Instant now = clock.instant();
        if (task.state() == TaskState.PENDING) {
            waiting.setText("Why is it pending? "
                    + (task.pendingReason() == null
                            ? "It is waiting for the next scheduling round."
                            : task.pendingReason()));
            waiting.setVisible(true);
        } else if (task.state() == TaskState.THROTTLED) {
            waiting.setText("Throttled: the previous task ended too soon after starting (flapping), so this one "
                    + "waits before it is scheduled"
                    + (task.throttledUntil() == null
                            ? "."
                            : ", until " + Formats.instant(task.throttledUntil()) + " ("
                                    + Formats.ago(task.throttledUntil(), now) + ")."));
            waiting.setVisible(true);
        } else {
            waiting.setVisible(false);
        }
    }

    private void showFacts(Task task) {
        Instant now = clock.instant();
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put(
                "State since",
                Formats.instant(task.stateChangedAt()) + " (" + Formats.ago(task.stateChangedAt(), now) + ")");
        values.put("Agent", task.agentId() == null ? "not placed yet" : task.agentId() + hostSuffix(task));
        values.put(
                "Ports",
                task.ports().isEmpty()
                        ? "-"
                        : String.join(
                                ", ",
                                new TreeMap<>(task.ports())
                                        .entrySet().stream()
                                                .map(e -> e.getKey() + " " + e.getValue())
                                                .toList()));
        values.put(
                "Started",
                task.startedAt() == null
                        ? "not yet running"
                        : Formats.instant(task.startedAt()) + " (up " + Formats.span(task.ranFor(now)) + ")");
        values.put(
                "Failures",
                task.failureCount() + (task.flapCount() > 0 ? ", " + task.flapCount() + " flaps in a row" : ""));
        values.put("Created", Formats.instant(task.createdAt()));
        if (task.ancestorId() != null) {
            values.put("Replaces", task.ancestorId());
        }
        facts.removeAll();
        values.forEach(
                (term, value) -> facts.add(new DescriptionList.Term(term), new DescriptionList.Description(value)));
    }

    private static String hostSuffix(Task task) {
        return task.hostname() == null || task.hostname().equals(task.agentId()) ? "" : " (" + task.hostname() + ")";
    }

    private void showHistory(Task current) {
        history.removeAll();
        List<Task> earlier = jobs.instanceHistory(key, instance).stream()
                .filter(t -> !t.taskId().equals(current.taskId()))
                .toList()
                .reversed();
        if (earlier.isEmpty()) {
            Span none = new Span("None: this is the instance's first task.");
            none.addClassName("borealis-muted");
            history.add(none);
            return;
        }
        for (Task task : earlier) {
            Span summary = new Span();
            summary.add(TaskStates.badge(task.state()));
            Span id = new Span(task.taskId());
            id.addClassName("borealis-mono");
            Span when = new Span(Formats.instant(task.stateChangedAt())
                    + (task.startedAt() == null
                            ? ", never ran"
                            : ", ran " + Formats.span(task.ranFor(task.stateChangedAt()))));
            when.addClassName("borealis-muted");
            summary.add(id, when);
            summary.addClassName("borealis-history-summary");
            Div content = new Div();
            content.addClassName("borealis-timeline");
            Details details = new Details(summary, content);
            details.addClassName("borealis-history-task");
            details.addOpenedChangeListener(e -> {
                if (e.isOpened() && content.getChildren().findAny().isEmpty()) {
                    showEvents(content, jobs.taskEvents(task.taskId()));
                }
            });
            history.add(details);
        }
    }

    static void showEvents(Div target, List<TaskEvent> list) {
        target.removeAll();
        for (TaskEvent event : list) {
            Span dot = new Span();
            dot.addClassNames("borealis-timeline-dot", TaskStates.cssClass(event.state()));
            Span state = new Span(TaskStates.label(event.state()));
            state.addClassName("borealis-timeline-state");
            Span at = new Span(Formats.clock(event.at()));
            at.addClassName("borealis-muted");
            at.getElement().setAttribute("title", Formats.instant(event.at()));
            Span message = new Span(event.message() == null ? "" : event.message());
            message.addClassName("borealis-timeline-message");
            Div row = new Div(dot, state, at, message);
            row.addClassName("borealis-timeline-row");
            target.add(row);
        }
    }
}
