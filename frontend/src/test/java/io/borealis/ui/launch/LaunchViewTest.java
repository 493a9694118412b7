package io.borealis.ui.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.dialog.Dialog;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Tier;
import io.borealis.job.spec.JobSpecFormat;
import io.borealis.scheduler.JobService;
import io.borealis.ui.Specs;
import io.borealis.ui.ViewTest;
import io.borealis.ui.job.JobView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/** The launch form: inline validation, the raw spec both ways, templates, quota and the plan. */
@WithUserDetails("dev")
class LaunchViewTest extends ViewTest {

    @Autowired
    JobService jobs;

    @Test
    void aBadFieldSaysWhatIsWrongAndWhatIsAllowedRightNextToIt() {
        LaunchView view = navigate(LaunchView.class);
        SpecForm form = view.form;
        assertThat(form.name.isInvalid()).as("untouched fields stay quiet").isFalse();

        test(form.cpus).setValue(0.0);
        form.ramMb.setValue(2);
        test(form.environment).setValue("Prod");

        assertThat(form.cpus.isInvalid()).isTrue();
        assertThat(form.cpus.getErrorMessage()).isEqualTo("Must be between 0.01 and 64 cores");
        assertThat(form.ramMb.getErrorMessage()).isEqualTo("Must be between 4 and 1048576 MB");
        assertThat(form.environment.getErrorMessage()).startsWith("Must be 1-32 characters: a lower-case letter first");
        assertThat(form.name.isInvalid()).isFalse();

        test(view.review.button()).click();

        assertThat(form.name.isInvalid()).as("reviewing shows every problem").isTrue();
        assertThat(form.name.getErrorMessage()).startsWith("Must be 1-64 characters");
        assertThat(form.processes.rows().getFirst().command.getErrorMessage()).isEqualTo("Is required");
        assertThat($(Dialog.class).exists()).as("no plan for an invalid spec").isFalse();
    }

    @Test
    void rowsValidateTooAndTheHealthCheckMustNameAPort() {
        SpecForm form = navigate(LaunchView.class).form;

        test(form.healthKind).selectItem(SpecForm.HEALTH_HTTP);
        form.addPort("HTTP");
        form.ports.rows().getFirst().name.setValue("Http ");
        form.addVariable("PORT", "1");
        form.healthPort.setValue("web");

        assertThat(form.ports.rows().getFirst().name.getErrorMessage()).startsWith("Must be 1-32 characters");
        assertThat(form.variables.rows().getFirst().key.getErrorMessage())
                .isEqualTo("Is set by Borealis itself (BOREALIS_* and PORT are reserved)");
        assertThat(form.healthPort.getErrorMessage()).startsWith("Must name one of the task's ports");
    }

    @Test
    void theRawSpecFollowsTheFormAndTheFormFollowsTheText() {
        LaunchView view = navigate(LaunchView.class);
        test(view.form.name).setValue("echo");
        test(view.form.cpus).setValue(0.5);

        JobSpec shown = JobSpecFormat.read(view.rawText(), JobSpecFormat.Notation.JSON);
        assertThat(shown.key()).isEqualTo(new JobKey("payments", "devel", "echo"));
        assertThat(shown.task().resources().cpus()).isEqualTo(0.5);

        JobSpec edited = shown.withInstances(4)
                .withTask(shown.task().withTier(Tier.PREEMPTIBLE).withPorts(List.of("http", "admin")));
        test(view.raw.text).setValue(JobSpecFormat.write(edited, JobSpecFormat.Notation.JSON));

        assertThat(view.form.instances.getValue()).isEqualTo(4);
        assertThat(view.form.tier.getValue()).isEqualTo(Tier.PREEMPTIBLE);
        assertThat(view.form.ports.rows()).extracting(r -> r.name.getValue()).containsExactly("http", "admin");

        test(view.raw.notation).selectItem("YAML");
        assertThat(JobSpecFormat.read(view.rawText(), JobSpecFormat.Notation.YAML))
                .isEqualTo(view.form.spec());
    }

    @Test
    void textThatDoesNotParseSaysWhereAndLeavesTheFormAlone() {
        LaunchView view = navigate(LaunchView.class);
        test(view.form.name).setValue("keep");

        test(view.raw.text).setValue("{\n  \"key\": {\"team\": \"payments\",\n  \"instances\": ");

        assertThat(view.raw.text.isInvalid()).isTrue();
        assertThat(view.raw.text.getErrorMessage())
                .startsWith("The text is not valid JSON")
                .contains("(line ");
        assertThat(view.form.name.getValue()).isEqualTo("keep");

        test(view.raw.text).setValue("{\"key\": {\"team\": \"payments\"}, \"instances\": \"three\"}");
        assertThat(view.raw.text.getErrorMessage()).isEqualTo("instances must be a number (line 1)");
    }

    @Test
    void aTemplateFillsTheFormWithAnExistingJobsConfigurationUnderANewName() {
        JobSpec original = Specs.service(Specs.unique("tmpl"), 2);
        jobs.create(original);

        LaunchView view = navigate(LaunchView.class);
        view.useTemplate(original.key());

        JobSpec copy = view.form.spec();
        assertThat(copy.key().name()).isEqualTo(original.key().name() + "-copy");
        assertThat(copy.task()).isEqualTo(original.task());
        assertThat(copy.instances()).isEqualTo(2);
        assertThat(view.form.variables.rows()).extracting(r -> r.key.getValue()).containsExactly("GREETING");
        assertThat(view.form.healthPort.getValue()).isEqualTo("http");
    }

    @Test
    void thePlanIsShownBeforeAnythingIsCreatedAndLaunchingLandsOnTheJob() {
        String name = Specs.unique("plan");
        LaunchView view = navigate(LaunchView.class);
        view.form.fill(Specs.service(name, 3));
        test(view.form.name).setValue(name);

        test(view.review.button()).click();

        PlanDialog plan = $(PlanDialog.class).single();
        JobKey key = new JobKey("payments", "devel", name);
        assertThat(jobs.find(key)).as("nothing exists before confirming").isEmpty();
        assertThat(plan.getHeaderTitle()).isEqualTo("Launch payments/devel/" + name + "?");
        assertThat(text(plan)).contains("Instance 0→ local-").contains("Fits team payments's production quota");
        assertThat(text(plan)).contains("task.resources.cpus").contains("0.1");

        test(plan.launch).click();

        assertThat(jobs.find(key)).get().extracting(j -> j.instanceCount()).isEqualTo(3);
        assertThat(getCurrentView()).isInstanceOf(JobView.class);
    }

    @Test
    void goingBackFromThePlanCreatesNothing() {
        String name = Specs.unique("back");
        LaunchView view = navigate(LaunchView.class);
        view.form.fill(Specs.service(name, 1));
        test(view.review.button()).click();

        test($(PlanDialog.class).single().back).click();

        assertThat(jobs.find(new JobKey("payments", "devel", name))).isEmpty();
        assertThat(getCurrentView()).isInstanceOf(LaunchView.class);
    }

    @Test
    void aShortQuotaBlocksSubmissionAndSaysByHowMuch() {
        LaunchView view = navigate(LaunchView.class);
        view.form.fill(Specs.service(Specs.unique("big"), 1));
        test(view.form.cpus).setValue(2.0);

        view.form.instances.setValue(5);

        assertThat(view.review.isAllowed()).isFalse();
        assertThat(view.review.button().isEnabled()).isFalse();
        assertThat(view.quota.summary())
                .startsWith("Not enough quota in team payments: cpus short by ")
                .contains("(needs 10 cpus, ");
        assertThat(view.review.tooltipText()).isEqualTo(view.quota.summary());

        test(view.form.tier).selectItem("Preemptible (best effort, outside quota)");
        assertThat(view.review.isAllowed()).as("preemptible work uses no quota").isTrue();
    }

    @Test
    void aRefusalInThePlanDialogIsShownThereAndLeavesNothingBehind() {
        JobSpec existing = Specs.service(Specs.unique("taken"), 1);
        jobs.create(existing);
        LaunchView view = navigate(LaunchView.class);
        view.form.fill(existing);

        test(view.review.button()).click();

        PlanDialog plan = $(PlanDialog.class).single();
        assertThat(text(plan)).contains("is already running with 1 instance");
        assertThat(plan.launch.isEnabled()).isFalse();
        assertThat(jobs.job(existing.key()).job().instanceCount()).isEqualTo(1);
    }

    @Test
    void kindAndInstancesAreInTheSpec() {
        LaunchView view = navigate(LaunchView.class);
        test(view.form.kind).selectItem("Adhoc: runs to completion");
        view.form.instances.setValue(7);

        assertThat(view.form.spec().kind()).isEqualTo(JobKind.ADHOC);
        assertThat(view.form.spec().instances()).isEqualTo(7);
        assertThat(view.form.spec().task().environment()).isEqualTo(Map.of());
    }

    private static String text(PlanDialog plan) {
        return plan.getElement().getTextRecursively();
    }
}
