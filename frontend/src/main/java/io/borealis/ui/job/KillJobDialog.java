package io.borealis.ui.job;

import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.borealis.job.Job;
import io.borealis.scheduler.JobService;
import io.borealis.ui.support.Formats;

/** Killing the whole job, confirmed by typing its name. */
class KillJobDialog extends ActionDialog {

    final TextField typed = new TextField();
    final TextField reason = new TextField("Reason (optional)");
    private final Job job;
    private final JobService jobs;
    private final Runnable done;

    KillJobDialog(Job job, JobService jobs, Runnable done) {
        super("kill-job-dialog", "Kill " + job.key() + "?", "Kill job", true);
        this.job = job;
        this.jobs = jobs;
        this.done = done;
        explain("All " + Formats.instances(job.instanceCount()) + " stop for good and are not replaced. The job's "
                + "history stays; its name can be used again.");
        typed.setId("kill-job-name");
        typed.setLabel("Type " + job.key().name() + " to confirm");
        typed.setValueChangeMode(ValueChangeMode.EAGER);
        typed.addValueChangeListener(e -> confirm.setEnabled(matches()));
        reason.setId("kill-job-reason");
        content(typed, reason);
        confirm.setEnabled(false);
    }

    private boolean matches() {
        return job.key().name().equals(typed.getValue().strip());
    }

    @Override
    void perform() {
        if (!matches()) {
            return;
        }
        jobs.killJob(job.key(), reason.getValue());
        done.run();
    }
}
