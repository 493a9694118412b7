package io.borealis.ui.job;

import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.borealis.job.Job;
import io.borealis.scheduler.JobService;
import java.util.Set;
import java.util.SortedSet;

/** Killing some instances: which ones (from the selection, or typed), an optional reason, confirm. */
class KillInstancesDialog extends ActionDialog {

    final TextField instances = new TextField("Instances");
    final TextField reason = new TextField("Reason (optional)");
    private final Job job;
    private final JobService jobs;
    private final Runnable done;

    KillInstancesDialog(Job job, JobService jobs, Set<Integer> selected, Runnable done) {
        super("kill-instances-dialog", "Kill instances of " + job.key(), "Kill", true);
        this.job = job;
        this.jobs = jobs;
        this.done = done;
        explain(
                job.isService()
                        ? "This is a service: each killed instance is replaced by a fresh task (the way to replace a stuck "
                                + "instance). The instance count stays the same."
                        : "This is an adhoc job: killed instances stay killed.");
        instances.setId("kill-instances");
        instances.setPlaceholder("e.g. 0-2, 5");
        instances.setValue(InstanceRanges.format(selected));
        instances.setManualValidation(true);
        instances.setValueChangeMode(ValueChangeMode.EAGER);
        instances.addValueChangeListener(e -> update());
        reason.setId("kill-reason");
        reason.setPlaceholder("Shown in the task events");
        content(instances, reason);
        update();
    }

    private void update() {
        try {
            SortedSet<Integer> parsed = InstanceRanges.parse(instances.getValue(), job.instanceCount());
            instances.setInvalid(false);
            confirm.setText(
                    parsed.size() == 1 ? "Kill instance " + parsed.first() : "Kill " + parsed.size() + " instances");
            confirm.setEnabled(true);
        } catch (IllegalArgumentException e) {
            instances.setErrorMessage(e.getMessage());
            instances.setInvalid(!instances.getValue().isBlank());
            confirm.setText("Kill");
            confirm.setEnabled(false);
        }
    }

    @Override
    void perform() {
        jobs.killInstances(
                job.key(), InstanceRanges.parse(instances.getValue(), job.instanceCount()), reason.getValue());
        done.run();
    }
}
