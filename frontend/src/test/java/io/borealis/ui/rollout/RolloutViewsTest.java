package io.borealis.ui.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.job.JobKey;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.rollout.InstanceState;
import io.borealis.rollout.Rollout;
import io.borealis.rollout.RolloutDetails;
import io.borealis.rollout.RolloutService;
import io.borealis.rollout.RolloutSettings;
import io.borealis.rollout.RolloutStatus;
import io.borealis.scheduler.JobService;
import io.borealis.testing.WallClock;
import io.borealis.ui.Specs;
import io.borealis.ui.ViewTest;
import io.borealis.ui.job.JobView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.test.context.support.WithUserDetails;

/**
 * The rollout pages without a browser: the start form (validation, diff and plan before anything
 * starts), the rollout page's controls for developers and leads, live updates, replay of a
 * finished rollout, the history and the configuration comparison.
 */
@WithUserDetails("dev")
class RolloutViewsTest extends ViewTest {

    @Autowired
    JobService jobs;

    @Autowired
    RolloutService rollouts;

    @Autowired
    TeamService teams;

    @BeforeEach
    void devViewsTeamSearch() {
        asAdmin(() -> {
            teams.putMember("search", "dev", TeamLevel.VIEWER);
            return null;
        });
    }

    @Test
    void theStartFormShowsDiffAndPlanBeforeAnythingStartsAndValidatesInline() {
        JobSpec spec = Specs.service(Specs.unique("roll"), 3);
        jobs.create(spec);

        JobView job = navigate(jobPath(spec.key()), JobView.class);
        assertThat(job.startRollout.isAllowed()).isTrue();
        test(job.startRollout.button()).click();
        RolloutStartView view = (RolloutStartView) getCurrentView();

        assertThat(view.raw.text.getValue()).contains("GREETING: \"hello\"");
        assertThat(view.start.isAllowed()).as("nothing changed yet").isFalse();
        assertThat(view.start.refusal()).startsWith("Nothing to roll out");

        view.raw.text.setValue(view.raw.text.getValue().replace("GREETING: \"hello\"", "GREETING: \"bonjour\""));

        assertThat(view.diff.fields()).containsExactly("task.environment.GREETING");
        assertThat(view.diff.changes().getFirst().after()).contains("bonjour");
        assertThat(view.form.spec().task().environment())
                .as("the form follows the text")
                .containsEntry("GREETING", "bonjour");
        assertThat(view.form.spec().key()).isEqualTo(spec.key());
        assertThat(view.plan.getElement().getTextRecursively())
                .contains("3 batches; instances: change 0-2.")
                .contains("Batch 1: 0 (1 instance)");
        assertThat(view.quota.getText()).startsWith("Fits team payments's production quota");
        assertThat(view.start.isAllowed()).isTrue();

        view.batchSizes.setValue("0");
        assertThat(view.batchSizes.isInvalid()).isTrue();
        assertThat(view.batchSizes.getErrorMessage()).isEqualTo("Must be between 1 and 10000 instances");
        assertThat(view.start.isAllowed()).isFalse();

        view.batchSizes.setValue("2");
        view.pauseAfterBatches.setValue("2");
        assertThat(view.pauseAfterBatches.getErrorMessage())
                .isEqualTo("Batch 2 is the last one: the rollout finishes after it");
        view.maxFailedInstances.setValue(3);
        assertThat(view.maxFailedInstances.getErrorMessage()).startsWith("Must be less than the 3 instances");
        assertThat(view.start.isAllowed()).isFalse();
        assertThat(rollouts.list(spec.key()))
                .as("nothing started while editing")
                .isEmpty();

        view.maxFailedInstances.setValue(0);
        view.pauseAfterBatches.setValue("1");
        assertThat(view.batchSizes.isInvalid()).isFalse();
        assertThat(view.plan.getElement().getTextRecursively()).contains("Batch 1: 0-1 (2 instances)");
        view.message.setValue("greet in French");
        test(view.start.button()).click();

        RolloutView page = (RolloutView) getCurrentView();
        assertThat(rollouts.list(spec.key())).hasSize(1);
        RolloutDetails details = page.details();
        assertThat(details.rollout().settings().batchSizes()).containsExactly(2);
        assertThat(details.rollout().settings().pauseAfterBatches()).containsExactly(1);
        assertThat(details.rollout().message()).isEqualTo("greet in French");
        assertThat(page.grid.size()).isEqualTo(3);
        assertThat(page.grid.classesOf(0)).contains("ro-updating");
        assertThat(page.grid.classesOf(2)).contains("ro-pending");
        assertThat(page.steps.getElement().getTextRecursively())
                .contains("Batch 1: 0-1")
                .contains("Batch 2: 2");
        assertThat(page.steps
                        .getChildren()
                        .findFirst()
                        .orElseThrow()
                        .getElement()
                        .getAttribute("class"))
                .contains("current")
                .contains("checkpoint");
        assertThat(page.diff.fields()).containsExactly("task.environment.GREETING");
        assertThat(page.auditLink.getHref())
                .isEqualTo("audit?target=rollout%20" + details.rollout().id() + "%20of%20" + spec.key());
    }

    @Test
    void aDeveloperSeesEveryControlDisabledSayingWhoGrantsIt() {
        JobSpec spec = Specs.service(Specs.unique("devctl"), 2);
        jobs.create(spec);
        long id = rollouts.start(spec.key(), changed(spec), null, RolloutSettings.batches(1), null)
                .id();

        RolloutView view = navigate("rollouts/" + id, RolloutView.class);

        assertThat(view.status.getText()).isEqualTo("Rolling forward");
        for (var control : List.of(view.pause, view.resume, view.abort, view.rollback)) {
            assertThat(control.button().isEnabled()).isFalse();
            assertThat(control.tooltipText())
                    .isEqualTo("You need the LEAD level in team payments to pause, resume, abort and roll back "
                            + "rollouts (you are DEVELOPER). A platform admin can grant it.");
        }
        assertThat(view.message.isEnabled()).isFalse();

        JobView job = navigate(jobPath(spec.key()), JobView.class);
        assertThat(job.startRollout.isAllowed()).isFalse();
        assertThat(job.startRollout.refusal()).startsWith("Rollout " + id + " is in progress");
        assertThat(job.rolloutInProgress.isVisible()).isTrue();
        assertThat(job.rolloutInProgress.getHref()).isEqualTo("rollouts/" + id);
    }

    @Test
    @WithUserDetails("lead")
    void aLeadPausesAndResumesOnlyWhenValidAndThePageFollowsLive() {
        JobSpec spec = Specs.service(Specs.unique("leadctl"), 2);
        jobs.create(spec);
        long id = rollouts.start(spec.key(), changed(spec), null, RolloutSettings.batches(1), null)
                .id();
        RolloutView view = navigate("rollouts/" + id, RolloutView.class);
        assertThat(view.pause.isAllowed()).isTrue();
        assertThat(view.resume.isAllowed()).isFalse();
        assertThat(view.resume.refusal()).startsWith("Only a paused rollout can be resumed");

        view.message.setValue("lunch");
        test(view.pause.button()).click();

        assertThat(view.status.getText()).isEqualTo("Paused");
        assertThat(view.pause.isAllowed()).isFalse();
        assertThat(view.resume.isAllowed()).isTrue();
        assertThat(view.timelineLines().getFirst()).endsWith("Paused — lead: lunch");

        rollouts.resume(id, "as somebody else"); // published after the commit: the page follows

        eventually(() -> view.status.getText().equals("Rolling forward"));
        assertThat(view.replay.isVisible()).isFalse();
    }

    @Test
    @WithUserDetails("lead")
    void aFinishedRolloutReplaysItsGridAndTimelineAtAnyMoment() {
        JobSpec spec = Specs.service(Specs.unique("replay"), 2);
        jobs.create(spec);
        Rollout started = rollouts.start(spec.key(), changed(spec), null, RolloutSettings.batches(1), "first");
        long id = started.id();
        WallClock.waitUntilPast(started.startedAt(), Duration.ofMillis(30));
        Rollout rolledBack = rollouts.rollback(id, "second thoughts");
        WallClock.waitUntilPast(rolledBack.updatedAt(), Duration.ofMillis(30));
        rollouts.abort(id, "enough");

        RolloutView view = navigate("rollouts/" + id, RolloutView.class);
        RolloutDetails details = view.details();
        assertThat(view.replay.isVisible()).isTrue();
        assertThat(view.status.getText()).isEqualTo("Aborted");
        long span = Duration.between(RolloutReplay.start(details), RolloutReplay.end(details))
                .toMillis();
        assertThat(view.slider.getAttribute("max")).isEqualTo(Long.toString(span));
        assertThat(span).isGreaterThanOrEqualTo(60);
        var atEnd = view.grid.shown();
        int linesAtEnd = view.timelineLines().size();
        assertThat(atEnd.get(0)).isNotEqualTo(InstanceState.UPDATING);

        Instant firstMove = details.instanceEvents().getFirst().at();
        long beforeRollback =
                Duration.between(RolloutReplay.start(details), firstMove).toMillis() + 1;
        assertThat(details.events().get(1).at())
                .isAfter(RolloutReplay.start(details).plusMillis(beforeRollback));

        view.replay(beforeRollback);

        assertThat(view.status.getText()).isEqualTo("Rolling forward");
        assertThat(view.grid.shown()).containsEntry(0, InstanceState.UPDATING).containsEntry(1, InstanceState.PENDING);
        assertThat(view.grid.classesOf(0)).contains("ro-updating");
        assertThat(view.timelineLines()).hasSizeLessThan(linesAtEnd);
        assertThat(view.timelineLines()).noneMatch(line -> line.contains("second thoughts"));

        view.replay(span);

        assertThat(view.status.getText()).isEqualTo("Aborted");
        assertThat(view.grid.shown()).isEqualTo(atEnd);
        assertThat(view.timelineLines()).hasSize(linesAtEnd);
    }

    @Test
    void theHistoryFiltersAndComparesAnyTwoConfigurations() {
        JobSpec spec = Specs.service(Specs.unique("hist"), 1);
        jobs.create(spec);
        long first = rollouts.start(spec.key(), changed(spec), null, RolloutSettings.batches(1), null)
                .id();
        as(lead(), () -> rollouts.abort(first, null));
        TaskConfig third = spec.task().withEnvironment(java.util.Map.of("GREETING", "hallo"));
        long second = rollouts.start(spec.key(), third, null, RolloutSettings.batches(1), null)
                .id();

        UI.getCurrent()
                .navigate(
                        RolloutsView.class,
                        com.vaadin.flow.router.QueryParameters.of(
                                "job", spec.key().toString()));
        RolloutsView view = (RolloutsView) getCurrentView();

        assertThat(ids(view)).containsExactly(second, first);
        view.status.setValue(RolloutStatus.ABORTED);
        assertThat(ids(view)).containsExactly(first);
        view.status.clear();
        view.job.setValue("payments/" + spec.key().name());
        assertThat(view.job.isInvalid()).isTrue();
        assertThat(ids(view)).isEmpty();
        view.job.setValue(spec.key().toString());
        assertThat(ids(view)).hasSize(2);

        assertThat(view.compare.isVisible()).isTrue();
        List<RolloutsView.Version> versions = view.versions(spec.key());
        assertThat(versions).hasSizeGreaterThanOrEqualTo(3);
        RolloutsView.Version original = versions.stream()
                .filter(v -> v.config().environment().get("GREETING").equals("hello"))
                .findFirst()
                .orElseThrow();
        RolloutsView.Version german = versions.stream()
                .filter(v -> v.config().environment().get("GREETING").equals("hallo"))
                .findFirst()
                .orElseThrow();
        view.left.setValue(original);
        view.right.setValue(german);
        assertThat(view.diff.fields()).containsExactly("task.environment.GREETING");
        assertThat(view.diff.changes().getFirst().before()).contains("hello");
        assertThat(view.diff.changes().getFirst().after()).contains("hallo");

        test(view.grid).clickRow(0);
        assertThat(getCurrentView()).isInstanceOf(RolloutView.class);
        assertThat(((RolloutView) getCurrentView()).details().rollout().id()).isEqualTo(second);
    }

    @Test
    void aViewerCannotStartARollout() {
        JobSpec spec = new JobSpec(
                new JobKey("search", "devel", Specs.unique("view")),
                io.borealis.job.JobKind.SERVICE,
                TaskConfig.of("sleep 600", new Resources(0.1, 32, 10)),
                1);
        asAdmin(() -> jobs.create(spec));

        JobView job = navigate(jobPath(spec.key()), JobView.class);

        assertThat(job.startRollout.isAllowed()).isFalse();
        assertThat(job.startRollout.tooltipText())
                .isEqualTo("You need the DEVELOPER level in team search to start rollouts (you are VIEWER). "
                        + "A lead of team search or a platform admin can grant it.");
        UI.getCurrent().navigate(jobPath(spec.key()) + "/rollout/new");
        RolloutStartView view = (RolloutStartView) getCurrentView();
        view.raw.text.setValue(view.raw.text.getValue().replace("\"sleep 600\"", "\"sleep 601\""));
        assertThat(view.plan()).as("a viewer may not even plan it").isNull();
        assertThat(view.start.isAllowed()).isFalse();
        assertThat(view.start.tooltipText()).contains("DEVELOPER level in team search");
    }

    private static TaskConfig changed(JobSpec spec) {
        return spec.task().withEnvironment(java.util.Map.of("GREETING", "bonjour"));
    }

    private static String jobPath(JobKey key) {
        return "jobs/" + key.team() + "/" + key.environment() + "/" + key.name();
    }

    private static List<Long> ids(RolloutsView view) {
        return view.grid
                .getGenericDataView()
                .getItems()
                .map(s -> s.rollout().id())
                .toList();
    }

    private static UsernamePasswordAuthenticationToken lead() {
        return UsernamePasswordAuthenticationToken.authenticated(
                "lead", null, AuthorityUtils.createAuthorityList("ROLE_USER"));
    }
}
