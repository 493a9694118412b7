package io.borealis.ui.jobs;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamService;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.scheduler.JobFilter;
import io.borealis.scheduler.JobService;
import io.borealis.scheduler.JobSort;
import io.borealis.scheduler.JobSummary;
import io.borealis.task.TaskState;
import io.borealis.ui.job.JobView;
import io.borealis.ui.launch.LaunchView;
import io.borealis.ui.live.LiveUpdates;
import io.borealis.ui.support.Formats;
import io.borealis.ui.support.GuardedButton;
import io.borealis.ui.support.Permissions;
import io.borealis.ui.support.TaskStates;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The landing page: every active job the person may see, filtered by team, environment, name and
 * task state (kept in the URL, so a filtered list can be shared), sorted and paged by the database,
 * with each job's instances counted by state. It follows the jobs live.
 */
@Route("")
@PageTitle("Jobs")
@Menu(title = "Jobs", order = 0, icon = "vaadin:grid-small")
@PermitAll
public class JobsView extends Div implements BeforeEnterObserver {

    static final String ALL = "";

    /** States worth filtering by: where instances are, and how they ended. */
    static final List<TaskState> FILTER_STATES = List.of(
            TaskState.PENDING,
            TaskState.THROTTLED,
            TaskState.ASSIGNED,
            TaskState.STARTING,
            TaskState.RUNNING,
            TaskState.PARTITIONED,
            TaskState.RESTARTING,
            TaskState.KILLING,
            TaskState.FINISHED,
            TaskState.FAILED);

    final Select<String> team = new Select<>();
    final ComboBox<String> environment = new ComboBox<>("Environment");
    final TextField name = new TextField("Name");
    final Select<TaskState> state = new Select<>();
    final GuardedButton launch;
    final Grid<JobSummary> grid = new Grid<>();
    final Span total = new Span();

    private final JobService jobs;
    private final Clock clock;
    private final Map<String, String> teamNames = new LinkedHashMap<>();
    private JobFilter filter = JobFilter.ANY;
    private boolean applyingUrl;

    public JobsView(JobService jobs, TeamService teams, TeamAccess access, LiveUpdates live, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
        setId("jobs-view");
        addClassNames("borealis-page", "borealis-jobs");

        for (Team visible : teams.visibleTeams()) {
            teamNames.put(visible.slug(), visible.displayName());
        }
        team.setLabel("Team");
        team.setId("filter-team");
        team.setItems(Stream.concat(Stream.of(ALL), teamNames.keySet().stream()).toList());
        team.setItemLabelGenerator(slug -> slug.isEmpty() ? "All teams" : teamNames.get(slug) + " (" + slug + ")");
        team.setValue(ALL);

        environment.setId("filter-environment");
        environment.setItems(jobs.environments());
        environment.setPlaceholder("Any");
        environment.setClearButtonVisible(true);
        environment.setAllowCustomValue(true);
        environment.addCustomValueSetListener(e -> environment.setValue(e.getDetail()));

        name.setId("filter-name");
        name.setPlaceholder("Part of the name");
        name.setPrefixComponent(VaadinIcon.SEARCH.create());
        name.setClearButtonVisible(true);
        name.setValueChangeMode(ValueChangeMode.LAZY);
        name.setValueChangeTimeout(300);

        state.setLabel("Instances in state");
        state.setId("filter-state");
        state.setItems(FILTER_STATES);
        state.setEmptySelectionAllowed(true);
        state.setEmptySelectionCaption("Any state");
        state.setItemLabelGenerator(s -> s == null ? "Any state" : TaskStates.label(s));

        Button launchButton = new Button("Launch job", VaadinIcon.ROCKET.create());
        launchButton.setId("launch-job");
        launchButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        launchButton.addClickListener(e -> launchButton.getUI().ifPresent(ui -> ui.navigate(LaunchView.class)));
        launch = new GuardedButton(launchButton).guard(Permissions.launch(teams, access));

        total.setId("jobs-total");
        total.addClassName("borealis-muted");
        Div filters = new Div(team, environment, name, state);
        filters.addClassName("borealis-filters");
        Div actions = new Div(total, launch);
        actions.addClassName("borealis-toolbar-actions");
        Div toolbar = new Div(filters, actions);
        toolbar.addClassName("borealis-toolbar");

        configureGrid();
        add(toolbar, grid);

        team.addValueChangeListener(e -> filterChanged());
        environment.addValueChangeListener(e -> filterChanged());
        name.addValueChangeListener(e -> filterChanged());
        state.addValueChangeListener(e -> filterChanged());

        live.onJobChange(this, key -> true, this::refresh);
    }

    private void configureGrid() {
        grid.setId("jobs-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setPageSize(50);
        grid.setMultiSort(false);
        grid.addComponentColumn(JobsView::keyCell)
                .setHeader("Job")
                .setKey("job")
                .setSortProperty(JobSort.By.KEY.name())
                .setFlexGrow(3)
                .setAutoWidth(false);
        grid.addColumn(s -> s.kind() == JobKind.SERVICE ? "Service" : "Adhoc")
                .setHeader("Kind")
                .setKey("kind")
                .setSortProperty(JobSort.By.KIND.name())
                .setFlexGrow(0)
                .setWidth("7.5em");
        grid.addColumn(JobSummary::instances)
                .setHeader("Instances")
                .setKey("instances")
                .setSortProperty(JobSort.By.INSTANCES.name())
                .setTextAlign(ColumnTextAlign.END)
                .setFlexGrow(0)
                .setWidth("8em");
        grid.addComponentColumn(JobsView::statePills)
                .setHeader("Instances by state")
                .setKey("states")
                .setSortProperty(JobSort.By.RUNNING.name())
                .setFlexGrow(4);
        grid.addColumn(s -> Formats.ago(s.updatedAt(), clock.instant()))
                .setHeader("Changed")
                .setKey("updated")
                .setSortProperty(JobSort.By.UPDATED.name())
                .setFlexGrow(0)
                .setWidth("9em");
        grid.setEmptyStateText("No jobs match these filters.");
        grid.setItems(
                query ->
                        jobs
                                .findJobs(filter, sort(query.getSortOrders()), query.getOffset(), query.getLimit())
                                .stream(),
                query -> {
                    int count = jobs.countJobs(filter);
                    total.setText(count == 1 ? "1 job" : String.format(Locale.ROOT, "%,d jobs", count));
                    return count;
                });
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("job"), SortDirection.ASCENDING)));
    }

    static JobSort sort(List<QuerySortOrder> orders) {
        if (orders.isEmpty()) {
            return JobSort.BY_KEY;
        }
        QuerySortOrder first = orders.getFirst();
        return new JobSort(JobSort.By.valueOf(first.getSorted()), first.getDirection() == SortDirection.DESCENDING);
    }

    private static Component keyCell(JobSummary summary) {
        JobKey key = summary.key();
        RouterLink link = new RouterLink(JobView.class, JobView.parameters(key));
        Span path = new Span(key.team() + " / " + key.environment() + " / ");
        path.addClassName("borealis-key-path");
        Span jobName = new Span(key.name());
        jobName.addClassName("borealis-key-name");
        link.add(path, jobName);
        link.addClassName("borealis-key-link");
        Div cell = new Div(link);
        cell.addClassName("borealis-key-cell");
        if (summary.tier().isProduction()) {
            Span production = new Span("prod tier");
            production.addClassNames("borealis-tag", "borealis-tag-production");
            production.getElement().setAttribute("title", "Production tier: counts against the team's quota");
            cell.add(production);
        } else {
            Span preemptible = new Span("preemptible");
            preemptible.addClassNames("borealis-tag");
            preemptible.getElement().setAttribute("title", "Preemptible tier: best effort, outside the quota");
            cell.add(preemptible);
        }
        return cell;
    }

    /** The coloured counts: one pill per state that has instances, then the ended ones. */
    static Component statePills(JobSummary summary) {
        Div pills = new Div();
        pills.addClassName("borealis-pills");
        for (TaskState state : TaskStates.DISPLAY_ORDER) {
            int count = state.isActive() ? summary.count(state) : 0;
            if (state == TaskState.FINISHED) {
                count = summary.finished();
            } else if (state == TaskState.FAILED) {
                count = summary.failed();
            }
            if (count > 0) {
                pills.add(TaskStates.pill(state, count));
            }
        }
        if (pills.getChildren().findAny().isEmpty()) {
            Span none = new Span("no tasks");
            none.addClassName("borealis-muted");
            pills.add(none);
        }
        return pills;
    }

    private void filterChanged() {
        if (applyingUrl) {
            return;
        }
        filter = currentFilter();
        grid.getDataProvider().refreshAll();
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, new Location("", queryParameters())));
    }

    private JobFilter currentFilter() {
        return new JobFilter(
                team.getValue() == null || team.getValue().equals(ALL) ? null : team.getValue(),
                environment.getValue(),
                name.getValue(),
                state.getValue());
    }

    private QueryParameters queryParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (filter.team() != null) {
            parameters.put("team", filter.team());
        }
        if (filter.environment() != null) {
            parameters.put("env", filter.environment());
        }
        if (filter.name() != null) {
            parameters.put("name", filter.name());
        }
        if (filter.state() != null) {
            parameters.put("state", filter.state().name());
        }
        return QueryParameters.simple(parameters);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, String> parameters = new HashMap<>();
        event.getLocation()
                .getQueryParameters()
                .getParameters()
                .forEach((k, v) -> parameters.put(k, v.isEmpty() ? "" : v.getFirst()));
        applyingUrl = true;
        try {
            String wantedTeam = parameters.getOrDefault("team", ALL);
            team.setValue(teamNames.containsKey(wantedTeam) ? wantedTeam : ALL);
            environment.setValue(parameters.get("env"));
            name.setValue(parameters.getOrDefault("name", ""));
            state.setValue(parseState(parameters.get("state")));
        } finally {
            applyingUrl = false;
        }
        filter = currentFilter();
        grid.getDataProvider().refreshAll();
    }

    private static TaskState parseState(String text) {
        if (text == null) {
            return null;
        }
        try {
            return TaskState.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Re-reads the visible page (jobs changed somewhere). */
    void refresh() {
        grid.getDataProvider().refreshAll();
    }

    /** The filter in effect (for tests). */
    JobFilter filter() {
        return filter;
    }
}
