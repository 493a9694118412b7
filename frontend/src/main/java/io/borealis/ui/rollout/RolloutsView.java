package io.borealis.ui.rollout;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamService;
import io.borealis.error.BorealisException;
import io.borealis.error.InvalidInputException;
import io.borealis.job.JobKey;
import io.borealis.job.TaskConfig;
import io.borealis.rollout.RolloutDetails;
import io.borealis.rollout.RolloutFilter;
import io.borealis.rollout.RolloutService;
import io.borealis.rollout.RolloutStatus;
import io.borealis.rollout.RolloutSummary;
import io.borealis.ui.support.ErrorHandling;
import io.borealis.ui.support.Formats;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rollout history across every job the person may see, filtered by team, job, who started it,
 * status and start date; with a job chosen ({@code ?job=team/env/name}), any two versions of the
 * job's configuration (from its rollouts) can be compared field by field. A row opens the rollout
 * (finished ones can be replayed there).
 */
@Route("rollouts")
@PageTitle("Rollouts")
@Menu(title = "Rollouts", order = 20, icon = "vaadin:road-branches")
@PermitAll
public class RolloutsView extends Div implements BeforeEnterObserver {

    static final String ALL = "";

    /** One version of a job's configuration, as a rollout recorded it. */
    record Version(long configId, String label, TaskConfig config, int instances) {}

    final ComboBox<String> team = new ComboBox<>("Team");
    final TextField job = new TextField("Job");
    final TextField user = new TextField("Started by");
    final Select<RolloutStatus> status = new Select<>();
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    final Grid<RolloutSummary> grid = new Grid<>();
    final Paragraph problem = new Paragraph();
    final Div compare = new Div();
    final ComboBox<Version> left = new ComboBox<>("Compare");
    final ComboBox<Version> right = new ComboBox<>("with");
    final DiffTable diff = new DiffTable();

    private final RolloutService rollouts;
    private JobKey comparedJob;

    public RolloutsView(RolloutService rollouts, TeamService teams) {
        this.rollouts = rollouts;
        setId("rollouts-view");
        addClassNames("borealis-page", "borealis-rollouts");

        team.setId("filter-team");
        List<String> slugs = new ArrayList<>();
        slugs.add(ALL);
        teams.visibleTeams().stream().map(Team::slug).sorted().forEach(slugs::add);
        team.setItems(slugs);
        team.setItemLabelGenerator(t -> t.isEmpty() ? "All teams" : t);
        team.setValue(ALL);
        job.setId("filter-job");
        job.setPlaceholder("team/environment/name");
        job.setClearButtonVisible(true);
        job.setValueChangeMode(ValueChangeMode.LAZY);
        user.setId("filter-user");
        user.setClearButtonVisible(true);
        user.setValueChangeMode(ValueChangeMode.LAZY);
        status.setId("filter-status");
        status.setLabel("Status");
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any status");
        status.setItems(RolloutStatus.values());
        status.setItemLabelGenerator(s -> s == null ? "Any status" : RolloutStates.label(s));
        from.setId("filter-from");
        to.setId("filter-to");
        team.addValueChangeListener(e -> reload());
        job.addValueChangeListener(e -> reload());
        user.addValueChangeListener(e -> reload());
        status.addValueChangeListener(e -> reload());
        from.addValueChangeListener(e -> reload());
        to.addValueChangeListener(e -> reload());
        Div filters = new Div(team, job, user, status, from, to);
        filters.addClassNames("borealis-filters", "borealis-rollout-controls");
        problem.setId("rollouts-problem");
        problem.addClassName("borealis-callout-warning");
        problem.setVisible(false);

        grid.setId("rollouts-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(s -> s.rollout().id()).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(s -> s.rollout().job().toString()).setHeader("Job").setAutoWidth(true);
        grid.addColumn(s -> RolloutStates.label(s.rollout().status()))
                .setHeader("Status")
                .setAutoWidth(true);
        grid.addColumn(s -> s.progress().updated() + " / " + s.progress().total())
                .setHeader("Updated")
                .setAutoWidth(true);
        grid.addColumn(s -> s.rollout().startedBy()).setHeader("Started by").setAutoWidth(true);
        grid.addColumn(s -> Formats.instant(s.rollout().startedAt()))
                .setHeader("Started")
                .setAutoWidth(true);
        grid.addColumn(s -> Formats.instant(s.rollout().finishedAt()))
                .setHeader("Ended")
                .setAutoWidth(true);
        grid.addColumn(s -> s.latestMessage() == null ? "" : s.latestMessage()).setHeader("Latest");
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.setAllRowsVisible(true);

        left.setId("compare-left");
        right.setId("compare-right");
        for (ComboBox<Version> box : List.of(left, right)) {
            box.setItemLabelGenerator(Version::label);
            box.setWidth("22em");
            box.addValueChangeListener(e -> showComparison());
        }
        diff.setId("compare-diff");
        Paragraph compareHelp = new Paragraph("Pick two versions of the job's configuration to see what differs.");
        compareHelp.addClassName("borealis-muted");
        Div pickers = new Div(left, right);
        pickers.addClassName("borealis-rollout-controls");
        compare.setId("compare-configs");
        compare.addClassName("borealis-card");
        compare.add(new H3("Compare configurations"), compareHelp, pickers, diff);
        compare.setVisible(false);

        Div card = new Div(filters, problem, grid);
        card.addClassName("borealis-card");
        add(new H2("Rollouts"), card, compare);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        query.getSingleParameter("team").ifPresent(t -> team.setValue(t));
        query.getSingleParameter("job").ifPresent(job::setValue);
        query.getSingleParameter("user").ifPresent(user::setValue);
        query.getSingleParameter("status").ifPresent(s -> {
            try {
                status.setValue(RolloutStatus.valueOf(s.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException ignored) {
                // a hand-edited link: any status
            }
        });
        reload();
    }

    /** Lists the rollouts matching the filters (called on every filter change). */
    void reload() {
        job.setInvalid(false);
        to.setInvalid(false);
        JobKey key = null;
        String jobText = job.getValue().strip();
        if (!jobText.isEmpty()) {
            key = parseJob(jobText);
            if (key == null) {
                job.setErrorMessage("Type the job as team/environment/name, e.g. payments/prod/web");
                job.setInvalid(true);
                grid.setItems(List.of());
                compare.setVisible(false);
                comparedJob = null;
                return;
            }
        }
        if (from.getValue() != null && to.getValue() != null && to.getValue().isBefore(from.getValue())) {
            to.setErrorMessage("must not be before From");
            to.setInvalid(true);
            grid.setItems(List.of());
            return;
        }
        Set<RolloutStatus> statuses = status.getValue() == null ? Set.of() : EnumSet.of(status.getValue());
        Instant start = from.getValue() == null ? null : day(from.getValue());
        Instant end = to.getValue() == null ? null : day(to.getValue().plusDays(1));
        RolloutFilter filter = new RolloutFilter(
                team.getValue() == null || team.getValue().isEmpty() ? null : team.getValue(),
                key,
                user.getValue().isBlank() ? null : user.getValue().strip(),
                statuses,
                start,
                end,
                0,
                RolloutFilter.MAX_LIMIT);
        try {
            grid.setItems(rollouts.listAll(filter));
            problem.setVisible(false);
        } catch (BorealisException e) {
            grid.setItems(List.of());
            problem.setText(ErrorHandling.messageFor(e));
            problem.setVisible(true);
        }
        showVersions(key);
    }

    private static Instant day(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static JobKey parseJob(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            return JobKey.of(parts[0], parts[1], parts[2]);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private void showVersions(JobKey key) {
        if (key == null) {
            comparedJob = null;
            compare.setVisible(false);
            return;
        }
        if (key.equals(comparedJob)) {
            return;
        }
        comparedJob = key;
        List<Version> versions;
        try {
            versions = versions(key);
        } catch (BorealisException e) {
            versions = List.of();
        }
        left.setItems(versions);
        right.setItems(versions);
        compare.setVisible(versions.size() >= 2);
        if (versions.size() >= 2) {
            left.setValue(versions.get(1));
            right.setValue(versions.get(0));
        }
    }

    /** Every configuration the job's rollouts moved from or to, newest first. */
    List<Version> versions(JobKey key) {
        Map<Long, Version> versions = new LinkedHashMap<>();
        for (RolloutSummary summary : rollouts.list(key)) {
            RolloutDetails details = rollouts.details(summary.rollout().id());
            long rolloutId = summary.rollout().id();
            versions.putIfAbsent(
                    summary.rollout().toConfigId(),
                    new Version(
                            summary.rollout().toConfigId(),
                            "#" + summary.rollout().toConfigId() + ": new in rollout " + rolloutId + " ("
                                    + Formats.instant(summary.rollout().startedAt()) + ")",
                            details.toConfig(),
                            summary.rollout().newInstanceCount()));
            details.fromConfigs()
                    .forEach((configId, config) -> versions.putIfAbsent(
                            configId,
                            new Version(
                                    configId,
                                    "#" + configId + ": before rollout " + rolloutId,
                                    config,
                                    summary.rollout().oldInstanceCount())));
        }
        return List.copyOf(versions.values());
    }

    private void showComparison() {
        Version a = left.getValue();
        Version b = right.getValue();
        if (a == null || b == null || comparedJob == null) {
            diff.show(List.of());
            return;
        }
        diff.show(RolloutView.changes(comparedJob, a.config(), a.instances(), b.config(), b.instances()));
    }

    private void open(RolloutSummary summary) {
        getUI().ifPresent(ui -> ui.navigate(
                RolloutView.class, RolloutView.parameters(summary.rollout().id())));
    }
}
