package io.borealis.ui.launch;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.borealis.auth.team.Team;
import io.borealis.error.FieldProblem;
import io.borealis.job.Constraint;
import io.borealis.job.HealthCheck;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.ProcessSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.job.Tier;
import io.borealis.job.spec.JobSpecDocument;
import io.borealis.ui.support.InlineError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every field of a job spec as a form, in sections: the job, its processes, resources, ports,
 * environment, placement constraints, health check, and lifecycle and ownership. It builds a
 * {@link JobSpec} from what is typed, fills itself from one, and shows validation problems next to
 * the fields they name (the validator's field paths, such as {@code task.resources.cpus}). A field
 * shows its problem once somebody changed it, or once all problems are asked for.
 */
public class SpecForm extends Div {

    static final String HEALTH_NONE = "None";
    static final String HEALTH_HTTP = "HTTP";
    static final String HEALTH_COMMAND = "Command";

    private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d+)](?:\\.(.+))?");

    // the job
    final Select<String> team = new Select<>();
    final TextField environment = new TextField("Environment");
    final TextField name = new TextField("Name");
    final RadioButtonGroup<JobKind> kind = new RadioButtonGroup<>("Kind");
    final IntegerField instances = new IntegerField("Instances");

    // processes
    final Rows<ProcessRow> processes = new Rows<>();
    final InlineError processesError = new InlineError();

    // resources
    final NumberField cpus = new NumberField("CPUs per instance");
    final IntegerField ramMb = new IntegerField("Memory per instance");
    final IntegerField diskMb = new IntegerField("Disk per instance");

    // ports, environment, constraints
    final Rows<PortRow> ports = new Rows<>();
    final InlineError portsError = new InlineError();
    final Rows<PairRow> variables = new Rows<>();
    final InlineError variablesError = new InlineError();
    final Rows<ConstraintRow> constraints = new Rows<>();
    final InlineError constraintsError = new InlineError();

    // health check
    final RadioButtonGroup<String> healthKind = new RadioButtonGroup<>("Health check");
    final ComboBox<String> healthPort = new ComboBox<>("Port");
    final TextField healthPath = new TextField("Path");
    final TextField healthCommand = new TextField("Command");
    final IntegerField healthInterval = new IntegerField("Every (s)");
    final IntegerField healthTimeout = new IntegerField("Timeout (s)");
    final IntegerField healthGrace = new IntegerField("Grace after start (s)");
    final IntegerField healthFailures = new IntegerField("Failures in a row");
    private final Div healthHttp;
    private final Div healthCommandRow;
    private final Div healthTiming;

    // lifecycle and ownership
    final RadioButtonGroup<Tier> tier = new RadioButtonGroup<>("Tier");
    final IntegerField maxTaskFailures = new IntegerField("Max failures per instance");
    final IntegerField killGrace = new IntegerField("Kill grace period (s)");
    final TextField owner = new TextField("Owner");
    final Rows<PairRow> metadata = new Rows<>();
    final InlineError metadataError = new InlineError();

    private final Runnable onChange;
    private final Set<Object> touched = new HashSet<>();
    private List<String> portItems = List.of();
    private boolean syncing;

    public SpecForm(List<Team> teams, Runnable onChange) {
        this.onChange = onChange;
        addClassName("borealis-spec-form");
        add(jobSection(teams), processSection(), resourceSection(), portSection(), environmentSection());
        add(constraintSection());
        healthHttp = new Div(healthPort, healthPath);
        healthCommandRow = new Div(healthCommand);
        healthTiming = new Div(healthInterval, healthTimeout, healthGrace, healthFailures);
        add(healthSection(), lifecycleSection());
        fill(defaults(teams.size() == 1 ? teams.getFirst().slug() : null));
    }

    /** A new job's starting point. */
    static JobSpec defaults(String team) {
        TaskConfig task = new TaskConfig(
                List.of(new ProcessSpec("main", "")),
                new Resources(0.25, 256, 512),
                List.of(),
                Map.of(),
                List.of(),
                null,
                JobSpecDocument.DEFAULT_MAX_TASK_FAILURES,
                Tier.PREFERRED,
                JobSpecDocument.DEFAULT_KILL_GRACE_SECONDS,
                null,
                Map.of());
        return new JobSpec(new JobKey(team == null ? "" : team, "devel", ""), JobKind.SERVICE, task, 1);
    }

    /**
     * Locks the job's identity (team, environment, name, kind): for editing an existing job's
     * configuration, e.g. the new configuration of a rollout.
     */
    public void lockJob(String reason) {
        team.setReadOnly(true);
        environment.setReadOnly(true);
        name.setReadOnly(true);
        kind.setReadOnly(true);
        name.setHelperText(reason);
    }

    // sections

    private Component jobSection(List<Team> teams) {
        team.setLabel("Team");
        team.setId("spec-team");
        team.setItems(teams.stream().map(Team::slug).toList());
        Map<String, String> names = new LinkedHashMap<>();
        teams.forEach(t -> names.put(t.slug(), t.displayName()));
        team.setItemLabelGenerator(slug -> names.containsKey(slug) ? names.get(slug) + " (" + slug + ")" : slug);
        team.setPlaceholder("Choose a team");
        team.setHelperText("Teams where you may launch jobs; the job uses its quota.");
        environment.setId("spec-environment");
        environment.setHelperText("e.g. prod, staging, devel");
        name.setId("spec-name");
        name.setHelperText("Unique within team and environment.");
        kind.setId("spec-kind");
        kind.setItems(JobKind.SERVICE, JobKind.ADHOC);
        kind.setItemLabelGenerator(k -> k == JobKind.SERVICE ? "Service: kept running" : "Adhoc: runs to completion");
        instances.setId("spec-instances");
        instances.setStepButtonsVisible(true);
        instances.setStep(1);
        watch(team, environment, name, kind, instances);
        lazy(environment, name, instances);
        Div row = grid(team, environment, name);
        Div second = grid(kind, instances);
        return section("Job", "Who owns it and how many copies run.", "spec-section-job", row, second);
    }

    private Component processSection() {
        processesError.setId("spec-processes-error");
        Button add = addButton("Add process", "spec-add-process", () -> addProcess(new ProcessSpec("", "")));
        return section(
                "Processes",
                "Run one after another with /bin/sh in the task's sandbox. A service's last process keeps running."
                        + " $PORT and $BOREALIS_PORT_<NAME> hold the assigned ports.",
                "spec-section-processes",
                processes,
                processesError,
                add);
    }

    private Component resourceSection() {
        cpus.setId("spec-cpus");
        cpus.setStep(0.05);
        cpus.setStepButtonsVisible(true);
        cpus.setHelperText("Cores; fractions allowed (0.01 to 64).");
        ramMb.setId("spec-ram");
        ramMb.setSuffixComponent(unit("MB"));
        ramMb.setStep(64);
        ramMb.setHelperText("At least 4 MB.");
        diskMb.setId("spec-disk");
        diskMb.setSuffixComponent(unit("MB"));
        diskMb.setStep(64);
        diskMb.setHelperText("Sandbox disk, at least 1 MB.");
        watch(cpus, ramMb, diskMb);
        lazy(cpus, ramMb, diskMb);
        return section(
                "Resources",
                "What each instance gets. Production-tier instances count against the team's quota.",
                "spec-section-resources",
                grid(cpus, ramMb, diskMb));
    }

    private Component portSection() {
        portsError.setId("spec-ports-error");
        Button add = addButton("Add port", "spec-add-port", () -> addPort(""));
        return section(
                "Ports",
                "Names of the ports each instance needs (e.g. http). Numbers are assigned at launch.",
                "spec-section-ports",
                ports,
                portsError,
                add);
    }

    private Component environmentSection() {
        variablesError.setId("spec-environment-error");
        Button add = addButton("Add variable", "spec-add-variable", () -> addVariable("", ""));
        return section(
                "Environment",
                "Extra environment variables. BOREALIS_* and PORT are set by Borealis.",
                "spec-section-environment",
                variables,
                variablesError,
                add);
    }

    private Component constraintSection() {
        constraintsError.setId("spec-constraints-error");
        Button add = addButton(
                "Add constraint",
                "spec-add-constraint",
                () -> addConstraint(new Constraint("", Constraint.Kind.VALUE, List.of(), false, 0)));
        return section(
                "Placement constraints",
                "Where instances may run, by agent attribute (host, rack...): a value they must (not) have, or"
                        + " a limit of instances per value.",
                "spec-section-constraints",
                constraints,
                constraintsError,
                add);
    }

    private Component healthSection() {
        healthKind.setId("spec-health-kind");
        healthKind.setItems(HEALTH_NONE, HEALTH_HTTP, HEALTH_COMMAND);
        healthPort.setId("spec-health-port");
        healthPort.setAllowCustomValue(true);
        healthPort.addCustomValueSetListener(e -> healthPort.setValue(e.getDetail()));
        healthPort.setHelperText("One of the ports above.");
        healthPath.setId("spec-health-path");
        healthPath.setPlaceholder("/health");
        healthPath.setHelperText("2xx or 3xx is healthy.");
        healthCommand.setId("spec-health-command");
        healthCommand.setHelperText("Runs in the sandbox; exit 0 is healthy.");
        healthCommand.addClassName("borealis-code-field");
        healthInterval.setId("spec-health-interval");
        healthTimeout.setId("spec-health-timeout");
        healthGrace.setId("spec-health-grace");
        healthFailures.setId("spec-health-failures");
        watch(healthKind, healthPort, healthPath, healthCommand);
        watch(healthInterval, healthTimeout, healthGrace, healthFailures);
        lazy(healthPath, healthCommand, healthInterval, healthTimeout, healthGrace, healthFailures);
        healthHttp.addClassName("borealis-form-grid");
        healthCommandRow.addClassName("borealis-form-grid");
        healthTiming.addClassName("borealis-form-grid");
        return section(
                "Health check",
                "A task with a health check counts as RUNNING once healthy, and is replaced when it stays unhealthy.",
                "spec-section-health",
                healthKind,
                healthHttp,
                healthCommandRow,
                healthTiming);
    }

    private Component lifecycleSection() {
        tier.setId("spec-tier");
        tier.setItems(Tier.PREFERRED, Tier.PREEMPTIBLE);
        tier.setItemLabelGenerator(t ->
                t == Tier.PREFERRED ? "Production (counts against quota)" : "Preemptible (best effort, outside quota)");
        maxTaskFailures.setId("spec-max-failures");
        maxTaskFailures.setHelperText("Adhoc jobs: retries per instance; -1 for unlimited.");
        killGrace.setId("spec-kill-grace");
        killGrace.setHelperText("Between the polite and the forced stop (0 to 600).");
        owner.setId("spec-owner");
        owner.setHelperText("Who to contact, e.g. an email address.");
        metadataError.setId("spec-metadata-error");
        watch(tier, maxTaskFailures, killGrace, owner);
        lazy(maxTaskFailures, killGrace, owner);
        Button add = addButton("Add metadata", "spec-add-metadata", () -> addMetadata("", ""));
        return section(
                "Lifecycle and ownership",
                "How failures and kills are handled, and who the job belongs to.",
                "spec-section-lifecycle",
                tier,
                grid(maxTaskFailures, killGrace, owner),
                metadata,
                metadataError,
                add);
    }

    // building and filling

    /** The spec as the form stands; never null, possibly invalid. */
    public JobSpec spec() {
        JobKey key = new JobKey(text(team.getValue()), text(environment.getValue()), text(name.getValue()));
        List<ProcessSpec> processList = processes.rows().stream()
                .map(row -> new ProcessSpec(text(row.name.getValue()), nullToEmpty(row.command.getValue())))
                .toList();
        Resources resources = new Resources(
                cpus.getValue() == null ? 0 : cpus.getValue(),
                ramMb.getValue() == null ? 0 : ramMb.getValue(),
                diskMb.getValue() == null ? 0 : diskMb.getValue());
        List<String> portList =
                ports.rows().stream().map(row -> text(row.name.getValue())).toList();
        List<Constraint> constraintList =
                constraints.rows().stream().map(ConstraintRow::constraint).toList();
        TaskConfig task = new TaskConfig(
                processList,
                resources,
                portList,
                pairs(variables),
                constraintList,
                healthCheck(),
                orElse(maxTaskFailures.getValue(), -2),
                tier.getValue() == null ? Tier.PREFERRED : tier.getValue(),
                orElse(killGrace.getValue(), -1),
                owner.getValue() == null || owner.getValue().isBlank()
                        ? null
                        : owner.getValue().strip(),
                pairs(metadata));
        return new JobSpec(key, kind.getValue(), task, orElse(instances.getValue(), 0));
    }

    private HealthCheck healthCheck() {
        String chosen = healthKind.getValue();
        if (chosen == null || chosen.equals(HEALTH_NONE)) {
            return null;
        }
        int interval = orElse(healthInterval.getValue(), 0);
        int timeout = orElse(healthTimeout.getValue(), 0);
        int grace = orElse(healthGrace.getValue(), -1);
        int failures = orElse(healthFailures.getValue(), 0);
        if (chosen.equals(HEALTH_HTTP)) {
            return new HealthCheck(
                    HealthCheck.Kind.HTTP,
                    text(healthPort.getValue()),
                    text(healthPath.getValue()),
                    null,
                    interval,
                    timeout,
                    grace,
                    failures);
        }
        return new HealthCheck(
                HealthCheck.Kind.COMMAND,
                null,
                null,
                nullToEmpty(healthCommand.getValue()),
                interval,
                timeout,
                grace,
                failures);
    }

    /** Shows a spec in the form (a template, the raw text, the defaults). */
    public void fill(JobSpec spec) {
        syncing = true;
        try {
            JobKey key = spec.key() == null ? new JobKey("", "", "") : spec.key();
            team.setValue(key.team() == null || key.team().isEmpty() ? null : key.team());
            environment.setValue(nullToEmpty(key.environment()));
            name.setValue(nullToEmpty(key.name()));
            kind.setValue(spec.kind() == null ? JobKind.SERVICE : spec.kind());
            instances.setValue(spec.instances());
            TaskConfig task = spec.task() == null ? defaults(null).task() : spec.task();
            processes.clear();
            task.processes().forEach(p -> addProcess(p == null ? new ProcessSpec("", "") : p));
            Resources resources = task.resources() == null ? Resources.NONE : task.resources();
            cpus.setValue(resources.cpus());
            ramMb.setValue((int) Math.min(Integer.MAX_VALUE, resources.ramMb()));
            diskMb.setValue((int) Math.min(Integer.MAX_VALUE, resources.diskMb()));
            ports.clear();
            task.ports().forEach(this::addPort);
            variables.clear();
            new java.util.TreeMap<>(task.environment()).forEach(this::addVariable);
            constraints.clear();
            task.constraints()
                    .forEach(c -> addConstraint(
                            c == null ? new Constraint("", Constraint.Kind.VALUE, List.of(), false, 0) : c));
            HealthCheck check = task.healthCheck();
            HealthCheck timing = check == null ? HealthCheck.http("", "/") : check;
            healthKind.setValue(
                    check == null
                            ? HEALTH_NONE
                            : check.kind() == HealthCheck.Kind.COMMAND ? HEALTH_COMMAND : HEALTH_HTTP);
            refreshPortItems();
            healthPort.setValue(check == null || check.port() == null ? null : check.port());
            healthPath.setValue(check == null || check.path() == null ? "/" : check.path());
            healthCommand.setValue(check == null || check.command() == null ? "" : check.command());
            healthInterval.setValue(timing.intervalSeconds());
            healthTimeout.setValue(timing.timeoutSeconds());
            healthGrace.setValue(timing.gracePeriodSeconds());
            healthFailures.setValue(timing.consecutiveFailures());
            tier.setValue(task.tier());
            maxTaskFailures.setValue(task.maxTaskFailures());
            killGrace.setValue(task.killGracePeriodSeconds());
            owner.setValue(nullToEmpty(task.owner()));
            metadata.clear();
            new java.util.TreeMap<>(task.metadata()).forEach(this::addMetadata);
            showHealthFields();
        } finally {
            syncing = false;
        }
    }

    // problems

    /** Problems only the form can see (the spec's maps cannot hold a name twice). */
    public List<FieldProblem> formProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        pairProblems(variables, "form.environment", "variable", problems);
        pairProblems(metadata, "form.metadata", "key", problems);
        return problems;
    }

    private static void pairProblems(Rows<PairRow> rows, String prefix, String what, List<FieldProblem> problems) {
        Set<String> seen = new HashSet<>();
        List<PairRow> list = rows.rows();
        for (int i = 0; i < list.size(); i++) {
            PairRow row = list.get(i);
            String key = text(row.key.getValue());
            if (key.isEmpty() && !nullToEmpty(row.value.getValue()).isEmpty()) {
                problems.add(new FieldProblem(prefix + "[" + i + "]", "needs a name"));
            } else if (!key.isEmpty() && !seen.add(key)) {
                problems.add(new FieldProblem(prefix + "[" + i + "]", "'" + key + "' is set twice: keep one"));
            }
        }
    }

    /**
     * Marks each problem on its field (if it was changed, or {@code all}); returns the problems no
     * field shows, for the list next to the form.
     */
    public List<FieldProblem> showProblems(List<FieldProblem> problems, boolean all) {
        for (HasValidation field : validatedFields()) {
            field.setInvalid(false);
            field.setErrorMessage(null);
        }
        List<FieldProblem> elsewhere = new ArrayList<>();
        for (FieldProblem problem : problems) {
            HasValidation field = locate(problem.field(), problem.message());
            if (field == null) {
                elsewhere.add(problem);
                continue;
            }
            if (!all && !touched.contains(field)) {
                continue;
            }
            String message = field.isInvalid() && field.getErrorMessage() != null
                    ? field.getErrorMessage() + "; " + problem.message()
                    : capitalise(problem.message());
            field.setErrorMessage(message);
            field.setInvalid(true);
        }
        return elsewhere;
    }

    /** The field that shows problems for a validator path, or null. */
    HasValidation locate(String path, String message) {
        switch (path) {
            case "key.team":
                return team;
            case "key.environment":
                return environment;
            case "key.name":
                return name;
            case "kind":
                return kind;
            case "instances":
                return instances;
            case "task.processes":
                return processesError;
            case "task.resources.cpus":
                return cpus;
            case "task.resources.ramMb":
                return ramMb;
            case "task.resources.diskMb":
                return diskMb;
            case "task.ports":
                return portsError;
            case "task.environment":
                return variablesError;
            case "task.constraints":
                return constraintsError;
            case "task.metadata":
                return metadataError;
            case "task.healthCheck.kind":
                return healthKind;
            case "task.healthCheck.port":
                return healthPort;
            case "task.healthCheck.path":
                return healthPath;
            case "task.healthCheck.command":
                return healthCommand;
            case "task.healthCheck.intervalSeconds":
                return healthInterval;
            case "task.healthCheck.timeoutSeconds":
                return healthTimeout;
            case "task.healthCheck.gracePeriodSeconds":
                return healthGrace;
            case "task.healthCheck.consecutiveFailures":
                return healthFailures;
            case "task.maxTaskFailures":
                return maxTaskFailures;
            case "task.killGracePeriodSeconds":
                return killGrace;
            case "task.owner":
                return owner;
            default:
                break;
        }
        if (path.startsWith("task.environment.")) {
            PairRow row = byKey(variables, path.substring("task.environment.".length()));
            if (row == null) {
                return variablesError;
            }
            return message.startsWith("is not a valid") || message.startsWith("is set by") ? row.key : row.value;
        }
        if (path.startsWith("task.metadata.")) {
            PairRow row = byKey(metadata, path.substring("task.metadata.".length()));
            if (row == null) {
                return metadataError;
            }
            return message.startsWith("key") ? row.key : row.value;
        }
        Matcher indexed = INDEXED.matcher(path);
        if (!indexed.matches()) {
            return null;
        }
        String list = indexed.group(1);
        int index = Integer.parseInt(indexed.group(2));
        String part = indexed.group(3);
        return switch (list) {
            case "task.processes" ->
                at(processes, index, row -> "name".equals(part) ? row.name : row.command, processesError);
            case "task.ports" -> at(ports, index, row -> row.name, portsError);
            case "task.constraints" -> at(constraints, index, row -> row.field(part), constraintsError);
            case "form.environment" -> at(variables, index, row -> row.key, variablesError);
            case "form.metadata" -> at(metadata, index, row -> row.key, metadataError);
            default -> null;
        };
    }

    private static <R extends Component> HasValidation at(
            Rows<R> rows, int index, java.util.function.Function<R, HasValidation> field, HasValidation fallback) {
        return index < rows.rows().size() ? field.apply(rows.rows().get(index)) : fallback;
    }

    private static PairRow byKey(Rows<PairRow> rows, String key) {
        return rows.rows().stream()
                .filter(row -> key.equals(text(row.key.getValue())))
                .findFirst()
                .orElse(null);
    }

    private List<HasValidation> validatedFields() {
        List<HasValidation> fields = new ArrayList<>(List.of(
                team,
                environment,
                name,
                kind,
                instances,
                processesError,
                cpus,
                ramMb,
                diskMb,
                portsError,
                variablesError,
                constraintsError,
                healthKind,
                healthPort,
                healthPath,
                healthCommand,
                healthInterval,
                healthTimeout,
                healthGrace,
                healthFailures,
                maxTaskFailures,
                killGrace,
                owner,
                metadataError));
        processes.rows().forEach(row -> fields.addAll(List.of(row.name, row.command)));
        ports.rows().forEach(row -> fields.add(row.name));
        variables.rows().forEach(row -> fields.addAll(List.of(row.key, row.value)));
        metadata.rows().forEach(row -> fields.addAll(List.of(row.key, row.value)));
        constraints.rows().forEach(row -> fields.addAll(row.fields()));
        return fields;
    }

    /** Whether somebody changed the field (its problems show without asking for all). */
    boolean touched(Object field) {
        return touched.contains(field);
    }

    // rows

    ProcessRow addProcess(ProcessSpec process) {
        ProcessRow row = new ProcessRow(this);
        row.name.setValue(nullToEmpty(process.name()));
        row.command.setValue(nullToEmpty(process.command()));
        processes.add(row);
        structureChanged(processesError);
        return row;
    }

    PortRow addPort(String portName) {
        PortRow row = new PortRow(this);
        row.name.setValue(nullToEmpty(portName));
        ports.add(row);
        structureChanged(portsError);
        return row;
    }

    PairRow addVariable(String key, String value) {
        PairRow row = new PairRow(this, "Name", "Value", "spec-variable");
        row.key.setValue(nullToEmpty(key));
        row.value.setValue(nullToEmpty(value));
        variables.add(row);
        structureChanged(variablesError);
        return row;
    }

    PairRow addMetadata(String key, String value) {
        PairRow row = new PairRow(this, "Key", "Value", "spec-metadata");
        row.key.setValue(nullToEmpty(key));
        row.value.setValue(nullToEmpty(value));
        metadata.add(row);
        structureChanged(metadataError);
        return row;
    }

    ConstraintRow addConstraint(Constraint constraint) {
        ConstraintRow row = new ConstraintRow(this);
        row.fill(constraint);
        constraints.add(row);
        structureChanged(constraintsError);
        return row;
    }

    void remove(Rows<?> rows, Component row, InlineError section) {
        rows.removeRow(row);
        structureChanged(section);
    }

    void move(Rows<?> rows, Component row, int delta, InlineError section) {
        rows.move(row, delta);
        structureChanged(section);
    }

    private void structureChanged(InlineError section) {
        if (syncing) {
            return;
        }
        touched.add(section);
        refreshPortItems();
        onChange.run();
    }

    // plumbing

    /** Registers fields whose changes count as edits by the person. */
    final void watch(HasValue<?, ?>... fields) {
        for (HasValue<?, ?> field : fields) {
            if (field instanceof HasValidation validated) {
                setManual(validated);
            }
            field.addValueChangeListener(e -> {
                if (syncing) {
                    return;
                }
                touched.add(field);
                if (field == healthKind) {
                    showHealthFields();
                }
                if (ports.rows().stream().anyMatch(row -> row.name == field)) {
                    refreshPortItems();
                }
                onChange.run();
            });
        }
    }

    private static void setManual(HasValidation field) {
        if (field instanceof com.vaadin.flow.component.textfield.TextFieldBase<?, ?> text) {
            text.setManualValidation(true);
        } else if (field instanceof Select<?> select) {
            select.setManualValidation(true);
        } else if (field instanceof ComboBox<?> combo) {
            combo.setManualValidation(true);
        } else if (field instanceof RadioButtonGroup<?> radio) {
            radio.setManualValidation(true);
        }
    }

    /** Fields people type in report changes while typing (after a short pause), not only on blur. */
    static void lazy(com.vaadin.flow.component.textfield.TextFieldBase<?, ?>... fields) {
        for (var field : fields) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setValueChangeTimeout(250);
        }
    }

    private void refreshPortItems() {
        List<String> names = ports.rows().stream()
                .map(row -> text(row.name.getValue()))
                .filter(n -> !n.isEmpty())
                .distinct()
                .toList();
        if (names.equals(portItems)) {
            return;
        }
        portItems = names;
        boolean wasSyncing = syncing;
        syncing = true;
        try {
            String current = healthPort.getValue();
            healthPort.setItems(names);
            healthPort.setValue(current);
        } finally {
            syncing = wasSyncing;
        }
    }

    private void showHealthFields() {
        String chosen = healthKind.getValue();
        healthHttp.setVisible(HEALTH_HTTP.equals(chosen));
        healthCommandRow.setVisible(HEALTH_COMMAND.equals(chosen));
        healthTiming.setVisible(chosen != null && !chosen.equals(HEALTH_NONE));
    }

    private static Map<String, String> pairs(Rows<PairRow> rows) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (PairRow row : rows.rows()) {
            String key = text(row.key.getValue());
            String value = nullToEmpty(row.value.getValue());
            if (!key.isEmpty()) {
                pairs.putIfAbsent(key, value);
            }
        }
        return pairs;
    }

    private static Component section(String title, String description, String id, Component... content) {
        Div section = new Div();
        section.setId(id);
        section.addClassNames("borealis-card", "borealis-form-section");
        H3 heading = new H3(title);
        Paragraph about = new Paragraph(description);
        about.addClassName("borealis-muted");
        section.add(heading, about);
        section.add(content);
        return section;
    }

    static Div grid(Component... fields) {
        Div grid = new Div(fields);
        grid.addClassName("borealis-form-grid");
        return grid;
    }

    private static Button addButton(String text, String id, Runnable action) {
        Button button = new Button(text, VaadinIcon.PLUS.create(), e -> action.run());
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return button;
    }

    private static Component unit(String text) {
        com.vaadin.flow.component.html.Span unit = new com.vaadin.flow.component.html.Span(text);
        unit.addClassName("borealis-unit");
        return unit;
    }

    static Button iconButton(VaadinIcon icon, String label, Runnable action) {
        Button button = new Button(icon.create(), e -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_SMALL);
        button.setAriaLabel(label);
        button.setTooltipText(label);
        return button;
    }

    static String text(String value) {
        return value == null ? "" : value.strip();
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static int orElse(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static String capitalise(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    // the row components

    /** An ordered list of rows of one kind. */
    static final class Rows<R extends Component> extends Div {
        private final List<R> rows = new ArrayList<>();

        Rows() {
            addClassName("borealis-rows");
        }

        List<R> rows() {
            return List.copyOf(rows);
        }

        void add(R row) {
            rows.add(row);
            super.add(row);
        }

        void removeRow(Component row) {
            rows.remove(row);
            super.remove(row);
        }

        void move(Component row, int delta) {
            int from = rows.indexOf(row);
            int to = from + delta;
            if (from < 0 || to < 0 || to >= rows.size()) {
                return;
            }
            R moved = rows.remove(from);
            rows.add(to, moved);
            removeAll();
            rows.forEach(super::add);
        }

        void clear() {
            rows.clear();
            removeAll();
        }
    }

    /** A process: name and command, with buttons to move or remove it. */
    static final class ProcessRow extends Div {
        final TextField name = new TextField("Process name");
        final TextArea command = new TextArea("Command");

        ProcessRow(SpecForm form) {
            addClassNames("borealis-row", "borealis-process-row");
            name.addClassName("spec-process-name");
            name.setWidth("12em");
            command.addClassNames("spec-process-command", "borealis-code-field");
            command.setPlaceholder("exec python3 -m http.server $PORT");
            form.watch(name, command);
            lazy(name, command);
            Div buttons = new Div(
                    iconButton(
                            VaadinIcon.ARROW_UP,
                            "Move up",
                            () -> form.move(form.processes, this, -1, form.processesError)),
                    iconButton(
                            VaadinIcon.ARROW_DOWN,
                            "Move down",
                            () -> form.move(form.processes, this, 1, form.processesError)),
                    iconButton(
                            VaadinIcon.TRASH,
                            "Remove process",
                            () -> form.remove(form.processes, this, form.processesError)));
            buttons.addClassName("borealis-row-buttons");
            add(name, command, buttons);
        }
    }

    /** A named port. */
    static final class PortRow extends Div {
        final TextField name = new TextField();

        PortRow(SpecForm form) {
            addClassNames("borealis-row", "borealis-port-row");
            name.addClassName("spec-port-name");
            name.setAriaLabel("Port name");
            name.setPlaceholder("http");
            form.watch(name);
            lazy(name);
            add(
                    name,
                    iconButton(VaadinIcon.TRASH, "Remove port", () -> form.remove(form.ports, this, form.portsError)));
        }
    }

    /** A key and a value (environment variables, metadata). */
    static final class PairRow extends Div {
        final TextField key = new TextField();
        final TextField value = new TextField();

        PairRow(SpecForm form, String keyLabel, String valueLabel, String cssPrefix) {
            addClassNames("borealis-row", "borealis-pair-row");
            key.addClassName(cssPrefix + "-key");
            key.setAriaLabel(keyLabel);
            key.setPlaceholder(keyLabel);
            value.addClassName(cssPrefix + "-value");
            value.setAriaLabel(valueLabel);
            value.setPlaceholder(valueLabel);
            form.watch(key, value);
            lazy(key, value);
            boolean isMetadata = cssPrefix.equals("spec-metadata");
            add(key, value, iconButton(VaadinIcon.TRASH, "Remove", () -> {
                if (isMetadata) {
                    form.remove(form.metadata, this, form.metadataError);
                } else {
                    form.remove(form.variables, this, form.variablesError);
                }
            }));
        }
    }

    /** A VALUE or LIMIT constraint. */
    static final class ConstraintRow extends Div {
        final TextField attribute = new TextField("Attribute");
        final Select<Constraint.Kind> kind = new Select<>();
        final TextField values = new TextField("Values");
        final Checkbox negated = new Checkbox("Must not");
        final IntegerField limit = new IntegerField("At most per value");

        ConstraintRow(SpecForm form) {
            addClassNames("borealis-row", "borealis-constraint-row");
            attribute.addClassName("spec-constraint-attribute");
            attribute.setPlaceholder("rack");
            kind.setLabel("Rule");
            kind.addClassName("spec-constraint-kind");
            kind.setItems(Constraint.Kind.VALUE, Constraint.Kind.LIMIT);
            kind.setItemLabelGenerator(k -> k == Constraint.Kind.VALUE ? "Has a value" : "Limit per value");
            values.addClassName("spec-constraint-values");
            values.setPlaceholder("a, b");
            values.setHelperText("Comma-separated.");
            limit.addClassName("spec-constraint-limit");
            form.watch(attribute, kind, values, negated, limit);
            lazy(attribute, values, limit);
            kind.addValueChangeListener(e -> showKind());
            add(
                    attribute,
                    kind,
                    values,
                    negated,
                    limit,
                    iconButton(
                            VaadinIcon.TRASH,
                            "Remove constraint",
                            () -> form.remove(form.constraints, this, form.constraintsError)));
        }

        void fill(Constraint constraint) {
            attribute.setValue(nullToEmpty(constraint.attribute()));
            kind.setValue(constraint.kind() == null ? Constraint.Kind.VALUE : constraint.kind());
            values.setValue(String.join(", ", constraint.values()));
            negated.setValue(constraint.negated());
            limit.setValue(constraint.kind() == Constraint.Kind.LIMIT ? constraint.limit() : 1);
            showKind();
        }

        Constraint constraint() {
            Constraint.Kind chosen = kind.getValue();
            List<String> list = Arrays.stream(nullToEmpty(values.getValue()).split(","))
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            if (chosen == Constraint.Kind.LIMIT) {
                return new Constraint(
                        text(attribute.getValue()),
                        chosen,
                        List.of(),
                        false,
                        limit.getValue() == null ? 0 : limit.getValue());
            }
            return new Constraint(text(attribute.getValue()), chosen, list, negated.getValue(), 0);
        }

        HasValidation field(String part) {
            return switch (Objects.requireNonNullElse(part, "")) {
                case "attribute" -> attribute;
                case "kind" -> kind;
                case "limit" -> limit;
                default -> values;
            };
        }

        List<HasValidation> fields() {
            return List.of(attribute, kind, values, limit);
        }

        private void showKind() {
            boolean isLimit = kind.getValue() == Constraint.Kind.LIMIT;
            values.setVisible(!isLimit);
            negated.setVisible(!isLimit);
            limit.setVisible(isLimit);
        }
    }

    /** Paths of every problem, for tests. */
    static Set<String> paths(List<FieldProblem> problems) {
        Set<String> paths = new LinkedHashSet<>();
        problems.forEach(p -> paths.add(p.field()));
        return paths;
    }
}
