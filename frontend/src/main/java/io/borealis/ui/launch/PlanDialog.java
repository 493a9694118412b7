package io.borealis.ui.launch;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.borealis.error.BorealisException;
import io.borealis.job.Job;
import io.borealis.scheduler.JobPlan;
import io.borealis.ui.support.Formats;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The plan, shown before anything is created: the fields the job will have (or that change), where
 * each instance would land right now or why it would wait, and whether the quota allows it. Only
 * "Launch" in this dialog creates the job; a refusal is shown here and nothing is left behind.
 */
class PlanDialog extends Dialog {

    final Button launch = new Button("Launch job", VaadinIcon.ROCKET.create());
    final Button back = new Button("Back to the form");
    final Paragraph error = new Paragraph();

    PlanDialog(
            JobPlan plan, Function<JobPlan, Job> create, Consumer<Job> launched, Consumer<BorealisException> refused) {
        setId("plan-dialog");
        setHeaderTitle(
                (plan.existingJob() ? "Change " : "Launch ") + plan.spec().key() + "?");
        setWidth("min(760px, 96vw)");
        addClassName("borealis-plan-dialog");

        Div body = new Div();
        body.addClassName("borealis-plan");
        body.add(summary(plan));
        if (plan.existingJob()) {
            Paragraph exists = new Paragraph("A job " + plan.spec().key() + " is already running with "
                    + Formats.instances(plan.instancesBefore()) + ". A launch would be refused: scale or restart it"
                    + " from its page, kill it first, or choose another name.");
            exists.setId("plan-exists");
            exists.addClassName("borealis-callout-error");
            body.add(exists);
        }
        body.add(quota(plan), placements(plan), changes(plan));
        error.setId("plan-error");
        error.addClassName("borealis-callout-error");
        error.setVisible(false);
        body.add(error);
        add(body);

        launch.setId("confirm-launch");
        launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        launch.setEnabled(!plan.existingJob() && plan.quotaShortfalls().isEmpty());
        launch.setDisableOnClick(true);
        launch.addClickListener(e -> {
            try {
                Job job = create.apply(plan);
                close();
                launched.accept(job);
            } catch (BorealisException refusal) {
                error.setText("Nothing was created: " + refusal.getMessage());
                error.setVisible(true);
                launch.setEnabled(false);
                refused.accept(refusal);
            }
        });
        back.setId("plan-back");
        back.addClickListener(e -> close());
        getFooter().add(back, launch);
    }

    private static Div summary(JobPlan plan) {
        int adding = Math.max(0, plan.instancesAfter() - plan.instancesBefore());
        long waiting = plan.placements().size() - plan.placedCount();
        String text = plan.spec().kind() + " job, " + Formats.instances(plan.instancesAfter()) + " of "
                + Formats.resources(plan.spec().task().resources()) + " each. "
                + (adding == 0
                        ? "No new instances."
                        : plan.placedCount() + " of " + adding + " new instances would be placed now"
                                + (waiting > 0 ? ", " + waiting + " would wait." : "."));
        Div summary = new Div(new Span(text));
        summary.setId("plan-summary");
        summary.addClassName("borealis-plan-summary");
        return summary;
    }

    private static Div quota(JobPlan plan) {
        Div section = section("Quota");
        Paragraph line = new Paragraph();
        line.setId("plan-quota");
        if (plan.quotaShortfalls().isEmpty()) {
            line.setText(
                    plan.spec().task().tier().isProduction()
                            ? "Fits team " + plan.spec().key().team() + "'s production quota."
                            : "Preemptible tier: uses no quota.");
            line.addClassName("borealis-callout-ok");
        } else {
            StringBuilder text = new StringBuilder(
                    "Not enough production quota in team " + plan.spec().key().team() + ": ");
            plan.quotaShortfalls()
                    .forEach(s -> text.append(s.resource())
                            .append(" short by ")
                            .append(s.missing())
                            .append(" (needs ")
                            .append(s.requested())
                            .append(", ")
                            .append(s.available())
                            .append(" left); "));
            text.setLength(text.length() - 2);
            line.setText(text + ".");
            line.addClassName("borealis-callout-error");
        }
        section.add(line);
        return section;
    }

    private static Div placements(JobPlan plan) {
        Div section = section("Placement now");
        Div list = new Div();
        list.setId("plan-placements");
        list.addClassName("borealis-plan-placements");
        int shown = 0;
        for (JobPlan.PlannedInstance instance : plan.placements()) {
            if (shown++ == 50) {
                list.add(new Div(new Span("… and " + (plan.placements().size() - 50) + " more")));
                break;
            }
            Span id = new Span("Instance " + instance.instanceId());
            id.addClassName("borealis-plan-instance");
            Span where = new Span(
                    instance.placed()
                            ? "→ " + instance.agentId()
                                    + (instance.hostname() == null
                                                    || instance.hostname().equals(instance.agentId())
                                            ? ""
                                            : " (" + instance.hostname() + ")")
                            : "would wait: " + instance.pendingReason());
            Div row = new Div(id, where);
            row.addClassNames("borealis-plan-placement", instance.placed() ? "placed" : "waiting");
            list.add(row);
        }
        if (plan.placements().isEmpty()) {
            list.add(new Span("No new instances to place."));
        }
        section.add(list);
        return section;
    }

    private static Div changes(JobPlan plan) {
        Div section = section(plan.existingJob() ? "What changes" : "The job's fields");
        Div list = new Div();
        list.setId("plan-changes");
        list.addClassName("borealis-diff");
        for (JobPlan.FieldChange change : plan.changes()) {
            String marker = change.before() == null ? "+" : change.after() == null ? "−" : "~";
            Span sign = new Span(marker);
            sign.addClassName("borealis-diff-sign");
            Span field = new Span(change.field());
            field.addClassName("borealis-diff-field");
            Span value = new Span(
                    change.before() == null
                            ? change.after()
                            : change.after() == null ? change.before() : change.before() + " → " + change.after());
            value.addClassName("borealis-diff-value");
            Div row = new Div(sign, field, value);
            row.addClassNames(
                    "borealis-diff-row",
                    change.before() == null ? "added" : change.after() == null ? "removed" : "changed");
            list.add(row);
        }
        if (plan.changes().isEmpty()) {
            list.add(new Span("Nothing changes."));
        }
        section.add(list);
        return section;
    }

    private static Div section(String title) {
        Div section = new Div(new H4(title));
        section.addClassName("borealis-plan-section");
        section.getElement().setAttribute("data-section", title.toLowerCase(Locale.ROOT));
        return section;
    }
}
