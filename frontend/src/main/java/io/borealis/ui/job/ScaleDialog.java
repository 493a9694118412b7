package io.borealis.ui.job;

import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.borealis.error.FieldProblem;
import io.borealis.job.Job;
import io.borealis.quota.QuotaService;
import io.borealis.quota.Usage;
import io.borealis.scheduler.JobService;
import io.borealis.ui.support.Formats;
import io.borealis.ui.support.QuotaPreview;
import java.util.List;
import java.util.function.Consumer;

/** Scaling: the new instance count, the team's quota after the change as it is typed, then confirm. */
class ScaleDialog extends ActionDialog {

    final IntegerField instances = new IntegerField("Instances");
    final QuotaPreview quota;
    private final Job job;
    private final JobService jobs;
    private final Consumer<Job> done;

    ScaleDialog(Job job, JobService jobs, QuotaService quotas, Consumer<Job> done) {
        super("scale-dialog", "Scale " + job.key(), "Scale", false);
        this.job = job;
        this.jobs = jobs;
        this.done = done;
        this.quota = new QuotaPreview(quotas);
        explain("The job has " + Formats.instances(job.instanceCount()) + ". New instances run the current "
                + "configuration; scaling down stops the highest-numbered instances.");
        instances.setId("scale-instances");
        instances.setValue(job.instanceCount());
        instances.setStepButtonsVisible(true);
        instances.setManualValidation(true);
        instances.setValueChangeMode(ValueChangeMode.EAGER);
        instances.addValueChangeListener(e -> update());
        content(instances, quota);
        update();
    }

    private void update() {
        Integer wanted = instances.getValue();
        List<FieldProblem> problems = wanted == null
                ? List.of(new FieldProblem("instances", "must be a whole number"))
                : jobs.problems(job.spec().withInstances(wanted)).stream()
                        .filter(p -> p.field().equals("instances"))
                        .toList();
        instances.setInvalid(!problems.isEmpty());
        instances.setErrorMessage(
                problems.isEmpty() ? null : "Instances " + problems.getFirst().message());
        int after = wanted == null ? job.instanceCount() : wanted;
        int adding = Math.max(0, after - job.instanceCount());
        quota.update(
                job.key().team(),
                Usage.of(job.currentConfig().resources(), adding),
                job.currentConfig().tier().isProduction());
        boolean changed = wanted != null && wanted != job.instanceCount();
        confirm.setText(changed ? "Scale to " + Formats.instances(wanted) : "Scale");
        confirm.setEnabled(problems.isEmpty() && changed && quota.fits());
    }

    @Override
    void perform() {
        done.accept(jobs.scale(job.key(), instances.getValue()));
    }
}
