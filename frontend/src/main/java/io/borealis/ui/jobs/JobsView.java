package io.borealis.ui.jobs;

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
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteConfiguration;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamService;
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
import io.borealis.ui.support.UrlQuery;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
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
        grid.addColumn(keyRenderer())
                .setHeader("Job")
                .setKey("job")
                .setSortProperty(JobSort.By.KEY.name())
                .setFlexGrow(5)
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
        grid.addColumn(pillsRenderer())
                .setHeader("Instances by state")
                .setKey("states")
                .setSortProperty(JobSort.By.RUNNING.name())
                .setFlexGrow(3);
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

    /**
     * The job's key as a link (handled by the router, no reload) and its tier. Lit renderers keep a
     * page of 50 rows cheap: one template, a few properties per row, no server components.
     */
    static LitRenderer<JobSummary> keyRenderer() {
        return LitRenderer.<JobSummary>of(
                        "<div class=\"borealis-key-cell\"><a class=\"borealis-key-link\" href=\"${item.href}\" router-link>"
                                + "<span class=\"borealis-key-path\">${item.path}</span>"
                                + "<span class=\"borealis-key-name\">${item.name}</span></a>"
                                + "<span class=\"borealis-tag ${item.tierClass}\" title=\"${item.tierTitle}\">${item.tier}</span></div>")
                .withProperty(
                        "href",
                        s -> RouteConfiguration.forSessionScope().getUrl(JobView.class, JobView.parameters(s.key())))
                .withProperty("path", s -> s.key().team() + " / " + s.key().environment() + " / ")
                .withProperty("name", s -> s.key().name())
                .withProperty("tier", s -> s.tier().isProduction() ? "prod tier" : "preemptible")
                .withProperty("tierClass", s -> s.tier().isProduction() ? "borealis-tag-production" : "")
                .withProperty(
                        "tierTitle",
                        s -> s.tier().isProduction()
                                ? "Production tier: counts against the team's quota"
                                : "Preemptible tier: best effort, outside the quota");
    }

    /** The coloured counts: one pill per state that has instances, then the ended ones. */
    static LitRenderer<JobSummary> pillsRenderer() {
        return LitRenderer.<JobSummary>of(
                        "<div class=\"borealis-pills\">${item.pills.length === 0"
                                + " ? html`<span class=\"borealis-muted\">no tasks</span>`"
                                + " : item.pills.map(p => html`<span class=\"borealis-pill ${p.css}\" title=\"${p.title}\">${p.text}</span>`)}</div>")
                .withProperty("pills", JobsView::pills);
    }

    /** The pills of a job: text ("3 running"), CSS class and meaning, in display order. */
    static List<Map<String, String>> pills(JobSummary summary) {
        List<Map<String, String>> pills = new java.util.ArrayList<>();
        for (TaskState state : TaskStates.DISPLAY_ORDER) {
            int count = state.isActive() ? summary.count(state) : 0;
            if (state == TaskState.FINISHED) {
                count = summary.finished();
            } else if (state == TaskState.FAILED) {
                count = summary.failed();
            }
            if (count > 0) {
                pills.add(Map.of(
                        "text",
                        String.format(Locale.ROOT, "%,d", count) + " "
                                + TaskStates.label(state).toLowerCase(Locale.ROOT),
                        "css",
                        TaskStates.cssClass(state),
                        "title",
                        TaskStates.meaning(state)));
            }
        }
        return pills;
    }

    private void filterChanged() {
        if (applyingUrl) {
            return;
        }
        filter = currentFilter();
        showEmptyText();
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
        Map<String, String> parameters = UrlQuery.firstValues(event.getLocation());
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
        showEmptyText();
        grid.getDataProvider().refreshAll();
    }

    private void showEmptyText() {
        grid.setEmptyStateText(
                filter.equals(JobFilter.ANY)
                        ? (launch.isAllowed()
                                ? "No jobs yet: launch one with \u201cLaunch job\u201d."
                                : "No jobs to show yet.")
                        : "No jobs match these filters.");
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
