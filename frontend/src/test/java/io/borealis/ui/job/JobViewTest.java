package io.borealis.ui.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.job.JobKey;
import io.borealis.job.JobSpec;
import io.borealis.job.JobStatus;
import io.borealis.scheduler.JobChanged;
import io.borealis.scheduler.JobService;
import io.borealis.task.TaskRepository;
import io.borealis.task.TaskState;
import io.borealis.ui.Specs;
import io.borealis.ui.ViewTest;
import io.borealis.ui.error.ForbiddenView;
import io.borealis.ui.error.NoSuchPageView;
import io.borealis.ui.error.NotFoundView;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.test.context.support.WithUserDetails;

/** The job page: the live instance grid, the instance panel, the action dialogs and who may use them. */
@WithUserDetails("dev")
class JobViewTest extends ViewTest {

    @Autowired
    JobService jobs;

    @Autowired
    TeamService teams;

    @Autowired
    TaskRepository tasks;

    @Autowired
    ApplicationEventPublisher events;

    @BeforeEach
    void devViewsTeamSearchAndNobodyElseSeesVault() {
        asAdmin(() -> {
            teams.putMember("search", "dev", TeamLevel.VIEWER);
            if (teams.visibleTeams().stream().noneMatch(t -> t.slug().equals("vault"))) {
                teams.createTeam("vault", "Vault");
            }
            return null;
        });
    }

    @Test
    void theGridShowsEachInstanceByStateAndFollowsTheJobLive() {
        JobSpec spec = Specs.service(Specs.unique("live"), 3);
        jobs.create(spec);

        JobView view = open(spec.key());

        assertThat(view.grid.size()).isEqualTo(3);
        assertThat(view.grid.classesOf(0)).contains("cell", "state-pending");
        assertThat(text(view.grid.legend)).isEqualTo("3 pending");
        assertThat(view.name.getText()).isEqualTo(spec.key().name());
        assertThat(text(view.facts)).contains("HTTP GET / on port http").contains("dana@example.com");

        jobs.scale(spec.key(), 5); // as if somebody else did it: the page is told after the commit

        eventually(() -> view.grid.size() == 5);
        assertThat(text(view.grid.legend)).isEqualTo("5 pending");
    }

    @Test
    void anInstanceOpensWithItsTaskEventsAndWhyItWaits() {
        JobSpec spec = Specs.service(Specs.unique("panel"), 2);
        jobs.create(spec);
        JobView view = open(spec.key());

        view.grid.click(1);

        InstancePanel panel = view.panel;
        assertThat(panel.isVisible()).isTrue();
        assertThat(panel.title.getText()).isEqualTo("Instance 1");
        String taskId = panel.taskId.getText();
        assertThat(taskId).startsWith("payments-devel-" + spec.key().name() + "-1-");
        assertThat(panel.waiting.getText())
                .startsWith("Why is it pending? It is waiting for the next scheduling round");
        assertThat(text(panel.events)).contains("Pending").contains("Created by dev");
        assertThat(text(panel.history)).contains("None: this is the instance's first task.");
        assertThat(panel.logs.taskId()).isEqualTo(taskId);
        assertThat(panel.logs.status.getText()).isEqualTo("stderr is empty.");
        assertThat(view.grid.classesOf(1)).contains("open");

        tasks.setPendingReason(taskId, "0 of 3 agents have 6 cpus free; each has 4 cpus");
        events.publishEvent(new JobChanged(spec.key()));

        eventually(() -> panel.waiting.getText().endsWith("0 of 3 agents have 6 cpus free; each has 4 cpus"));
        assertThat(view.pendingSummary.getText()).contains("0 of 3 agents have 6 cpus free");
    }

    @Test
    void scalingShowsTheQuotaAfterTheChangeAndWaitsForConfirmation() {
        JobSpec spec = Specs.service(Specs.unique("scale"), 3);
        jobs.create(spec);
        JobView view = open(spec.key());

        test(view.scale.button()).click();

        ScaleDialog dialog = $(ScaleDialog.class).single();
        assertThat(dialog.instances.getValue()).isEqualTo(3);
        assertThat(dialog.confirm.isEnabled()).as("nothing to do yet").isFalse();
        dialog.instances.setValue(4);
        assertThat(dialog.confirm.getText()).isEqualTo("Scale to 4 instances");
        assertThat(dialog.quota.summary()).isEqualTo("Fits team payments's production quota.");
        assertThat(jobs.job(spec.key()).job().instanceCount())
                .as("not before confirming")
                .isEqualTo(3);

        dialog.instances.setValue(1000);
        assertThat(dialog.confirm.isEnabled()).isFalse();
        assertThat(dialog.quota.summary()).contains("cpus short by");
        dialog.instances.setValue(0);
        assertThat(dialog.instances.getErrorMessage()).isEqualTo("Instances must be between 1 and 10000");

        dialog.instances.setValue(4);
        test(dialog.confirm).click();

        assertThat(jobs.job(spec.key()).job().instanceCount()).isEqualTo(4);
        assertThat(view.grid.size()).isEqualTo(4);
        assertThat(dialog.isOpened()).isFalse();
    }

    @Test
    void killingInstancesNeedsThemNamedAndConfirmed() {
        JobSpec spec = Specs.adhoc("payments", Specs.unique("kill"), 3);
        jobs.create(spec);
        JobView view = open(spec.key());
        test(view.select).click();
        view.grid.click(1);
        assertThat(view.grid.classesOf(1)).contains("selected");
        assertThat(view.selectionHint.getText()).isEqualTo("1 selected: 1");

        test(view.killInstances.button()).click();

        KillInstancesDialog dialog = $(KillInstancesDialog.class).single();
        assertThat(dialog.instances.getValue()).isEqualTo("1");
        assertThat(dialog.confirm.getText()).isEqualTo("Kill instance 1");
        dialog.instances.setValue("7");
        assertThat(dialog.confirm.isEnabled()).isFalse();
        assertThat(dialog.instances.getErrorMessage()).isEqualTo("'7' is outside the job's instances 0 to 2");
        dialog.instances.setValue("1-2");
        dialog.reason.setValue("stuck");
        assertThat(jobs.job(spec.key()).instances().get(1).current().state()).isEqualTo(TaskState.PENDING);

        test(dialog.confirm).click();

        assertThat(view.grid.classesOf(1)).contains("state-killed");
        assertThat(view.grid.classesOf(2)).contains("state-killed");
        assertThat(view.grid.classesOf(0)).contains("state-pending");
        assertThat(jobs.taskEvents(
                        jobs.job(spec.key()).instances().get(1).current().taskId()))
                .last()
                .extracting(e -> e.message())
                .isEqualTo("Killed by dev: stuck");
    }

    @Test
    void killingTheJobNeedsItsNameTyped() {
        JobSpec spec = Specs.service(Specs.unique("doomed"), 1);
        jobs.create(spec);
        JobView view = open(spec.key());

        test(view.killJob.button()).click();
        KillJobDialog dialog = $(KillJobDialog.class).single();
        assertThat(dialog.confirm.isEnabled()).isFalse();
        test(dialog.typed).setValue("something else");
        assertThat(dialog.confirm.isEnabled()).isFalse();
        assertThat(jobs.job(spec.key()).job().status()).isEqualTo(JobStatus.ACTIVE);

        test(dialog.typed).setValue(spec.key().name());
        test(dialog.confirm).click();

        assertThat(jobs.job(spec.key()).job().status()).isEqualTo(JobStatus.KILLED);
        assertThat(text(view.tags)).contains("Killed");
        assertThat(view.scale.refusal()).isEqualTo("The job was killed: launch it again to run it.");
    }

    @Test
    void aRollingRestartShowsItsProgressAndCanBeStopped() {
        JobSpec spec = Specs.service(Specs.unique("restart"), 3);
        jobs.create(spec);
        JobView view = open(spec.key());

        test(view.restart.button()).click();
        RestartDialog dialog = $(RestartDialog.class).single();
        test(dialog.which).selectItem(RestartDialog.CHOSEN);
        dialog.chosen.setValue("0-1");
        dialog.batch.setValue(1);
        test(dialog.confirm).click();

        assertThat(view.restartBanner.isVisible()).isTrue();
        assertThat(text(view.restartBanner)).contains("restarting instance 0 (1 at a time), 1 more to go");
        assertThat(view.restart.refusal()).startsWith("A rolling restart is already in progress");

        test(view.cancelRestart.button()).click();
        assertThat(view.restartBanner.isVisible()).isFalse();
    }

    @Test
    void aViewerSeesTheJobButEveryActionIsDisabledSayingWhoGrantsIt() {
        JobSpec spec = Specs.adhoc("search", Specs.unique("viewer"), 1);
        asAdmin(() -> jobs.create(spec));

        JobView view = open(spec.key());

        String expected = "You need the DEVELOPER level in team search to create, scale, restart and kill jobs "
                + "(you are VIEWER). A lead of team search or a platform admin can grant it.";
        for (var action : List.of(view.scale, view.restart, view.killInstances, view.killJob)) {
            assertThat(action.button().isEnabled()).isFalse();
            assertThat(action.tooltipText()).isEqualTo(expected);
        }
        assertThat(view.select.isEnabled()).isFalse();
        assertThat(view.copy.isAllowed())
                .as("dev may still launch copies into payments")
                .isTrue();
    }

    @Test
    void anUnknownJobIsNotFoundAndAnUnreadableOneIsForbidden() {
        UI.getCurrent().navigate("jobs/payments/devel/no-such-job");
        assertThat(getCurrentView()).isInstanceOf(NotFoundView.class);
        assertThat(((NotFoundView) getCurrentView()).reasonText())
                .startsWith("There is no job payments/devel/no-such-job.");

        UI.getCurrent().navigate("jobs/Not%20A%20Team/x/y");
        assertThat(getCurrentView()).isInstanceOf(NotFoundView.class);

        JobSpec secret = Specs.preemptible("vault", "prod", Specs.unique("secret"), 1);
        asAdmin(() -> jobs.create(secret));
        UI.getCurrent().navigate("jobs/vault/prod/" + secret.key().name());
        assertThat(getCurrentView()).isInstanceOf(ForbiddenView.class);
        assertThat(((ForbiddenView) getCurrentView()).reasonText())
                .isEqualTo("You need the VIEWER level in team vault to see jobs, tasks, logs and rollouts "
                        + "(you are not a member). A lead of team vault or a platform admin can grant it.");

        UI.getCurrent().navigate("no/such/page");
        assertThat(getCurrentView()).isInstanceOf(NoSuchPageView.class);
    }

    private JobView open(JobKey key) {
        return navigate("jobs/" + key.team() + "/" + key.environment() + "/" + key.name(), JobView.class);
    }

    private static String text(com.vaadin.flow.component.Component component) {
        return component.getElement().getTextRecursively();
    }
}
