package io.borealis.ui.launch;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamService;
import io.borealis.error.BorealisException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.job.Job;
import io.borealis.job.JobKey;
import io.borealis.job.JobSpec;
import io.borealis.quota.QuotaService;
import io.borealis.quota.Usage;
import io.borealis.scheduler.JobFilter;
import io.borealis.scheduler.JobPlan;
import io.borealis.scheduler.JobService;
import io.borealis.scheduler.JobSort;
import io.borealis.scheduler.JobSummary;
import io.borealis.ui.job.JobView;
import io.borealis.ui.jobs.JobsView;
import io.borealis.ui.support.ErrorHandling;
import io.borealis.ui.support.GuardedButton;
import io.borealis.ui.support.Notices;
import io.borealis.ui.support.Permissions;
import io.borealis.ui.support.QuotaPreview;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Launching a job: every field of the spec in a form with inline validation (the validator's own
 * messages), the same spec as JSON or YAML kept in step, a template from any visible job, the
 * team's quota after the launch as people type (submission blocked while short), and the plan
 * shown before anything is created. Launching lands on the new job's page.
 */
@Route("jobs/new")
@PageTitle("Launch a job")
@PermitAll
public class LaunchView extends Div implements BeforeEnterObserver {

    final ComboBox<JobSummary> template = new ComboBox<>("Start from an existing job");
    final SpecForm form;
    final RawSpecEditor raw;
    final QuotaPreview quota;
    final GuardedButton review;
    final Div problems = new Div();
    PlanDialog planDialog;

    private final JobService jobs;
    private boolean showAll;
    private String noTeam;

    public LaunchView(JobService jobs, QuotaService quotas, TeamService teams, TeamAccess access) {
        this.jobs = jobs;
        setId("launch-view");
        addClassNames("borealis-page", "borealis-launch");

        List<Team> launchable = Permissions.launchableTeams(teams, access);
        form = new SpecForm(launchable, this::formChanged);
        raw = new RawSpecEditor(this::textParsed);
        quota = new QuotaPreview(quotas);

        template.setId("template-picker");
        template.setPlaceholder("Type part of a job's name");
        template.setItemLabelGenerator(s -> s.key().toString());
        template.setClearButtonVisible(true);
        template.setWidth("28em");
        template.setItems(
                query -> jobs
                        .findJobs(
                                JobFilter.ANY.withName(query.getFilter().orElse(null)),
                                JobSort.BY_KEY,
                                query.getOffset(),
                                query.getLimit())
                        .stream(),
                query -> jobs.countJobs(JobFilter.ANY.withName(query.getFilter().orElse(null))));
        template.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                useTemplate(e.getValue().key());
            }
        });
        Paragraph intro = new Paragraph(
                "Describe the job, check the plan, then launch. Nothing is created " + "until you confirm the plan.");
        intro.addClassName("borealis-muted");
        Div top = new Div(intro, template);
        top.addClassName("borealis-launch-top");

        Button reviewButton = new Button("Review plan", VaadinIcon.CLIPBOARD_CHECK.create());
        reviewButton.setId("review-plan");
        reviewButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        reviewButton.addClickListener(e -> reviewPlan());
        review = new GuardedButton(reviewButton);
        Button cancel = new Button("Cancel", e -> getUI().ifPresent(ui -> ui.navigate(JobsView.class)));
        cancel.setId("cancel-launch");
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        problems.setId("form-problems");
        problems.addClassName("borealis-problems");
        problems.setVisible(false);
        Div actions = new Div(new H3("Launch"), problems, quota, new Div(review, cancel));
        actions.addClassNames("borealis-card", "borealis-launch-actions");

        Div side = new Div(actions, raw);
        side.addClassName("borealis-launch-side");
        Div columns = new Div(form, side);
        columns.addClassName("borealis-launch-columns");
        add(top, columns);

        noTeam = launchable.isEmpty() ? Permissions.launch(teams, access).reason() : null;
        formChanged();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> from =
                event.getLocation().getQueryParameters().getParameters().get("from");
        if (from != null && !from.isEmpty()) {
            try {
                useTemplate(JobKey.parse(from.getFirst()));
            } catch (BorealisException e) {
                Notices.error("The template could not be used: " + e.getMessage());
            }
        }
    }

    /** Fills the form from an existing job's configuration, under a new name. */
    void useTemplate(JobKey key) {
        JobSpec spec = jobs.job(key).job().spec();
        String team = form.team.getListDataView().contains(spec.key().team())
                ? spec.key().team()
                : "";
        JobSpec copy = new JobSpec(
                new JobKey(team, spec.key().environment(), spec.key().name() + "-copy"),
                spec.kind(),
                spec.task(),
                spec.instances());
        form.fill(copy);
        showAll = true;
        formChanged();
        getUI().ifPresent(ui -> ui.getPage()
                .getHistory()
                .replaceState(null, new Location("jobs/new", QueryParameters.of("from", key.toString()))));
    }

    /** The form changed: validate, rewrite the text, recompute the quota. */
    private void formChanged() {
        JobSpec spec = form.spec();
        raw.show(spec);
        validate(spec);
    }

    /** The text parsed: the form follows (the text stays as typed). */
    private void textParsed(JobSpec spec) {
        form.fill(spec);
        showAll = true;
        validate(form.spec());
    }

    private void validate(JobSpec spec) {
        List<FieldProblem> all = new ArrayList<>(jobs.problems(spec));
        all.addAll(form.formProblems());
        showProblems(form.showProblems(all, showAll), all.size());
        updateQuota(spec);
    }

    private void showProblems(List<FieldProblem> elsewhere, int total) {
        problems.removeAll();
        if (elsewhere.isEmpty() && (!showAll || total == 0)) {
            problems.setVisible(false);
            return;
        }
        problems.setVisible(true);
        if (showAll && total > 0) {
            problems.add(new Paragraph(
                    total == 1 ? "1 problem to fix before launching:" : total + " problems to fix before launching:"));
        }
        UnorderedList list = new UnorderedList();
        for (FieldProblem problem : elsewhere) {
            list.add(new ListItem(problem.field() + ": " + problem.message()));
        }
        if (!elsewhere.isEmpty()) {
            problems.add(list);
        }
    }

    private void updateQuota(JobSpec spec) {
        String team = spec.key().team();
        boolean production = spec.task().tier().isProduction();
        Usage additional = Usage.of(spec.task().resources(), Math.max(0, spec.instances()));
        try {
            quota.update(team, additional, production);
        } catch (BorealisException e) {
            quota.update(null, Usage.NONE, production);
        }
        review.refuse(noTeam != null ? noTeam : quota.fits() ? null : quota.summary());
    }

    private void reviewPlan() {
        JobSpec spec = form.spec();
        List<FieldProblem> all = new ArrayList<>(jobs.problems(spec));
        all.addAll(form.formProblems());
        showAll = true;
        if (!all.isEmpty()) {
            showProblems(form.showProblems(all, true), all.size());
            Notices.error(
                    all.size() == 1
                            ? "One field needs fixing before the plan can be made: it is marked in the form."
                            : all.size()
                                    + " fields need fixing before the plan can be made: they are marked in the form.");
            return;
        }
        JobPlan plan;
        try {
            plan = jobs.plan(spec);
        } catch (InvalidInputException e) {
            showProblems(form.showProblems(e.problems(), true), e.problems().size());
            Notices.error(e.getMessage());
            return;
        } catch (BorealisException e) {
            Notices.error(e.getMessage());
            return;
        }
        planDialog = new PlanDialog(plan, p -> jobs.create(p.spec()), this::launched, this::refused);
        planDialog.open();
    }

    private void launched(Job job) {
        Notices.success("Launched " + job.key() + ": " + job.instanceCount()
                + (job.instanceCount() == 1 ? " instance is" : " instances are") + " being scheduled.");
        getUI().ifPresent(ui -> ui.navigate(JobView.class, JobView.parameters(job.key())));
    }

    private void refused(BorealisException refusal) {
        if (refusal instanceof InvalidInputException invalid) {
            showProblems(
                    form.showProblems(invalid.problems(), true),
                    invalid.problems().size());
        }
        if (ErrorHandling.known(refusal) != null) {
            updateQuota(form.spec());
        }
    }

    /** The text area's value (for tests). */
    String rawText() {
        return raw.text.getValue();
    }

    /** Query parameters that open this form with a template. */
    public static QueryParameters from(JobKey key) {
        return new QueryParameters(Map.of("from", List.of(key.toString())));
    }
}
