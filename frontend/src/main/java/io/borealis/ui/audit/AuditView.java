package io.borealis.ui.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.borealis.audit.AuditEntry;
import io.borealis.audit.AuditOutcome;
import io.borealis.audit.AuditService;
import io.borealis.audit.AuditVerifier;
import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamService;
import io.borealis.error.FieldProblem;
import io.borealis.ui.support.ErrorHandling;
import io.borealis.ui.support.Formats;
import io.borealis.ui.support.Notices;
import io.borealis.ui.support.UrlQuery;
import jakarta.annotation.security.PermitAll;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit log for platform admins (every entry) and team leads (their teams' entries), newest
 * first, a page at a time (keyset paging: "Load older" continues below the oldest entry shown, so
 * it costs the same however far back it goes; nothing counts the whole log). The filters live in
 * the URL ({@link AuditQuery}), so a link opens the page filtered: the job page links to its job's
 * history. An entry opens with all its fields and its changes; the filtered entries export as CSV
 * or JSON lines; the chain can be verified. {@link AuditService} decides who sees what.
 */
@Route("audit")
@PageTitle("Audit")
@Menu(title = "Audit", order = 70, icon = "vaadin:clipboard-text")
@PermitAll
public class AuditView extends Div implements BeforeEnterObserver {

    /** Entries per page. */
    static final int PAGE = 50;

    /** Suggestions for the action filter: prefixes (every job action) and the actions recorded today. */
    static final List<String> KNOWN_ACTIONS = List.of(
            "job.",
            "job.create",
            "job.scale",
            "job.restart",
            "job.restart-cancel",
            "job.kill",
            "job.kill-instances",
            "task.",
            "task.reschedule",
            "rollout.",
            "rollout.start",
            "rollout.pause",
            "rollout.resume",
            "rollout.abort",
            "rollout.rollback",
            "rollout.rollback-automatic",
            "rollout.finish",
            "rollout.fail",
            "rollout.error",
            "team.",
            "team.create",
            "team.rename",
            "team.archive",
            "team.unarchive",
            "member.",
            "member.put",
            "member.remove",
            "quota.set",
            "user.",
            "user.create",
            "user.enable",
            "user.disable",
            "user.reset-password",
            "user.role",
            "token.",
            "token.create",
            "token.revoke",
            "auth.",
            "auth.sign-in",
            "auth.sign-out",
            "audit.",
            "audit.read",
            "audit.export",
            "audit.verify",
            "audit.retention");

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    final DateTimePicker from = new DateTimePicker("From (UTC)");
    final DateTimePicker to = new DateTimePicker("To (UTC)");
    final TextField actor = new TextField("Actor");
    final ComboBox<String> team = new ComboBox<>("Team");
    final ComboBox<String> action = new ComboBox<>("Action");
    final TextField target = new TextField("Target");
    final Select<AuditOutcome> outcome = new Select<>();
    final TextField text = new TextField("Text");
    final Button clear = new Button("Clear filters", VaadinIcon.CLOSE_SMALL.create());
    final Grid<AuditEntry> grid = new Grid<>();
    final Button more = new Button("Load older", VaadinIcon.ANGLE_DOWN.create());
    final Span shown = new Span();
    final Anchor exportCsv = new Anchor();
    final Anchor exportJson = new Anchor();
    final Button verify = new Button("Verify chain", VaadinIcon.SHIELD.create());
    final Span verdict = new Span();
    EntryDialog dialog;

    private final AuditService audit;
    private final Clock clock;
    private final List<String> teamItems = new ArrayList<>();
    private final List<String> actionItems = new ArrayList<>(KNOWN_ACTIONS);
    private final List<AuditEntry> entries = new ArrayList<>();
    private AuditQuery query = AuditQuery.NONE;
    private boolean hasMore;
    private boolean applyingUrl;

    public AuditView(AuditService audit, TeamService teams, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        setId("audit-view");
        addClassNames("borealis-page", "borealis-audit");

        from.setId("audit-from");
        to.setId("audit-to");
        actor.setId("audit-actor");
        actor.setClearButtonVisible(true);
        team.setId("audit-team");
        teams.visibleTeams().stream().map(Team::slug).sorted().forEach(teamItems::add);
        team.setItems(teamItems);
        team.setAllowCustomValue(true);
        team.setClearButtonVisible(true);
        team.addCustomValueSetListener(e -> choose(team, teamItems, e.getDetail()));
        action.setId("audit-action");
        action.setItems(actionItems);
        action.setAllowCustomValue(true);
        action.setClearButtonVisible(true);
        action.setHelperText("job. = every job action");
        action.addCustomValueSetListener(e -> choose(action, actionItems, e.getDetail()));
        target.setId("audit-target");
        target.setClearButtonVisible(true);
        target.setHelperText("Starts with, e.g. a job key team/env/name");
        outcome.setId("audit-outcome");
        outcome.setLabel("Outcome");
        outcome.setItems(AuditOutcome.values());
        outcome.setEmptySelectionAllowed(true);
        outcome.setEmptySelectionCaption("Any");
        text.setId("audit-text");
        text.setClearButtonVisible(true);
        text.setHelperText("In target, reason or message");
        clear.setId("audit-clear");
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        clear.addClickListener(e -> clearFilters());
        from.addValueChangeListener(e -> filterChanged());
        to.addValueChangeListener(e -> filterChanged());
        actor.addValueChangeListener(e -> filterChanged());
        team.addValueChangeListener(e -> filterChanged());
        action.addValueChangeListener(e -> filterChanged());
        target.addValueChangeListener(e -> filterChanged());
        outcome.addValueChangeListener(e -> filterChanged());
        text.addValueChangeListener(e -> filterChanged());
        Div filters = new Div(from, to, actor, team, action, target, outcome, text, clear);
        filters.setId("audit-filters");
        filters.addClassNames("borealis-card", "borealis-audit-filters");

        exportCsv.setId("audit-export-csv");
        exportCsv.setText("Export CSV");
        exportCsv.setHref(exportHandler("csv"), AttachmentType.DOWNLOAD);
        exportCsv.addClassName("borealis-download");
        exportJson.setId("audit-export-json");
        exportJson.setText("Export JSON");
        exportJson.setHref(exportHandler("json"), AttachmentType.DOWNLOAD);
        exportJson.addClassName("borealis-download");
        verify.setId("audit-verify");
        verify.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        verify.setTooltipText("Checks every entry's hash and the links between them");
        verify.addClickListener(e -> verifyChain());
        verdict.setId("audit-verdict");
        verdict.setVisible(false);
        Div actions = new Div(exportCsv, exportJson, verify, verdict);
        actions.addClassName("borealis-audit-actions");

        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(e -> Formats.instant(e.at()))
                .setHeader("Time")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(AuditEntry::actor).setHeader("Actor").setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(e -> e.team() == null ? "" : e.team()).setHeader("Team").setAutoWidth(true);
        grid.addColumn(AuditEntry::target).setHeader("Target").setFlexGrow(3).setTooltipGenerator(AuditEntry::target);
        grid.addComponentColumn(AuditView::outcomePill).setHeader("Outcome").setAutoWidth(true);
        grid.addColumn(e -> e.source().name()).setHeader("Source").setAutoWidth(true);
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.setAllRowsVisible(true);
        grid.setItems(entries);

        more.setId("audit-more");
        more.addClickListener(e -> loadOlder());
        shown.setId("audit-shown");
        shown.addClassName("borealis-muted");
        Div footer = new Div(shown, more);
        footer.addClassName("borealis-audit-footer");
        Div gridCard = new Div(actions, grid, footer);
        gridCard.addClassNames("borealis-card", "borealis-grid-card");

        add(filters, gridCard);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, String> parameters = UrlQuery.firstValues(event.getLocation());
        AuditQuery wanted = AuditQuery.parse(parameters);
        applyingUrl = true;
        try {
            from.setValue(wanted.from());
            to.setValue(wanted.to());
            actor.setValue(orEmpty(wanted.actor()));
            choose(team, teamItems, wanted.team());
            choose(action, actionItems, wanted.action());
            target.setValue(orEmpty(wanted.target()));
            outcome.setValue(wanted.outcome());
            text.setValue(orEmpty(wanted.text()));
        } finally {
            applyingUrl = false;
        }
        query = wanted;
        showProblems(wanted.problems());
        reload(); // a person who may read no audit entry is refused here (403 page)
    }

    /** The filters as a URL: the page's own location. */
    Location location() {
        return new Location("audit", QueryParameters.simple(query.parameters()));
    }

    /** The entries shown, newest first. */
    public List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    boolean hasMore() {
        return hasMore;
    }

    private void filterChanged() {
        if (applyingUrl) {
            return;
        }
        query = new AuditQuery(
                from.getValue(),
                to.getValue(),
                actor.getValue(),
                team.getValue(),
                action.getValue(),
                target.getValue(),
                outcome.getValue(),
                text.getValue(),
                List.of());
        showProblems(List.of());
        try {
            reload();
        } catch (RuntimeException e) {
            Notices.error(ErrorHandling.messageFor(e));
        }
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, location()));
    }

    private void clearFilters() {
        applyingUrl = true;
        try {
            from.clear();
            to.clear();
            actor.clear();
            team.clear();
            action.clear();
            target.clear();
            outcome.clear();
            text.clear();
        } finally {
            applyingUrl = false;
        }
        filterChanged();
    }

    private void showProblems(List<FieldProblem> problems) {
        from.setInvalid(false);
        to.setInvalid(false);
        outcome.setInvalid(false);
        for (FieldProblem problem : problems) {
            switch (problem.field()) {
                case "from" -> invalid(from, problem.message());
                case "to" -> invalid(to, problem.message());
                case "outcome" -> {
                    outcome.setErrorMessage(problem.message());
                    outcome.setInvalid(true);
                }
                default -> Notices.error(problem.toString());
            }
        }
        String range = query.rangeProblem();
        if (range != null) {
            invalid(to, range);
        }
    }

    private static void invalid(DateTimePicker picker, String message) {
        picker.setErrorMessage(message);
        picker.setInvalid(true);
    }

    /** Shows the first page for the current filters. */
    private void reload() {
        entries.clear();
        hasMore = false;
        if (query.rangeProblem() == null) {
            append(audit.search(query.filter(), null, PAGE));
        }
        grid.getDataProvider().refreshAll();
        grid.setEmptyStateText(
                query.rangeProblem() != null
                        ? "Fix the time range: To must be after From."
                        : "No audit entries match these filters.");
        showCounts();
    }

    /** Shows the next page: entries older than the oldest one shown (keyset, never an offset). */
    void loadOlder() {
        if (!hasMore || entries.isEmpty()) {
            return;
        }
        append(audit.search(query.filter(), entries.getLast().seq(), PAGE));
        grid.getDataProvider().refreshAll();
        showCounts();
    }

    private void append(List<AuditEntry> page) {
        entries.addAll(page);
        hasMore = page.size() == PAGE
                && !audit.search(query.filter(), page.getLast().seq(), 1).isEmpty();
    }

    private void showCounts() {
        shown.setText(entries.size() == 1 ? "1 entry shown" : entries.size() + " entries shown");
        more.setEnabled(hasMore);
        more.setTooltipText(hasMore ? "Show the next " + PAGE + " older entries" : "There are no older entries");
    }

    void open(AuditEntry entry) {
        dialog = new EntryDialog(entry);
        dialog.open();
    }

    private void verifyChain() {
        try {
            AuditVerifier.Verdict result = audit.verify();
            verdict.setVisible(true);
            verdict.removeClassNames("borealis-audit-intact", "borealis-audit-broken");
            if (result.intact()) {
                verdict.setText("Chain intact: " + result.entriesChecked() + " entries checked.");
                verdict.addClassName("borealis-audit-intact");
            } else {
                verdict.setText("Chain broken at entry " + result.brokenAtSeq() + ": " + result.problem() + " ("
                        + result.entriesChecked() + " entries checked before it).");
                verdict.addClassName("borealis-audit-broken");
            }
        } catch (RuntimeException e) {
            Notices.error(ErrorHandling.messageFor(e));
        }
    }

    /** Writes the filtered entries in a format (csv or json), as the export buttons do; answers how many. */
    int export(String format, Writer out) {
        return format.equals("csv") ? audit.exportCsv(query.filter(), out) : audit.exportJson(query.filter(), out);
    }

    private DownloadHandler exportHandler(String format) {
        return event -> {
            event.setFileName(
                    "borealis-audit-" + FILE_TIME.format(clock.instant()) + (format.equals("csv") ? ".csv" : ".jsonl"));
            event.setContentType(
                    format.equals("csv") ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
            try (Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8)) {
                export(format, out);
            }
        };
    }

    private static Span outcomePill(AuditEntry entry) {
        Span pill = new Span(entry.outcome().name());
        pill.addClassNames("borealis-pill", "borealis-audit-outcome");
        String state = switch (entry.outcome()) {
            case SUCCESS -> "running";
            case DENIED -> "pending";
            case FAILED -> "failed";
        };
        pill.getStyle().set("--state", "var(--borealis-state-" + state + ")");
        return pill;
    }

    /** Sets a combo box to a value, adding it to the items if it is not one of them. */
    private static void choose(ComboBox<String> box, List<String> items, String value) {
        if (value != null && !value.isBlank() && !items.contains(value)) {
            items.add(value);
            box.setItems(items);
        }
        box.setValue(value == null || value.isBlank() ? null : value);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
