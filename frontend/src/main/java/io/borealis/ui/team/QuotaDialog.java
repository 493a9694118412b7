package io.borealis.ui.team;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import io.borealis.error.ConflictException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.job.Resources;
import io.borealis.quota.Quota;
import io.borealis.quota.QuotaPolicy;
import io.borealis.quota.QuotaService;
import io.borealis.ui.support.FormDialog;
import io.borealis.ui.support.Notices;
import java.util.ArrayList;
import java.util.List;

/**
 * Setting a team's quota (platform admins). A quota below what the team's production tasks use
 * now is refused by the service with the numbers; the dialog then shows them and offers an
 * explicit over-commit, which sets the quota anyway (running tasks keep running, new ones are
 * refused).
 */
class QuotaDialog extends FormDialog {

    final NumberField cpus = new NumberField("CPUs");
    final IntegerField ramMb = new IntegerField("Memory (MB)");
    final IntegerField diskMb = new IntegerField("Disk (MB)");
    final IntegerField maxTasks = new IntegerField("Max production tasks (optional)");
    final Div overcommit = new Div();
    final UnorderedList below = new UnorderedList();
    final Button overcommitButton = new Button("Over-commit anyway");

    private final String team;
    private final QuotaService quotas;

    QuotaDialog(QuotaService.TeamQuota current, QuotaService quotas, Runnable done) {
        super("quota-dialog", "Production quota of team " + current.team(), "Save quota", false);
        this.team = current.team();
        this.quotas = quotas;
        explain("What the team's production (preferred tier) tasks may use in total. Preemptible tasks use "
                + "none of it. Production use now: "
                + io.borealis.ui.support.Formats.resources(current.production().resources()) + ", "
                + current.production().tasks() + " tasks.");
        cpus.setId("quota-cpus");
        cpus.setStep(0.1);
        cpus.setMin(0);
        ramMb.setId("quota-ram");
        ramMb.setMin(0);
        diskMb.setId("quota-disk");
        diskMb.setMin(0);
        maxTasks.setId("quota-max-tasks");
        maxTasks.setMin(0);
        maxTasks.setHelperText("Leave empty for no task limit.");
        maxTasks.setClearButtonVisible(true);
        if (current.hasQuota()) {
            cpus.setValue(current.quota().resources().cpus());
            ramMb.setValue((int)
                    Math.min(Integer.MAX_VALUE, current.quota().resources().ramMb()));
            diskMb.setValue((int)
                    Math.min(Integer.MAX_VALUE, current.quota().resources().diskMb()));
            maxTasks.setValue(current.quota().maxTasks());
        }
        Div fields = new Div(cpus, ramMb, diskMb, maxTasks);
        fields.addClassName("borealis-quota-fields");
        overcommit.setId("quota-overcommit");
        overcommit.addClassName("borealis-callout-warning");
        overcommitButton.setId("quota-overcommit-confirm");
        overcommitButton.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        overcommitButton.addClickListener(e -> overcommitAnyway());
        overcommit.add(
                new Paragraph("The new quota is below what team " + team + " uses now:"),
                below,
                new Paragraph("Over-committing sets it anyway: running tasks keep running, new production tasks "
                        + "are refused until use is below the quota."),
                overcommitButton);
        overcommit.setVisible(false);
        content(fields, overcommit);
        field("cpus", cpus).field("ramMb", ramMb).field("diskMb", diskMb).field("maxTasks", maxTasks);
        cpus.addValueChangeListener(e -> overcommit.setVisible(false));
        ramMb.addValueChangeListener(e -> overcommit.setVisible(false));
        diskMb.addValueChangeListener(e -> overcommit.setVisible(false));
        maxTasks.addValueChangeListener(e -> overcommit.setVisible(false));
        onConfirm(() -> save(false));
        onDone(done);
    }

    /** The quota the fields describe, or the fields' problems. */
    Quota quota() {
        List<FieldProblem> problems = new ArrayList<>();
        if (cpus.getValue() == null) {
            problems.add(new FieldProblem("cpus", "is required (a number of cores, 0 or more)"));
        }
        if (ramMb.getValue() == null) {
            problems.add(new FieldProblem("ramMb", "is required (MB, 0 or more)"));
        }
        if (diskMb.getValue() == null) {
            problems.add(new FieldProblem("diskMb", "is required (MB, 0 or more)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Quota(new Resources(cpus.getValue(), ramMb.getValue(), diskMb.getValue()), maxTasks.getValue());
    }

    private void save(boolean confirmedOvercommit) {
        Quota quota = quota();
        try {
            quotas.setQuota(team, quota, confirmedOvercommit);
        } catch (ConflictException belowUse) {
            below.removeAll();
            QuotaPolicy.belowUse(quota, quotas.quota(team).production()).forEach(line -> below.add(new ListItem(line)));
            overcommit.setVisible(true);
            throw belowUse;
        }
        Notices.success("Quota of team " + team + " saved" + (confirmedOvercommit ? " (over-committed)." : "."));
    }

    private void overcommitAnyway() {
        onConfirm(() -> save(true));
        try {
            submit();
        } finally {
            onConfirm(() -> save(false));
        }
    }
}
