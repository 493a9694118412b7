package io.borealis.ui.rollout;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.borealis.auth.access.Action;
import io.borealis.auth.access.Decision;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.team.TeamService;
import io.borealis.error.BorealisException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.job.Job;
import io.borealis.job.JobKey;
import io.borealis.job.JobSpec;
import io.borealis.job.spec.JobSpecFormat;
import io.borealis.quota.QuotaExceededException;
import io.borealis.rollout.InstanceRanges;
import io.borealis.rollout.Rollout;
import io.borealis.rollout.RolloutPlan;
import io.borealis.rollout.RolloutService;
import io.borealis.rollout.RolloutSettings;
import io.borealis.scheduler.JobService;
import io.borealis.ui.job.JobView;
import io.borealis.ui.launch.RawSpecEditor;
import io.borealis.ui.launch.SpecForm;
import io.borealis.ui.support.ErrorHandling;
import io.borealis.ui.support.GuardedButton;
import io.borealis.ui.support.Notices;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Starting a rollout of a service job: the new configuration edited in the launch form or as the
 * job's spec (JSON or YAML), the two kept in step and starting from what runs now, the settings (strategy, batch sizes, minimum wait, failure
 * limits, automatic rollback, canary instances, checkpoints), and, as people type, the field-by-field
 * diff against the running configuration and the plan (batches, instances per batch, quota impact),
 * with every problem shown on its field. Nothing starts until "Start rollout"; it lands on the
 * rollout's page.
 */
@Route("jobs/:team/:environment/:name/rollout/new")
@PermitAll
public class RolloutStartView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    final SpecForm form;
    final RawSpecEditor raw;
    final RadioButtonGroup<RolloutSettings.Strategy> strategy = new RadioButtonGroup<>("Strategy");
    final TextField batchSizes = new TextField("Batch size");
    final IntegerField minWait = new IntegerField("Minimum wait (s)");
    final IntegerField maxFailuresPerInstance = new IntegerField("Failures allowed per instance");
    final IntegerField maxFailedInstances = new IntegerField("Failed instances allowed");
    final Checkbox rollbackOnFailure = new Checkbox("Roll back automatically on failure", true);
    final TextField onlyInstances = new TextField("Canary: only these instances");
    final Checkbox pauseAfterEachBatch = new Checkbox("Pause after each batch");
    final TextField pauseAfterBatches = new TextField("Pause after batches");
    final TextField message = new TextField("Message");
    final DiffTable diff = new DiffTable();
    final Div plan = new Div();
    final Paragraph quota = new Paragraph();
    final Div problems = new Div();
    final GuardedButton start;

    private final RolloutService rollouts;
    private final JobService jobs;
    private final TeamAccess access;
    private final TeamService teams;
    private boolean syncing;
    private JobKey key;
    private JobSpec spec;
    private RolloutPlan lastPlan;
    private Decision allowed = Decision.ALLOWED;

    public RolloutStartView(RolloutService rollouts, JobService jobs, TeamAccess access, TeamService teams) {
        this.rollouts = rollouts;
        this.jobs = jobs;
        this.access = access;
        this.teams = teams;
        setId("rollout-start-view");
        addClassNames("borealis-page", "borealis-rollout-start");
        form = new SpecForm(teams.visibleTeams(), this::formChanged);
        form.setId("rollout-spec-form");
        raw = new RawSpecEditor(parsed -> {
            syncing = true;
            try {
                form.fill(parsed);
            } finally {
                syncing = false;
            }
            spec = parsed;
            update();
        });
        raw.text.addValueChangeListener(e -> {
            if (raw.text.isInvalid()) {
                update();
            }
        });

        strategy.setId("rollout-strategy");
        strategy.setItems(RolloutSettings.Strategy.values());
        strategy.setItemLabelGenerator(s -> switch (s) {
            case FIXED -> "Fixed batches";
            case VARIABLE -> "Growing batches";
            case SLIDING_WINDOW -> "Sliding window";
        });
        strategy.setValue(RolloutSettings.Strategy.FIXED);
        batchSizes.setId("rollout-batch-sizes");
        batchSizes.setValue("1");
        batchSizes.setHelperText("Growing batches: sizes separated by commas, e.g. 1,5,20 (the last repeats)");
        minWait.setId("rollout-min-wait");
        minWait.setValue(45);
        minWait.setHelperText("How long a new task must run healthy before its instance counts as updated");
        maxFailuresPerInstance.setId("rollout-max-failures-per-instance");
        maxFailuresPerInstance.setValue(0);
        maxFailedInstances.setId("rollout-max-failed-instances");
        maxFailedInstances.setValue(0);
        rollbackOnFailure.setId("rollout-rollback-on-failure");
        onlyInstances.setId("rollout-only-instances");
        onlyInstances.setPlaceholder("all");
        onlyInstances.setHelperText("e.g. 0-1 (empty: every instance)");
        pauseAfterEachBatch.setId("rollout-pause-each");
        pauseAfterBatches.setId("rollout-pause-after");
        pauseAfterBatches.setPlaceholder("none");
        pauseAfterBatches.setHelperText("Checkpoints, counted from 1, e.g. 1,3: a lead resumes");
        message.setId("rollout-start-message");
        message.setPlaceholder("Why (kept in the history and the audit log)");
        message.setMaxLength(2000);
        for (TextField field : List.of(batchSizes, onlyInstances, pauseAfterBatches)) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setManualValidation(true);
            field.addValueChangeListener(e -> update());
        }
        for (IntegerField field : List.of(minWait, maxFailuresPerInstance, maxFailedInstances)) {
            field.setManualValidation(true);
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.addValueChangeListener(e -> update());
        }
        strategy.addValueChangeListener(e -> update());
        rollbackOnFailure.addValueChangeListener(e -> update());
        pauseAfterEachBatch.addValueChangeListener(e -> update());

        Button startButton = new Button("Start rollout", VaadinIcon.PLAY.create(), e -> startRollout());
        startButton.setId("rollout-start");
        startButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start = new GuardedButton(startButton);
        Button cancel =
                new Button("Cancel", e -> getUI().ifPresent(ui -> ui.navigate(JobView.class, JobView.parameters(key))));
        cancel.setId("rollout-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        plan.setId("rollout-plan");
        quota.setId("rollout-quota");
        diff.setId("rollout-start-diff");
        problems.setId("rollout-problems");
        problems.addClassName("borealis-problems");
        problems.setVisible(false);

        Div settingsGrid = new Div(
                strategy,
                batchSizes,
                minWait,
                maxFailuresPerInstance,
                maxFailedInstances,
                rollbackOnFailure,
                onlyInstances,
                pauseAfterEachBatch,
                pauseAfterBatches,
                message);
        settingsGrid.addClassName("borealis-form-grid");
        Div settingsCard = new Div(new H3("Settings"), settingsGrid);
        settingsCard.addClassName("borealis-card");
        Div planCard = new Div(
                new H3("Changes against the running configuration"),
                diff,
                new H3("Plan"),
                plan,
                quota,
                problems,
                new Div(start, cancel));
        planCard.addClassName("borealis-card");
        Div left = new Div(settingsCard, raw, form);
        Div columns = new Div(left, planCard);
        columns.addClassName("borealis-rollout-columns");
        add(new H2("Start a rollout"), columns);
    }

    /** The route parameters of a job's rollout form. */
    public static RouteParameters parameters(JobKey key) {
        return JobView.parameters(key);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String team = event.getRouteParameters().get("team").orElse("");
        String environment = event.getRouteParameters().get("environment").orElse("");
        String name = event.getRouteParameters().get("name").orElse("");
        try {
            key = JobKey.of(team, environment, name);
        } catch (InvalidInputException e) {
            throw new NotFoundException("There is no job " + team + "/" + environment + "/" + name + ".");
        }
        Job job = jobs.job(key).job();
        if (!job.isActive() || job.currentConfig() == null) {
            throw new NotFoundException("There is no active job " + key + ".");
        }
        allowed = access.check(Action.START_ROLLOUTS, key.team());
        spec = job.spec();
        form.fill(spec);
        form.lockJob("A rollout changes this job's configuration; its key and kind stay.");
        raw.notation.setValue(JobSpecFormat.Notation.YAML);
        raw.show(spec);
        update();
    }

    @Override
    public String getPageTitle() {
        return key == null ? "Start a rollout" : "Roll out " + key;
    }

    /** The form changed: the text follows, and the plan is made again. */
    private void formChanged() {
        if (syncing || key == null) {
            return;
        }
        JobSpec typed = form.spec();
        spec = new JobSpec(key, typed.kind(), typed.task(), typed.instances());
        raw.show(spec);
        update();
    }

    /** The settings as typed, or null (with the problems shown on their fields) when they do not parse. */
    RolloutSettings settings(List<FieldProblem> found) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : batchSizes.getValue().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                sizes.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                found.add(new FieldProblem(
                        "settings.batchSizes", "write whole numbers separated by commas, e.g. 1,5,20"));
                break;
            }
        }
        SortedSet<Integer> canary = new TreeSet<>();
        try {
            canary = InstanceRanges.parse(onlyInstances.getValue(), "settings.onlyInstances");
        } catch (InvalidInputException e) {
            found.addAll(e.problems());
        }
        SortedSet<Integer> checkpoints = new TreeSet<>();
        for (String part : pauseAfterBatches.getValue().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                checkpoints.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                found.add(new FieldProblem(
                        "settings.pauseAfterBatches", "write batch numbers separated by commas, e.g. 1,3"));
                break;
            }
        }
        required(minWait, "settings.minWaitSeconds", found);
        required(maxFailuresPerInstance, "settings.maxFailuresPerInstance", found);
        required(maxFailedInstances, "settings.maxFailedInstances", found);
        if (!found.isEmpty()) {
            return null;
        }
        return new RolloutSettings(
                strategy.getValue(),
                sizes,
                minWait.getValue(),
                maxFailuresPerInstance.getValue(),
                maxFailedInstances.getValue(),
                rollbackOnFailure.getValue(),
                canary,
                pauseAfterEachBatch.getValue(),
                checkpoints);
    }

    private static void required(IntegerField field, String path, List<FieldProblem> found) {
        if (field.getValue() == null) {
            found.add(new FieldProblem(path, "is required (a whole number)"));
        }
    }

    /** Plans again with what is typed: shows the diff, the plan, the quota and every problem. */
    void update() {
        if (key == null) {
            return;
        }
        lastPlan = null;
        List<FieldProblem> found = new ArrayList<>();
        RolloutSettings settings = settings(found);
        boolean textBroken = raw.text.isInvalid();
        if (!textBroken && spec != null && !key.equals(spec.key())) {
            found.add(new FieldProblem("key", "must stay " + key + ": a rollout changes this job only"));
        }
        String refusal = null;
        if (settings != null && found.isEmpty() && !textBroken) {
            try {
                lastPlan = rollouts.plan(key, spec.task(), spec.instances(), settings);
            } catch (InvalidInputException e) {
                found.addAll(e.problems());
            } catch (BorealisException e) {
                refusal = ErrorHandling.messageFor(e);
            }
        }
        showProblems(found, refusal);
        showPlan();
        if (!allowed.allowed()) {
            start.guard(allowed);
        } else if (textBroken) {
            start.refuse("Fix the spec text first.");
        } else if (!found.isEmpty() || refusal != null || lastPlan == null) {
            start.refuse("Fix the problems shown first.");
        } else if (lastPlan.unchanged()) {
            start.refuse("Nothing to roll out: every instance already runs this configuration.");
        } else if (!lastPlan.quotaShortfalls().isEmpty()) {
            start.refuse("The team's quota does not cover this rollout.");
        } else {
            start.refuse(null);
        }
    }

    private void showProblems(List<FieldProblem> found, String refusal) {
        Map<HasValidation, List<String>> byField = new LinkedHashMap<>();
        List<HasValidation> fields = List.of(
                batchSizes, minWait, maxFailuresPerInstance, maxFailedInstances, onlyInstances, pauseAfterBatches);
        List<String> other = new ArrayList<>();
        List<FieldProblem> specProblems = new ArrayList<>();
        for (FieldProblem problem : found) {
            HasValidation field = fieldOf(problem.field());
            if (field == null
                    && (problem.field().startsWith("task") || problem.field().equals("instances"))) {
                specProblems.add(problem);
            } else if (field != null) {
                byField.computeIfAbsent(field, f -> new ArrayList<>()).add(capitalise(problem.message()));
            } else {
                other.add(problem.field() + ": " + problem.message());
            }
        }
        for (HasValidation field : fields) {
            List<String> messages = byField.get(field);
            field.setInvalid(messages != null);
            field.setErrorMessage(messages == null ? null : String.join("; ", messages));
        }
        for (FieldProblem problem : form.showProblems(specProblems, true)) {
            other.add(problem.field() + ": " + problem.message());
        }
        if (refusal != null) {
            other.add(refusal);
        }
        problems.removeAll();
        other.forEach(text -> problems.add(new Paragraph(text)));
        problems.setVisible(!other.isEmpty());
    }

    private HasValidation fieldOf(String path) {
        if (path.startsWith("settings.batchSizes")) {
            return batchSizes;
        }
        return switch (path) {
            case "settings.minWaitSeconds" -> minWait;
            case "settings.maxFailuresPerInstance" -> maxFailuresPerInstance;
            case "settings.maxFailedInstances" -> maxFailedInstances;
            case "settings.onlyInstances" -> onlyInstances;
            case "settings.pauseAfterBatches" -> pauseAfterBatches;
            default -> null;
        };
    }

    private void showPlan() {
        plan.removeAll();
        if (lastPlan == null) {
            diff.show(List.of());
            quota.setText("");
            plan.add(new Paragraph("The plan shows here once the configuration and settings are valid."));
            return;
        }
        diff.show(lastPlan.changes());
        if (lastPlan.unchanged()) {
            plan.add(new Paragraph("Nothing to roll out: every chosen instance already runs this configuration."));
        } else {
            List<String> what = new ArrayList<>();
            if (!lastPlan.add().isEmpty()) {
                what.add("add " + InstanceRanges.format(lastPlan.add()));
            }
            if (!lastPlan.change().isEmpty()) {
                what.add("change " + InstanceRanges.format(lastPlan.change()));
            }
            if (!lastPlan.remove().isEmpty()) {
                what.add("remove " + InstanceRanges.format(lastPlan.remove()));
            }
            Paragraph summary = new Paragraph(lastPlan.batches().size() + " batch"
                    + (lastPlan.batches().size() == 1 ? "" : "es") + "; instances: " + String.join(", ", what) + ".");
            summary.setId("rollout-plan-summary");
            plan.add(summary);
            Div steps = new Div();
            steps.addClassName("borealis-steps");
            RolloutSettings settings = settings(new ArrayList<>());
            for (int b = 0; b < lastPlan.batches().size(); b++) {
                List<Integer> batch = lastPlan.batches().get(b);
                com.vaadin.flow.component.html.Span step = new com.vaadin.flow.component.html.Span("Batch " + (b + 1)
                        + ": " + InstanceRanges.format(batch) + " (" + batch.size() + " instance"
                        + (batch.size() == 1 ? "" : "s") + ")");
                step.addClassName("step");
                if (settings != null && b < lastPlan.batches().size() - 1 && settings.pausesAfter(b + 1)) {
                    step.addClassName("checkpoint");
                }
                steps.add(step);
            }
            plan.add(steps);
        }
        quota.setText(
                lastPlan.quotaShortfalls().isEmpty()
                        ? "Fits team " + key.team() + "'s production quota (counting the larger of the old and new "
                                + "configuration per instance)."
                        : "Team " + key.team() + "'s quota is short: "
                                + lastPlan.quotaShortfalls().stream()
                                        .map(s -> s.resource() + " missing " + s.missing())
                                        .collect(Collectors.joining(", "))
                                + ".");
    }

    private void startRollout() {
        update();
        if (!start.isAllowed()) {
            return;
        }
        try {
            Rollout rollout = rollouts.start(
                    key,
                    spec.task(),
                    spec.instances(),
                    settings(new ArrayList<>()),
                    message.getValue().isBlank() ? null : message.getValue());
            Notices.success("Rollout " + rollout.id() + " of " + key + " started.");
            getUI().ifPresent(ui -> ui.navigate(RolloutView.class, RolloutView.parameters(rollout.id())));
        } catch (InvalidInputException e) {
            showProblems(e.problems(), null);
        } catch (QuotaExceededException e) {
            quota.setText(e.getMessage());
        } catch (BorealisException e) {
            showProblems(List.of(), ErrorHandling.messageFor(e));
        }
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The plan shown (for tests). */
    RolloutPlan plan() {
        return lastPlan;
    }
}
