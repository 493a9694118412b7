package io.borealis.ui.job;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
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
import io.borealis.auth.team.TeamService;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.job.Job;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.TaskConfig;
import io.borealis.job.spec.JobSpecFormat;
import io.borealis.quota.QuotaService;
import io.borealis.rollout.RolloutService;
import io.borealis.rollout.RolloutSummary;
import io.borealis.scheduler.ClusterService;
import io.borealis.scheduler.InstanceView;
import io.borealis.scheduler.JobDetails;
import io.borealis.scheduler.JobService;
import io.borealis.scheduler.RestartCoordinator;
import io.borealis.task.Task;
import io.borealis.task.TaskState;
import io.borealis.ui.audit.AuditView;
import io.borealis.ui.jobs.JobsView;
import io.borealis.ui.launch.LaunchView;
import io.borealis.ui.live.LiveUpdates;
import io.borealis.ui.rollout.RolloutStartView;
import io.borealis.ui.rollout.RolloutView;
import io.borealis.ui.rollout.RolloutsView;
import io.borealis.ui.support.Formats;
import io.borealis.ui.support.GuardedButton;
import io.borealis.ui.support.Notices;
import io.borealis.ui.support.Permissions;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A job: what it is, its instances as a grid of squares coloured by state (live, through push),
 * one instance up close with its tasks, events and logs, why instances wait, a rolling restart's
 * progress, and the actions (scale, restart, kill instances, kill the job), each confirmed in a
 * dialog and disabled, with the reason, for people who may not use them.
 */
@Route("jobs/:team/:environment/:name")
@PermitAll
public class JobView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    final H2 name = new H2();
    final Div tags = new Div();
    final Div facts = new Div();
    final Div restartBanner = new Div();
    final Paragraph pendingSummary = new Paragraph();
    final GuardedButton scale;
    final GuardedButton restart;
    final GuardedButton killInstances;
    final GuardedButton killJob;
    final GuardedButton copy;
    final GuardedButton cancelRestart;
    public final GuardedButton startRollout;
    public final RouterLink rolloutInProgress = new RouterLink();
    final RouterLink rolloutHistory = new RouterLink();
    final Button select = new Button("Select instances", VaadinIcon.CHECK_SQUARE_O.create());
    final Span selectionHint = new Span();
    final InstanceGrid grid;
    final InstancePanel panel;
    final Pre configText = new Pre();
    final RouterLink auditTrail = new RouterLink("Audit trail", AuditView.class);
    ActionDialog dialog;

    private final JobService jobs;
    private final RolloutService rollouts;
    private final QuotaService quotas;
    private final TeamAccess access;
    private final TeamService teams;
    private final Clock clock;
    private final Div breadcrumb = new Div();
    private JobKey key;
    private JobDetails details;

    public JobView(
            JobService jobs,
            QuotaService quotas,
            ClusterService cluster,
            TeamAccess access,
            TeamService teams,
            RolloutService rollouts,
            LiveUpdates live,
            Clock clock) {
        this.jobs = jobs;
        this.rollouts = rollouts;
        this.quotas = quotas;
        this.access = access;
        this.teams = teams;
        this.clock = clock;
        setId("job-view");
        addClassNames("borealis-page", "borealis-job");

        scale = action("Scale", VaadinIcon.EXPAND_SQUARE, "action-scale", false, this::openScale);
        restart = action("Restart", VaadinIcon.REFRESH, "action-restart", false, this::openRestart);
        killInstances = action(
                "Kill instances", VaadinIcon.CLOSE_CIRCLE_O, "action-kill-instances", false, this::openKillInstances);
        killJob = action("Kill job", VaadinIcon.BAN, "action-kill-job", true, this::openKillJob);
        copy = action("Launch a copy", VaadinIcon.COPY_O, "action-copy", false, this::openCopy);
        cancelRestart = action("Stop the restart", VaadinIcon.STOP, "action-cancel-restart", false, this::stopRestart);
        startRollout = action("Start rollout", VaadinIcon.ROAD_BRANCHES, "action-rollout", false, this::openRollout);
        rolloutInProgress.setId("rollout-in-progress");
        rolloutInProgress.setText("Rollout in progress");
        rolloutInProgress.setVisible(false);
        rolloutHistory.setId("job-rollouts");
        rolloutHistory.setText("Rollouts");
        rolloutHistory.setRoute(RolloutsView.class);

        breadcrumb.addClassName("borealis-breadcrumb");
        name.setId("job-name");
        tags.addClassName("borealis-tags");
        auditTrail.setId("job-audit-link");
        auditTrail.addClassName("borealis-audit-link");
        auditTrail.getElement().setAttribute("title", "Who changed this job, and when");
        auditTrail.setVisible(false);
        Div titleRow = new Div(name, tags, auditTrail);
        titleRow.addClassName("borealis-job-title");
        Div actions =
                new Div(scale, restart, startRollout, killInstances, killJob, copy, rolloutInProgress, rolloutHistory);
        actions.addClassName("borealis-actions");
        Div headerTop = new Div(new Div(breadcrumb, titleRow), actions);
        headerTop.addClassName("borealis-job-header-top");
        facts.setId("job-facts");
        facts.addClassName("borealis-job-facts");
        Div header = new Div(headerTop, facts);
        header.addClassNames("borealis-card", "borealis-job-header");

        restartBanner.setId("restart-banner");
        restartBanner.addClassName("borealis-banner");
        restartBanner.setVisible(false);
        pendingSummary.setId("pending-summary");
        pendingSummary.addClassName("borealis-callout-warning");
        pendingSummary.setVisible(false);

        panel = new InstancePanel(jobs, cluster, live, clock, this::closeInstance);
        grid = new InstanceGrid(this::openInstance, this::selectionChanged);
        select.setId("select-instances");
        select.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        select.addClickListener(e -> {
            grid.setSelecting(!grid.isSelecting());
            select.setText(grid.isSelecting() ? "Done selecting" : "Select instances");
            selectionChanged();
        });
        selectionHint.setId("selection-hint");
        selectionHint.addClassName("borealis-muted");
        Div gridHeader = new Div(new H3("Instances"), selectionHint, select);
        gridHeader.addClassName("borealis-card-header");
        Div gridCard = new Div(gridHeader, grid);
        gridCard.addClassNames("borealis-card", "borealis-grid-card");

        configText.setId("job-config");
        configText.addClassName("borealis-config");
        Details configuration = new Details("Configuration (YAML)", configText);
        configuration.setId("job-configuration");
        configuration.addClassName("borealis-card");

        add(header, restartBanner, pendingSummary, gridCard, panel, configuration);
        live.onJobChange(this, changed -> changed.equals(key), this::refresh);
        live.onRolloutChange(this, changed -> changed.job().equals(key), this::refresh);
    }

    /** The route parameters of a job's page. */
    public static RouteParameters parameters(JobKey key) {
        return new RouteParameters(Map.of("team", key.team(), "environment", key.environment(), "name", key.name()));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String team = event.getRouteParameters().get("team").orElse("");
        String environment = event.getRouteParameters().get("environment").orElse("");
        String jobName = event.getRouteParameters().get("name").orElse("");
        try {
            key = JobKey.of(team, environment, jobName);
        } catch (InvalidInputException e) {
            throw new NotFoundException("There is no job " + team + "/" + environment + "/" + jobName + ".");
        }
        details = jobs.job(key);
        render();
        List<String> instance =
                event.getLocation().getQueryParameters().getParameters().get("instance");
        if (instance != null && !instance.isEmpty()) {
            try {
                grid.click(Integer.parseInt(instance.getFirst()));
            } catch (NumberFormatException ignored) {
                // a hand-edited link: show the job without an instance open
            }
        }
    }

    @Override
    public String getPageTitle() {
        return key == null ? "Job" : key.toString();
    }

    /** Reads the job again and shows what changed (called live, at most once a second). */
    void refresh() {
        if (key == null) {
            return;
        }
        details = jobs.job(key);
        render();
    }

    private void render() {
        Job job = details.job();
        showHeader(job);
        showActions(job);
        showRestart(details);
        showPending(details.instances());
        grid.show(details.instances());
        if (panel.instance() >= 0) {
            panel.update(instanceView(panel.instance()));
        }
        selectionChanged();
    }

    private void showHeader(Job job) {
        breadcrumb.removeAll();
        RouterLink all = new RouterLink("Jobs", JobsView.class);
        RouterLink team = new RouterLink(job.key().team(), JobsView.class);
        team.setQueryParameters(QueryParameters.of("team", job.key().team()));
        RouterLink environment = new RouterLink(job.key().environment(), JobsView.class);
        environment.setQueryParameters(QueryParameters.simple(
                Map.of("team", job.key().team(), "env", job.key().environment())));
        breadcrumb.add(all, separator(), team, separator(), environment);
        name.setText(job.key().name());
        // the job's history: entries whose target starts with its key (leads and platform admins)
        auditTrail.setQueryParameters(QueryParameters.of("target", job.key().toString()));
        auditTrail.setVisible(access.check(Action.READ_AUDIT, job.key().team()).allowed());

        tags.removeAll();
        TaskConfig config = job.currentConfig();
        tags.add(tag(job.kind() == JobKind.SERVICE ? "Service" : "Adhoc", "kind"));
        if (config != null) {
            tags.add(tag(
                    config.tier().isProduction() ? "Production tier" : "Preemptible tier",
                    config.tier().isProduction() ? "production" : "preemptible"));
        }
        tags.add(tag(job.isActive() ? "Active" : "Killed", job.isActive() ? "active" : "killed"));

        facts.removeAll();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Instances", Integer.toString(job.instanceCount()));
        if (config != null) {
            values.put("Each", Formats.resources(config.resources()));
            values.put("Ports", config.ports().isEmpty() ? "none" : String.join(", ", config.ports()));
            values.put(
                    "Health check",
                    config.healthCheck() == null ? "none" : config.healthCheck().describe());
            values.put("Owner", config.owner() == null ? "-" : config.owner());
        }
        values.put("Created", "by " + job.createdBy() + ", " + Formats.ago(job.createdAt(), clock.instant()));
        values.put("Changed", Formats.ago(job.updatedAt(), clock.instant()));
        values.forEach((term, value) -> {
            Span label = new Span(term);
            label.addClassName("borealis-fact-label");
            Span text = new Span(value);
            text.addClassName("borealis-fact-value");
            Div fact = new Div(label, text);
            fact.addClassName("borealis-fact");
            facts.add(fact);
        });
        configText.setText(
                job.currentConfig() == null ? "" : JobSpecFormat.write(job.spec(), JobSpecFormat.Notation.YAML));
    }

    private void showActions(Job job) {
        Decision manage = access.check(Action.MANAGE_JOBS, job.key().team());
        String killed = job.isActive() ? null : "The job was killed: launch it again to run it.";
        for (GuardedButton button : List.of(scale, restart, killInstances, killJob, cancelRestart)) {
            if (!manage.allowed()) {
                button.guard(manage);
            } else {
                button.refuse(killed);
            }
        }
        if (manage.allowed() && details.restart().isPresent()) {
            restart.refuse("A rolling restart is already in progress; stop it first to start another.");
        }
        copy.guard(Permissions.launch(teams, access));
        showRollout(job);
        select.setEnabled(job.isActive() && manage.allowed());
    }

    private void showRollout(Job job) {
        rolloutHistory.setQueryParameters(QueryParameters.of("job", job.key().toString()));
        Optional<RolloutSummary> active = rollouts.active(job.key());
        rolloutInProgress.setVisible(active.isPresent());
        active.ifPresent(r -> rolloutInProgress.setRoute(
                RolloutView.class, RolloutView.parameters(r.rollout().id())));
        Decision start = access.check(Action.START_ROLLOUTS, job.key().team());
        if (!start.allowed()) {
            startRollout.guard(start);
        } else if (!job.isActive()) {
            startRollout.refuse("The job was killed: launch it again to run it.");
        } else if (!job.isService()) {
            startRollout.refuse("Only SERVICE jobs are rolled out; an adhoc job is killed and launched again.");
        } else if (active.isPresent()) {
            startRollout.refuse("Rollout " + active.get().rollout().id() + " is in progress (started by "
                    + active.get().rollout().startedBy() + "): one rollout at a time.");
        } else if (details.restart().isPresent()) {
            startRollout.refuse("A rolling restart is in progress; start the rollout once it has ended.");
        } else {
            startRollout.refuse(null);
        }
    }

    private void openRollout() {
        getUI().ifPresent(ui -> ui.navigate(RolloutStartView.class, RolloutStartView.parameters(key)));
    }

    private void showRestart(JobDetails current) {
        restartBanner.removeAll();
        if (current.restart().isEmpty()) {
            restartBanner.setVisible(false);
            return;
        }
        RestartCoordinator.RestartProgress progress = current.restart().get();
        int remaining = progress.remaining().size();
        int inBatch = progress.currentBatch().size();
        Span icon = new Span();
        icon.addClassName("borealis-spinner");
        Span text = new Span("Rolling restart: restarting instance" + (inBatch == 1 ? " " : "s ")
                + InstanceRanges.format(progress.currentBatch()) + " (" + progress.batchSize() + " at a time), "
                + (remaining == 0 ? "last batch" : remaining + " more to go") + ". Started by " + progress.startedBy()
                + ", " + Formats.ago(progress.startedAt(), clock.instant()) + ".");
        text.setId("restart-progress");
        restartBanner.add(icon, text, cancelRestart);
        restartBanner.setVisible(true);
    }

    /** Why instances wait, grouped by reason. */
    private void showPending(List<InstanceView> instances) {
        Map<String, Long> reasons = instances.stream()
                .map(InstanceView::current)
                .filter(t -> t != null && (t.state() == TaskState.PENDING || t.state() == TaskState.THROTTLED))
                .collect(Collectors.groupingBy(JobView::waitReason, LinkedHashMap::new, Collectors.counting()));
        if (reasons.isEmpty()) {
            pendingSummary.setVisible(false);
            return;
        }
        long waiting = reasons.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text =
                new StringBuilder(waiting == 1 ? "1 instance is waiting: " : waiting + " instances are waiting: ");
        int shown = 0;
        for (var reason : reasons.entrySet()) {
            if (shown++ == 3) {
                text.append(" …and ").append(reasons.size() - 3).append(" other reasons.");
                break;
            }
            text.append(shown > 1 ? " " : "")
                    .append(reason.getKey())
                    .append(reasons.size() > 1 ? " (" + reason.getValue() + ")" : "")
                    .append(reason.getKey().endsWith(".") ? "" : ".");
        }
        pendingSummary.setText(text.toString());
        pendingSummary.setVisible(true);
    }

    private static String waitReason(Task task) {
        if (task.state() == TaskState.THROTTLED) {
            return "throttled after flapping (ended too soon after starting)";
        }
        return task.pendingReason() == null ? "waiting for the next scheduling round" : task.pendingReason();
    }

    private InstanceView instanceView(int instance) {
        return details.instances().stream()
                .filter(i -> i.instanceId() == instance)
                .findFirst()
                .orElse(null);
    }

    private void openInstance(int instance) {
        InstanceView view = instanceView(instance);
        if (view != null) {
            panel.open(key, view);
        }
    }

    private void closeInstance() {
        panel.close();
        grid.closed();
    }

    private void selectionChanged() {
        int count = grid.selected().size();
        if (grid.isSelecting()) {
            selectionHint.setText(
                    count == 0
                            ? "Click instances to select them for a kill or a restart."
                            : count + " selected: " + InstanceRanges.format(grid.selected()));
        } else {
            selectionHint.setText("Click an instance for its tasks, events and logs.");
        }
    }

    // actions

    private void openScale() {
        open(new ScaleDialog(details.job(), jobs, quotas, scaled -> {
            Notices.success("Scaling " + key + " to " + Formats.instances(scaled.instanceCount()) + ".");
            refresh();
        }));
    }

    private void openRestart() {
        open(new RestartDialog(details.job(), jobs, grid.selected(), () -> {
            Notices.success("Rolling restart of " + key + " started.");
            refresh();
        }));
    }

    private void openKillInstances() {
        open(new KillInstancesDialog(details.job(), jobs, grid.selected(), () -> {
            Notices.success(details.job().isService() ? "Killing; the instances will be replaced." : "Killing.");
            grid.setSelecting(false);
            select.setText("Select instances");
            refresh();
        }));
    }

    private void openKillJob() {
        open(new KillJobDialog(details.job(), jobs, () -> {
            Notices.success("Killing " + key + ".");
            refresh();
        }));
    }

    private void openCopy() {
        getUI().ifPresent(ui -> ui.navigate(LaunchView.class, LaunchView.from(key)));
    }

    private void stopRestart() {
        jobs.cancelRestart(key);
        Notices.success("The rolling restart stops after its current batch.");
        refresh();
    }

    private void open(ActionDialog newDialog) {
        dialog = newDialog;
        dialog.open();
    }

    private static GuardedButton action(String text, VaadinIcon icon, String id, boolean dangerous, Runnable action) {
        Button button = new Button(text, icon.create(), e -> action.run());
        button.setId(id);
        if (dangerous) {
            button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        return new GuardedButton(button);
    }

    private static Span tag(String text, String kind) {
        Span tag = new Span(text);
        tag.addClassNames("borealis-tag", "borealis-tag-" + kind);
        return tag;
    }

    private static Span separator() {
        Span separator = new Span("/");
        separator.addClassName("borealis-breadcrumb-separator");
        return separator;
    }

    /** The page's current data (for tests). */
    JobDetails details() {
        return details;
    }
}
