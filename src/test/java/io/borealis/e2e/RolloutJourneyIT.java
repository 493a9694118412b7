package io.borealis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.e2e.pages.JobPage;
import io.borealis.e2e.pages.LoginPage;
import io.borealis.e2e.pages.MainPage;
import io.borealis.e2e.pages.RolloutPage;
import io.borealis.e2e.pages.RolloutStartPage;
import io.borealis.e2e.pages.RolloutsPage;
import io.borealis.e2e.support.EndToEndTest;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.rollout.RolloutService;
import io.borealis.scheduler.JobService;
import io.borealis.task.TaskState;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A team lead's rollout journey on the real local cluster: a four-instance service of team
 * payments runs; the lead rolls out a new command in batches of two with a checkpoint after the
 * first batch, watches the squares change without reloading, sees the rollout pause at the
 * checkpoint, resumes it and sees it roll forward; opens it from the history and replays it with
 * the slider; then rolls out a command that fails at once and sees Borealis roll it back on its
 * own. The job is killed at the end.
 */
class RolloutJourneyIT extends EndToEndTest {

    private static final JobKey JOB = new JobKey("payments", "devel", "rollout-web");

    @Autowired
    JobService jobs;

    @Autowired
    RolloutService rollouts;

    @Test
    void aLeadRollsForwardThroughACheckpointReplaysItAndSeesAFailingRolloutRolledBack() {
        as(
                "lead",
                () -> jobs.create(
                        new JobSpec(JOB, JobKind.SERVICE, TaskConfig.of("sleep 600", new Resources(0.1, 32, 10)), 4)));
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> as(
                        "lead",
                        () -> jobs.job(JOB).instances().stream()
                                .allMatch(
                                        i -> i.current() != null && i.current().state() == TaskState.RUNNING)));

        LoginPage.open(browser, url("/")).signIn("lead", "borealis-lead");
        browser.driver().get(url("/jobs/payments/devel/rollout-web"));
        JobPage job = new JobPage(browser).waitUntilAll("running", 4);
        browser.script("window.__borealisNoReload = true;");

        RolloutStartPage form = job.startRollout()
                .replaceInSpec("sleep 600", "sleep 601")
                .batchSize(2)
                .minWaitSeconds(2)
                .pauseAfterBatches("1")
                .message("a new sleep")
                .waitForPlan("2 batches");
        assertThat(form.plan()).contains("Batch 1: 0-1 (2 instances)").contains("Batch 2: 2-3 (2 instances)");
        assertThat(form.diff()).contains("sleep 601");
        browser.screenshot("rollout-form-light");

        RolloutPage rollout = form.start();
        String path = browser.driver().getCurrentUrl();
        assertThat(path).matches(".*/rollouts/\\d+");
        long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        List<String> first = rollout.states();
        rollout.watchGrid();

        rollout.waitForStatus("ROLL_FORWARD_PAUSED").waitForStates(List.of("updated", "updated", "pending", "pending"));
        assertThat(first).as("the first batch started at once").doesNotContain("updated");
        assertThat(rollout.seenGrids())
                .as("the squares changed in place (server push) while the first batch moved")
                .isNotEmpty()
                .last()
                .isEqualTo("cell ro-updated,cell ro-updated,cell ro-pending,cell ro-pending");
        assertThat(rollout.currentStep()).startsWith("Batch 2");
        assertThat(rollout.auditHref())
                .endsWith("/audit?target=rollout%20" + id + "%20of%20payments/devel/rollout-web");
        browser.screenshot("rollout-paused-light");

        rollout.resume();
        rollout.waitForStatus("ROLLED_FORWARD").waitForStates(List.of("updated", "updated", "updated", "updated"));
        assertThat(rollout.timeline())
                .contains("Rolled forward")
                .contains("Paused")
                .contains("Resumed");
        assertThat(browser.script("return window.__borealisNoReload === true;"))
                .as("the rollout was followed without reloading the page")
                .isEqualTo(true);
        browser.screenshot("rollout-finished-light");

        RolloutsPage history = rollout.history();
        assertThat(history.listText()).contains("payments/devel/rollout-web");
        RolloutPage replay = history.open(id);
        replay.waitForStates(List.of("updated", "updated", "updated", "updated"));
        replay.replayAt(0.0);
        browser.waiting().until(d -> !replay.states().equals(List.of("updated", "updated", "updated", "updated")));
        assertThat(replay.states()).contains("pending");
        replay.replayAt(1.0);
        replay.waitForStates(List.of("updated", "updated", "updated", "updated"));
        browser.screenshot("rollout-replay-light");

        browser.driver().get(url("/jobs/payments/devel/rollout-web"));
        RolloutPage failing = new JobPage(browser)
                .startRollout()
                .replaceInSpec("sleep 601", "exit 1")
                .batchSize(2)
                .minWaitSeconds(1)
                .message("this one fails")
                .waitForPlan("2 batches")
                .start();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(90)).until(d -> "ROLLED_BACK".equals(failing.status()));
        assertThat(failing.states()).doesNotContain("updated", "updating").contains("rolled-back");
        assertThat(failing.timeline()).contains("Rolling back").contains("Rolled back");
        browser.screenshot("rollout-rolled-back-light");
        new MainPage(browser).switchTheme("dark");
        browser.screenshot("rollout-rolled-back-dark");
        new MainPage(browser).switchTheme("light");

        browser.driver().get(url("/jobs/payments/devel/rollout-web"));
        JobPage end = new JobPage(browser);
        end.waitUntilAll("running", 4);
        end.killJob();
        browser.waiting().until(d -> end.tags().contains("Killed"));
    }

    @AfterEach
    void killEveryJobLeft() {
        killEveryJob();
    }
}
