package io.borealis.ui.rollout;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.borealis.auth.access.Action;
import io.borealis.auth.access.Decision;
import io.borealis.auth.access.TeamAccess;
import io.borealis.error.BorealisException;
import io.borealis.error.NotFoundException;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.TaskConfig;
import io.borealis.rollout.InstanceEvent;
import io.borealis.rollout.InstanceState;
import io.borealis.rollout.Rollout;
import io.borealis.rollout.RolloutControl;
import io.borealis.rollout.RolloutDetails;
import io.borealis.rollout.RolloutEvent;
import io.borealis.rollout.RolloutInstance;
import io.borealis.rollout.RolloutService;
import io.borealis.rollout.RolloutSettings;
import io.borealis.rollout.RolloutStateMachine;
import io.borealis.rollout.RolloutStatus;
import io.borealis.scheduler.JobPlan;
import io.borealis.scheduler.SpecDiff;
import io.borealis.ui.job.JobView;
import io.borealis.ui.live.LiveUpdates;
import io.borealis.ui.support.ErrorHandling;
import io.borealis.ui.support.Formats;
import io.borealis.ui.support.GuardedButton;
import io.borealis.ui.support.Notices;
import io.borealis.ui.support.Svg;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One rollout, live through server push: the instances it touches coloured by their rollout state,
 * its batches as steps (the current one highlighted, checkpoints marked), a progress bar, a
 * timeline of status changes and instance events, its settings, the configuration diff, and the
 * controls (pause, resume, abort, roll back, with an optional message) for those who may use
 * them. A finished rollout can be replayed: a slider from its start to its end redraws the grid,
 * steps, progress and timeline as they were at that moment.
 */
@Route("rollouts/:id")
@PermitAll
public class RolloutView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    static final Set<InstanceState> FINISHED_FORWARD = Set.of(InstanceState.UPDATED, InstanceState.UPDATE_FAILED);

    final H2 title = new H2();
    final Span status = new Span();
    final Div facts = new Div();
    final Div progress = new Div();
    final Span progressText = new Span();
    final Div steps = new Div();
    final RolloutCells grid = new RolloutCells();
    final Div timeline = new Div();
    final Div settingsFacts = new Div();
    final DiffTable diff = new DiffTable();
    final TextField message = new TextField();
    final GuardedButton pause;
    final GuardedButton resume;
    final GuardedButton abort;
    final GuardedButton rollback;
    final Anchor auditLink = new Anchor();
    final Div replay = new Div();
    final Element slider = new Element("input");
    final Span replayTime = new Span();

    private final RolloutService rollouts;
    private final TeamAccess access;
    private final Div links = new Div();
    private long id = -1;
    private RolloutDetails details;
    private Instant replayAt;

    public RolloutView(RolloutService rollouts, TeamAccess access, LiveUpdates live) {
        this.rollouts = rollouts;
        this.access = access;
        setId("rollout-view");
        addClassNames("borealis-page", "borealis-rollout");

        pause = control("Pause", VaadinIcon.PAUSE, "rollout-pause", false, RolloutControl.PAUSE);
        resume = control("Resume", VaadinIcon.PLAY, "rollout-resume", false, RolloutControl.RESUME);
        abort = control("Abort", VaadinIcon.STOP, "rollout-abort", true, RolloutControl.ABORT);
        rollback = control("Roll back", VaadinIcon.ARROW_BACKWARD, "rollout-rollback", true, RolloutControl.ROLL_BACK);
        message.setId("rollout-message");
        message.setLabel("Message (optional)");
        message.setPlaceholder("Why, for the history and the audit log");
        message.setMaxLength(2000);

        title.setId("rollout-title");
        status.setId("rollout-status");
        status.addClassName("borealis-rollout-status");
        facts.setId("rollout-facts");
        facts.addClassName("borealis-job-facts");
        links.addClassName("borealis-actions");
        auditLink.setId("rollout-audit");
        auditLink.setText("Audit trail");
        Div controls = new Div(message, pause, resume, abort, rollback);
        controls.setId("rollout-controls");
        controls.addClassName("borealis-rollout-controls");
        Div headerTop = new Div(new Div(title, status), controls);
        headerTop.addClassName("borealis-rollout-header");
        Div header = new Div(headerTop, facts, links);
        header.addClassNames("borealis-card", "borealis-job-header");

        progress.setId("rollout-progress");
        progressText.setId("rollout-progress-text");
        steps.setId("rollout-steps");
        steps.addClassName("borealis-steps");
        Div gridCard = new Div(new H3("Instances"), progressText, progress, new H3("Batches"), steps, grid);
        gridCard.addClassName("borealis-card");

        slider.setAttribute("type", "range");
        slider.setAttribute("id", "rollout-replay-slider");
        slider.setAttribute("aria-label", "Replay the rollout: moment to show");
        slider.setAttribute("min", "0");
        slider.addPropertyChangeListener("value", "input", e -> replayFromSlider());
        replayTime.setId("rollout-replay-time");
        Div sliderRow = new Div();
        sliderRow.addClassName("borealis-replay");
        sliderRow.getElement().appendChild(slider);
        sliderRow.add(replayTime);
        Paragraph replayHelp = new Paragraph("Move the slider to see the instances and the timeline as they were.");
        replayHelp.addClassName("borealis-muted");
        replay.setId("rollout-replay");
        replay.addClassName("borealis-card");
        replay.add(new H3("Replay"), replayHelp, sliderRow);
        replay.setVisible(false);

        timeline.setId("rollout-timeline");
        Div timelineCard = new Div(new H3("Timeline"), timeline);
        timelineCard.addClassName("borealis-card");
        settingsFacts.setId("rollout-settings");
        settingsFacts.addClassName("borealis-job-facts");
        diff.setId("rollout-diff");
        Div settingsCard = new Div(new H3("Settings"), settingsFacts, new H3("Configuration changes"), diff);
        settingsCard.addClassName("borealis-card");

        Div left = new Div(gridCard, timelineCard);
        Div columns = new Div(left, settingsCard);
        columns.addClassName("borealis-rollout-columns");
        add(header, replay, columns);
        live.onRolloutChange(this, changed -> changed.rolloutId() == id, this::refresh);
    }

    /** The route parameters of a rollout's page. */
    public static RouteParameters parameters(long rolloutId) {
        return new RouteParameters("id", Long.toString(rolloutId));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String text = event.getRouteParameters().get("id").orElse("");
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new NotFoundException("There is no rollout " + text + ".");
        }
        details = rollouts.details(id);
        replayAt = null;
        render();
    }

    @Override
    public String getPageTitle() {
        return details == null
                ? "Rollout"
                : "Rollout " + id + " of " + details.rollout().job();
    }

    /** Reads the rollout again (called live, at most once per interval). */
    void refresh() {
        if (id < 0) {
            return;
        }
        details = rollouts.details(id);
        render();
    }

    private void render() {
        Rollout rollout = details.rollout();
        title.setText("Rollout " + rollout.id() + " of " + rollout.job());
        showFacts(rollout);
        showControls(rollout);
        showSettings(rollout.settings());
        showDiff();
        boolean finished = rollout.status().isTerminal();
        replay.setVisible(finished);
        if (finished) {
            long span = Math.max(
                    0,
                    Duration.between(RolloutReplay.start(details), RolloutReplay.end(details))
                            .toMillis());
            slider.setAttribute("max", Long.toString(span));
            if (replayAt == null) {
                slider.setProperty("value", Long.toString(span));
            }
        }
        if (finished && replayAt != null) {
            showMoment(RolloutReplay.at(details, replayAt));
        } else {
            Map<Integer, InstanceState> states = new LinkedHashMap<>();
            for (RolloutInstance instance : details.instances()) {
                states.put(instance.instanceId(), instance.state());
            }
            showStatus(rollout.status());
            showGrid(states, rollout, rollout.status().isTerminal());
            showTimeline(details.events(), details.instanceEvents());
            if (finished) {
                replayTime.setText("End: " + Formats.instant(RolloutReplay.end(details)));
            }
        }
    }

    /** Shows the rollout as it was {@code millis} after its start (what the slider does). */
    void replay(long millis) {
        if (details == null || !details.rollout().status().isTerminal()) {
            return;
        }
        slider.setProperty("value", Long.toString(millis));
        Instant end = RolloutReplay.end(details);
        replayAt = RolloutReplay.start(details).plusMillis(millis);
        if (!replayAt.isBefore(end.minusMillis(1))) {
            replayAt = end; // the slider's last step shows the very end (its unit is a millisecond)
        }
        showMoment(RolloutReplay.at(details, replayAt));
    }

    private void replayFromSlider() {
        try {
            replay(Long.parseLong(slider.getProperty("value", "0")));
        } catch (NumberFormatException ignored) {
            // not a number: the browser sends one; leave the page as it is
        }
    }

    private void showMoment(RolloutReplay.Moment moment) {
        showStatus(moment.status() == null ? RolloutStatus.ROLLING_FORWARD : moment.status());
        showGrid(
                moment.states(),
                details.rollout(),
                moment.status() != null && moment.status().isTerminal());
        showTimeline(moment.events(), moment.instanceEvents());
        replayTime.setText(Formats.instant(moment.at()) + " (+"
                + Formats.span(Duration.between(RolloutReplay.start(details), moment.at())) + ")");
    }

    private void showStatus(RolloutStatus shown) {
        status.setText(RolloutStates.label(shown));
        status.getElement()
                .setAttribute(
                        "class",
                        "borealis-rollout-status status-" + shown.name().toLowerCase(java.util.Locale.ROOT));
        status.getElement().setAttribute("data-status", shown.name());
    }

    private void showFacts(Rollout rollout) {
        facts.removeAll();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Job", rollout.job().toString());
        values.put("Started", "by " + rollout.startedBy() + ", " + Formats.instant(rollout.startedAt()));
        if (rollout.finishedAt() != null) {
            values.put("Ended", Formats.instant(rollout.finishedAt()));
        }
        values.put(
                "Instances",
                rollout.oldInstanceCount() == rollout.newInstanceCount()
                        ? Integer.toString(rollout.oldInstanceCount())
                        : rollout.oldInstanceCount() + " → " + rollout.newInstanceCount());
        if (rollout.message() != null) {
            values.put("Message", rollout.message());
        }
        values.forEach((term, value) -> facts.add(fact(term, value)));

        links.removeAll();
        RouterLink job = new RouterLink("Job page", JobView.class, JobView.parameters(rollout.job()));
        job.setId("rollout-job-link");
        RouterLink history = new RouterLink("Rollouts of this job", RolloutsView.class);
        history.setQueryParameters(QueryParameters.of("job", rollout.job().toString()));
        history.setId("rollout-history-link");
        auditLink.setHref(auditHref(rollout));
        links.add(job, history, auditLink);
    }

    /** The audit page filtered to this rollout's entries. */
    static String auditHref(Rollout rollout) {
        return "audit?target=rollout%20" + rollout.id() + "%20of%20" + rollout.job();
    }

    private void showControls(Rollout rollout) {
        Decision control = access.check(Action.CONTROL_ROLLOUTS, rollout.job().team());
        Map<GuardedButton, RolloutControl> buttons = new LinkedHashMap<>();
        buttons.put(pause, RolloutControl.PAUSE);
        buttons.put(resume, RolloutControl.RESUME);
        buttons.put(abort, RolloutControl.ABORT);
        buttons.put(rollback, RolloutControl.ROLL_BACK);
        buttons.forEach((button, what) -> {
            if (!control.allowed()) {
                button.guard(control);
            } else if (RolloutStateMachine.target(rollout.status(), what).isEmpty()) {
                button.refuse(notNow(rollout.status(), what));
            } else {
                button.refuse(null);
            }
        });
        message.setEnabled(control.allowed() && rollout.status().isActive());
    }

    private static String notNow(RolloutStatus status, RolloutControl control) {
        String state = RolloutStates.label(status).toLowerCase(java.util.Locale.ROOT);
        return switch (control) {
            case PAUSE -> "Only a rollout that is rolling forward or back can be paused (this one is " + state + ").";
            case RESUME -> "Only a paused rollout can be resumed (this one is " + state + ").";
            case ABORT -> "The rollout has ended (" + state + "): there is nothing to abort.";
            case ROLL_BACK ->
                "Only a rollout that is rolling forward or paused can be rolled back (this one is " + state + ").";
        };
    }

    private void run(RolloutControl control) {
        BiFunction<Long, String, Rollout> action = switch (control) {
            case PAUSE -> rollouts::pause;
            case RESUME -> rollouts::resume;
            case ABORT -> rollouts::abort;
            case ROLL_BACK -> rollouts::rollback;
        };
        try {
            Rollout after = action.apply(id, message.getValue().isBlank() ? null : message.getValue());
            message.clear();
            Notices.success("Rollout " + id + ": "
                    + RolloutStates.label(after.status()).toLowerCase(java.util.Locale.ROOT) + ".");
        } catch (BorealisException e) {
            Notices.error(ErrorHandling.messageFor(e));
        }
        refresh();
    }

    private void showSettings(RolloutSettings settings) {
        settingsFacts.removeAll();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(
                "Strategy",
                switch (settings.strategy()) {
                    case FIXED -> "Batches of " + settings.batchSizes().getFirst();
                    case VARIABLE -> "Batches of " + settings.batchSizes() + " (the last size repeated)";
                    case SLIDING_WINDOW -> "Up to " + settings.batchSizes().getFirst() + " at a time";
                });
        values.put("Minimum wait", settings.minWaitSeconds() + " s healthy before an instance counts");
        values.put(
                "Failures allowed",
                settings.maxFailuresPerInstance() + " per instance, " + settings.maxFailedInstances() + " instances");
        values.put("On failure", settings.rollbackOnFailure() ? "Roll back automatically" : "Stop (FAILED)");
        values.put(
                "Instances",
                settings.onlyInstances().isEmpty()
                        ? "All"
                        : "Only " + io.borealis.rollout.InstanceRanges.format(settings.onlyInstances()));
        values.put(
                "Checkpoints",
                settings.pauseAfterEachBatch()
                        ? "After each batch"
                        : settings.pauseAfterBatches().isEmpty()
                                ? "None"
                                : "After batch "
                                        + settings.pauseAfterBatches().stream()
                                                .map(String::valueOf)
                                                .collect(java.util.stream.Collectors.joining(", ")));
        values.forEach((term, value) -> settingsFacts.add(fact(term, value)));
    }

    private void showDiff() {
        Rollout rollout = details.rollout();
        List<JobPlan.FieldChange> changes = new ArrayList<>();
        TaskConfig after = details.toConfig();
        if (details.fromConfigs().isEmpty()) {
            changes.add(new JobPlan.FieldChange(
                    "instances",
                    Integer.toString(rollout.oldInstanceCount()),
                    Integer.toString(rollout.newInstanceCount())));
        }
        for (TaskConfig before : details.fromConfigs().values()) {
            for (JobPlan.FieldChange change :
                    changes(rollout.job(), before, rollout.oldInstanceCount(), after, rollout.newInstanceCount())) {
                if (!changes.contains(change)) {
                    changes.add(change);
                }
            }
        }
        diff.show(changes);
    }

    /** The field changes between two configurations of a job (and instance counts). */
    static List<JobPlan.FieldChange> changes(
            JobKey key, TaskConfig before, int beforeCount, TaskConfig after, int afterCount) {
        return SpecDiff.between(
                new JobSpec(key, JobKind.SERVICE, before, Math.max(1, beforeCount)),
                new JobSpec(key, JobKind.SERVICE, after, Math.max(1, afterCount)));
    }

    private void showGrid(Map<Integer, InstanceState> states, Rollout rollout, boolean ended) {
        grid.show(states, ended);
        int total = states.size();
        int updated = count(states, InstanceState.UPDATED);
        int inFlight = count(states, InstanceState.UPDATING)
                + count(states, InstanceState.WAITING_HEALTHY)
                + count(states, InstanceState.ROLLING_BACK);
        int failed = count(states, InstanceState.UPDATE_FAILED) + count(states, InstanceState.ROLLBACK_FAILED);
        int rolledBack = count(states, InstanceState.ROLLED_BACK);
        progressText.setText(updated + " / " + total + " updated"
                + (inFlight > 0 ? ", " + inFlight + " in flight" : "")
                + (failed > 0 ? ", " + failed + " failed" : "")
                + (rolledBack > 0 ? ", " + rolledBack + " rolled back" : ""));
        progress.removeAll();
        progress.add(Svg.bar(
                total,
                progressText.getText(),
                new Svg.Segment(updated, "ro-bar-updated", updated + " updated"),
                new Svg.Segment(inFlight, "ro-bar-in-flight", inFlight + " in flight"),
                new Svg.Segment(failed, "ro-bar-failed", failed + " failed"),
                new Svg.Segment(rolledBack, "ro-bar-rolled-back", rolledBack + " rolled back")));
        showSteps(states, rollout);
    }

    private void showSteps(Map<Integer, InstanceState> states, Rollout rollout) {
        steps.removeAll();
        List<List<Integer>> batches = details.batches();
        int current = -1;
        for (int b = 0; b < batches.size(); b++) {
            boolean done = batches.get(b).stream()
                    .allMatch(i -> FINISHED_FORWARD.contains(states.getOrDefault(i, InstanceState.PENDING)));
            if (!done && current < 0) {
                current = b;
            }
        }
        boolean active = !rollout.status().isTerminal() || replayAt != null;
        for (int b = 0; b < batches.size(); b++) {
            List<Integer> batch = batches.get(b);
            Span step = new Span("Batch " + (b + 1) + ": " + io.borealis.rollout.InstanceRanges.format(batch));
            step.addClassName("step");
            step.getElement().setAttribute("data-batch", Integer.toString(b + 1));
            boolean done = batch.stream()
                    .allMatch(i -> FINISHED_FORWARD.contains(states.getOrDefault(i, InstanceState.PENDING)));
            if (done) {
                step.addClassName("done");
            }
            if (b == current && active) {
                step.addClassName("current");
                step.getElement().setAttribute("aria-current", "step");
            }
            if (b < batches.size() - 1 && rollout.settings().pausesAfter(b + 1)) {
                step.addClassName("checkpoint");
                step.getElement().setAttribute("title", "Checkpoint: pauses after this batch until a lead resumes");
            }
            steps.add(step);
        }
    }

    private void showTimeline(List<RolloutEvent> events, List<InstanceEvent> instanceEvents) {
        record Line(Instant at, long order, String text, String css) {}
        List<Line> lines = new ArrayList<>();
        for (RolloutEvent e : events) {
            lines.add(new Line(
                    e.at(),
                    e.id() * 2,
                    RolloutStates.label(e.status()) + " — " + e.actor()
                            + (e.message() == null ? "" : ": " + e.message()),
                    "status"));
        }
        for (InstanceEvent e : instanceEvents) {
            lines.add(new Line(
                    e.at(),
                    e.id() * 2 + 1,
                    "Instance " + e.instanceId() + " " + RolloutStates.label(e.state())
                            + (e.message() == null ? "" : ": " + e.message()),
                    "instance " + RolloutStates.cssClass(e.state())));
        }
        lines.sort(java.util.Comparator.comparing(Line::at).reversed());
        timeline.removeAll();
        timeline.getElement().removeAllChildren();
        Element list = new Element("ul");
        list.getClassList().add("borealis-timeline");
        for (Line line : lines) {
            Element item = new Element("li");
            item.setAttribute("class", line.css());
            item.appendChild(new Element("span").setText(Formats.clock(line.at())));
            item.getChildren().findFirst().ifPresent(c -> c.getClassList().add("when"));
            item.appendChild(new Element("span").setText(line.text()));
            list.appendChild(item);
        }
        timeline.getElement().appendChild(list);
    }

    /** The timeline's lines, newest first (for tests). */
    List<String> timelineLines() {
        List<String> lines = new ArrayList<>();
        timeline.getElement()
                .getChildren()
                .forEach(list -> list.getChildren().forEach(item -> lines.add(item.getTextRecursively())));
        return lines;
    }

    private static int count(Map<Integer, InstanceState> states, InstanceState state) {
        return (int) states.values().stream().filter(s -> s == state).count();
    }

    private GuardedButton control(
            String text, VaadinIcon icon, String buttonId, boolean dangerous, RolloutControl what) {
        Button button = new Button(text, icon.create(), e -> run(what));
        button.setId(buttonId);
        if (dangerous) {
            button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        return new GuardedButton(button);
    }

    static Div fact(String term, String value) {
        Span label = new Span(term);
        label.addClassName("borealis-fact-label");
        Span text = new Span(value);
        text.addClassName("borealis-fact-value");
        Div fact = new Div(label, text);
        fact.addClassName("borealis-fact");
        return fact;
    }

    /** The page's current data (for tests). */
    RolloutDetails details() {
        return details;
    }
}
