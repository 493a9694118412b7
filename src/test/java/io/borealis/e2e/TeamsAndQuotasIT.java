package io.borealis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.e2e.pages.JobPage;
import io.borealis.e2e.pages.JobsPage;
import io.borealis.e2e.pages.LaunchPage;
import io.borealis.e2e.pages.LoginPage;
import io.borealis.e2e.pages.MainPage;
import io.borealis.e2e.pages.TeamPage;
import io.borealis.e2e.pages.TeamsPage;
import io.borealis.e2e.pages.UsersPage;
import io.borealis.e2e.support.EndToEndTest;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.scheduler.JobService;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin sets up a team end to end in the portal (two new accounts, the team, its quota, its
 * members); the new developer launches a production job within the quota and is stopped, with the
 * shortfall, from launching one beyond it; cannot see another team's job; and the new viewer sees
 * the team's job with every action disabled.
 */
class TeamsAndQuotasIT extends EndToEndTest {

    private static final List<String> ACTIONS =
            List.of("action-scale", "action-restart", "action-kill-instances", "action-kill-job");

    @Autowired
    JobService jobs;

    @Test
    void anAdminSetsUpATeamWhoseDeveloperStaysWithinQuotaAndWhoseViewerOnlyReads() {
        // another team's job, created by its lead
        JobKey ledger = new JobKey("payments", "prod", "ledger");
        as(
                "lead",
                () -> jobs.create(new JobSpec(
                        ledger, JobKind.SERVICE, TaskConfig.of("sleep 600", new Resources(0.1, 32, 10)), 1)));

        MainPage admin = LoginPage.open(browser, url("/")).signIn("admin", "borealis-admin");
        UsersPage users = UsersPage.open(browser, url("/admin/users"))
                .createUser("erin", "Erin Developer", "erin@example.com", "erin-launches-jobs", "User")
                .createUser("vic", "Vic Viewer", "vic@example.com", "vic-only-reads-jobs", "User");
        assertThat(users.usersText()).contains("Erin Developer").contains("Vic Viewer");

        TeamPage team = TeamsPage.open(browser, url("/teams")).createTeam("rockets", "Rockets");
        assertThat(team.name()).isEqualTo("Rockets");
        assertThat(team.quotaText()).contains("has no production quota");
        team.setQuota("2", 1024, 2048)
                .waitForQuota("production 0 cpus of 2 cpus")
                .addMember("erin", "DEVELOPER")
                .addMember("vic", "VIEWER");
        assertThat(team.quotaText()).contains("production 0 MB of 1 GB").contains("production 0 MB of 2 GB");
        assertThat(team.membersText()).contains("DEVELOPER").contains("VIEWER");
        browser.screenshot("team-page-light");
        admin = new MainPage(browser);
        admin.signOut();

        // the developer launches within the quota
        MainPage erin = LoginPage.open(browser, url("/")).signIn("erin", "erin-launches-jobs");
        assertThat(erin.navigationLabels()).contains("Teams").doesNotContain("Users");
        LaunchPage form = new JobsPage(browser)
                .launch()
                .name("tiny")
                .instances(1)
                .command("sleep 600")
                .resources("0.5", 256, 512);
        form.waitForQuotaVerdict("Fits team rockets's production quota.");
        JobPage tiny = form.reviewPlan().launch();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/jobs/rockets/devel/tiny");
        tiny.waitUntilAll("running", 1);

        // ...and is stopped beyond it, with the shortfall
        browser.driver().get(url("/jobs/new"));
        LaunchPage big = new LaunchPage(browser)
                .name("big")
                .instances(1)
                .command("sleep 600")
                .resources("2", 256, 512);
        big.waitForQuotaVerdict("Not enough quota in team rockets");
        assertThat(big.quotaVerdict()).contains("cpus short by 0.5 cpus (needs 2 cpus, 1.5 cpus left)");
        assertThat(big.reviewBlocked())
                .as("the plan cannot be reviewed, so nothing can be launched")
                .isTrue();
        browser.screenshot("launch-over-quota-light");

        // the developer does not see the payments team's job, not even by its address
        browser.driver().get(url("/"));
        JobsPage list = new JobsPage(browser);
        list.waitForJob("tiny");
        assertThat(list.jobs()).noneMatch(key -> key.contains("ledger"));
        browser.driver().get(url("/jobs/payments/prod/ledger"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("forbidden")));
        assertThat(browser.driver().findElement(By.id("forbidden")).getText())
                .contains("You need the VIEWER level in team payments");
        new MainPage(browser).signOut();

        // the viewer sees the team's job, with every action disabled
        LoginPage.open(browser, url("/")).signIn("vic", "vic-only-reads-jobs");
        new JobsPage(browser).waitForJob("tiny");
        browser.driver().get(url("/jobs/rockets/devel/tiny"));
        JobPage viewed = new JobPage(browser);
        viewed.waitUntilAll("running", 1);
        for (String action : ACTIONS) {
            assertThat(viewed.actionDisabled(action)).as(action).isTrue();
            assertThat(viewed.actionRefusal(action))
                    .as(action)
                    .contains("You need the DEVELOPER level in team rockets");
        }
        browser.screenshot("job-viewer-light");
    }

    @AfterEach
    void killEveryJobLeft() {
        killEveryJob();
    }
}
