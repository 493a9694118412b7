package io.borealis.ui.job;

import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.borealis.job.Job;
import io.borealis.scheduler.JobService;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/** A rolling restart: all instances or chosen ones, so many at a time. */
class RestartDialog extends ActionDialog {

    static final String ALL = "All instances";
    static final String CHOSEN = "Chosen instances";

    final RadioButtonGroup<String> which = new RadioButtonGroup<>("Restart");
    final TextField chosen = new TextField("Instances");
    final IntegerField batch = new IntegerField("At a time");
    private final Job job;
    private final JobService jobs;
    private final Runnable done;

    RestartDialog(Job job, JobService jobs, Set<Integer> selected, Runnable done) {
        super("restart-dialog", "Restart " + job.key(), "Restart", false);
        this.job = job;
        this.jobs = jobs;
        this.done = done;
        explain("Each instance's task is stopped and replaced by a fresh one, a batch at a time: the next batch "
                + "starts when every instance of the current one runs again.");
        which.setId("restart-which");
        which.setItems(ALL, CHOSEN);
        which.setValue(selected.isEmpty() ? ALL : CHOSEN);
        chosen.setId("restart-instances");
        chosen.setPlaceholder("e.g. 0-2, 5");
        chosen.setValue(InstanceRanges.format(selected));
        chosen.setManualValidation(true);
        chosen.setValueChangeMode(ValueChangeMode.EAGER);
        batch.setId("restart-batch");
        batch.setValue(1);
        batch.setStepButtonsVisible(true);
        batch.setManualValidation(true);
        batch.setValueChangeMode(ValueChangeMode.EAGER);
        which.addValueChangeListener(e -> update());
        chosen.addValueChangeListener(e -> update());
        batch.addValueChangeListener(e -> update());
        content(which, chosen, batch);
        update();
    }

    private List<Integer> instances() {
        if (ALL.equals(which.getValue())) {
            return List.of();
        }
        SortedSet<Integer> parsed = InstanceRanges.parse(chosen.getValue(), job.instanceCount());
        return List.copyOf(parsed);
    }

    private void update() {
        chosen.setVisible(CHOSEN.equals(which.getValue()));
        boolean ok = true;
        try {
            instances();
            chosen.setInvalid(false);
        } catch (IllegalArgumentException e) {
            chosen.setErrorMessage(e.getMessage());
            chosen.setInvalid(true);
            ok = false;
        }
        boolean batchOk = batch.getValue() != null && batch.getValue() >= 1 && batch.getValue() <= 10_000;
        batch.setInvalid(!batchOk);
        batch.setErrorMessage(batchOk ? null : "Must be at least 1");
        confirm.setEnabled(ok && batchOk);
    }

    @Override
    void perform() {
        jobs.restart(job.key(), instances(), batch.getValue());
        done.run();
    }
}
