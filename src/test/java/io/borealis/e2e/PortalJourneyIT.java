package io.borealis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.e2e.pages.JobPage;
import io.borealis.e2e.pages.JobsPage;
import io.borealis.e2e.pages.LaunchPage;
import io.borealis.e2e.pages.LoginPage;
import io.borealis.e2e.pages.MainPage;
import io.borealis.e2e.support.EndToEndTest;
import io.borealis.scheduler.JobFilter;
import io.borealis.scheduler.JobService;
import io.borealis.scheduler.JobSort;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A developer's journey on the real local cluster: launch a three-instance web service through the
 * form (its command serves HTTP on its assigned port, with an HTTP health check), see the plan,
 * confirm, watch every instance become RUNNING without reloading, read an instance's log, scale to
 * five, kill an instance and see it replaced, and kill the job.
 */
class PortalJourneyIT extends EndToEndTest {

    @Autowired
    JobService jobs;

    @Test
    void aDeveloperLaunchesWatchesScalesReplacesAndKillsAService() {
        MainPage main = LoginPage.open(browser, url("/")).signIn("dev", "borealis-dev");
        assertThat(main.navigationLabels())
                .containsExactly("Jobs", "Cluster", "Rollouts", "API tokens", "About", "Teams");
        JobsPage list = new JobsPage(browser);
        browser.script("window.__borealisNoReload = true;");

        LaunchPage form = list.launch()
                .name("hello-web")
                .environment("devel")
                .instances(3)
                .command("exec python3 -m http.server $PORT")
                .resources("0.2", 128, 50)
                .port("http")
                .httpHealthCheck("http", "/", 1);
        form.waitForRawSpec("\"path\" : \"/\"");
        assertThat(form.rawSpec()).contains("\"name\" : \"hello-web\"").contains("\"cpus\" : 0.2");
        assertThat(form.quotaVerdict()).isEqualTo("Fits team payments's production quota.");
        browser.script("document.getElementById('launch-view').scrollIntoView({behavior: 'instant'});");
        browser.screenshot("launch-form-light");

        LaunchPage.PlanDialog plan = form.reviewPlan();
        assertThat(plan.placements())
                .contains("Instance 0")
                .contains("Instance 2")
                .contains("→ local-");
        assertThat(plan.quota()).isEqualTo("Fits team payments's production quota.");
        assertThat(jobs()).as("nothing is created before confirming").doesNotContain("hello-web");
        browser.screenshot("launch-plan-light");

        JobPage job = plan.launch();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/jobs/payments/devel/hello-web");
        job.waitUntilAll("running", 3);
        browser.screenshot("job-running-light");

        job.openInstance(0).followLog().waitForLog("\"GET / HTTP/1.1\" 200");
        assertThat(job.logText()).contains("GET / HTTP/1.1");
        browser.screenshot("job-instance-log-light");

        job.scaleTo(5).waitUntilAll("running", 5);

        job.openInstance(1);
        String before = job.panelTaskId();
        job.watchStates(1);
        job.killInstance(1);
        String replacement = job.waitForNewTask(before);
        job.waitUntilAll("running", 5);
        assertThat(replacement).startsWith("payments-devel-hello-web-1-").isNotEqualTo(before);
        assertThat(job.seenStates())
                .as("the square left RUNNING before it came back")
                .anyMatch(c -> !c.contains("state-running"));
        assertThat(job.seenStates().getLast()).contains("state-running");

        new MainPage(browser).switchTheme("dark");
        browser.screenshot("job-instance-dark");
        new MainPage(browser).open("Cluster");
        browser.waiting().until(d -> !d.findElements(By.id("agents-grid")).isEmpty());
        browser.waiting()
                .until(d -> d.findElement(By.id("cluster-totals")).getText().contains("5"));
        browser.screenshot("cluster-dark");
        new MainPage(browser).open("Jobs");
        new JobsPage(browser).waitForJob("hello-web");
        browser.screenshot("jobs-dark");
        new MainPage(browser).switchTheme("light");
        browser.screenshot("jobs-light");
        new MainPage(browser).open("Cluster");
        browser.waiting().until(d -> !d.findElements(By.id("agents-grid")).isEmpty());
        browser.screenshot("cluster-light");
        assertThat(browser.script("return window.__borealisNoReload === true;"))
                .as("everything happened without reloading the page")
                .isEqualTo(true);

        browser.driver().get(url("/jobs/payments/devel/hello-web"));
        JobPage reopened = new JobPage(browser);
        reopened.killJob();
        browser.waiting().until(d -> reopened.tags().contains("Killed"));
        browser.waiting()
                .until(d -> reopened.states().stream().noneMatch(s -> s.equals("running") || s.equals("killing")));
        browser.screenshot("job-killed-light");
    }

    private List<String> jobs() {
        return asAdmin(() -> jobs.findJobs(JobFilter.ANY, JobSort.BY_KEY, 0, 100).stream()
                .map(s -> s.key().name())
                .toList());
    }

    @AfterEach
    void killEveryJobLeft() {
        killEveryJob();
    }
}
