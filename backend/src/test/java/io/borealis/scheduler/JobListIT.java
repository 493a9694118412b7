package io.borealis.scheduler;

import static io.borealis.scheduler.SchedulerHarness.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.BackendTestApplication;
import io.borealis.auth.team.TeamLevel;
import io.borealis.cluster.simulated.SimulatedCluster;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.job.Tier;
import io.borealis.task.TaskState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The jobs list query: filters, sorting and paging in the database, and who sees which jobs. */
@SpringBootTest(classes = BackendTestApplication.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobListIT extends BackendTestApplication.SchedulerTest {

    @Autowired
    JobService jobs;

    @Autowired
    SchedulerLoop loop;

    @Autowired
    SimulatedCluster cluster;

    @Autowired
    io.borealis.auth.team.TeamService teams;

    @Autowired
    io.borealis.quota.QuotaService quotas;

    @Autowired
    io.borealis.auth.user.UserAccountService users;

    @BeforeAll
    void jobsInTwoTeams() {
        prepareTeam(teams, quotas, users, "list-a", Map.of("lister", TeamLevel.DEVELOPER), LARGE_QUOTA);
        prepareTeam(teams, quotas, users, "list-b", Map.of("other", TeamLevel.DEVELOPER), LARGE_QUOTA);
        cluster.autoStart(true);
        signInAs("lister");
        jobs.create(spec("list-a", "prod", "web", 3, new Resources(0.1, 16, 1)));
        jobs.create(spec("list-a", "prod", "api_v2", 2, new Resources(0.1, 16, 1)));
        jobs.create(spec("list-a", "staging", "web", 1, new Resources(0.1, 16, 1)));
        // asks more than any agent has, so it stays pending
        jobs.create(spec("list-a", "devel", "huge", 4, new Resources(64, 16, 1)));
        signInAs("other");
        jobs.create(spec("list-b", "prod", "web", 1, new Resources(0.1, 16, 1)));
        settle(loop, cluster);
        signOut();
    }

    /** The context (and its database) is shared with other suites: leave no job behind. */
    @AfterAll
    void killTheJobs() {
        signInAsAdmin();
        for (JobSummary job : jobs.findJobs(JobFilter.ANY, JobSort.BY_KEY, 0, 100)) {
            if (job.key().team().startsWith("list-")) {
                jobs.killJob(job.key(), "test over");
            }
        }
        cluster.autoKill(true);
        settle(loop, cluster);
        signOut();
    }

    @Test
    void aMemberSeesOnlyTheirTeamsJobsSortedByKeyWithCountsByState() {
        signInAs("lister");

        List<JobSummary> page = jobs.findJobs(JobFilter.ANY, JobSort.BY_KEY, 0, 50);

        assertThat(page)
                .extracting(s -> s.key().toString())
                .containsExactly("list-a/devel/huge", "list-a/prod/api_v2", "list-a/prod/web", "list-a/staging/web");
        assertThat(jobs.countJobs(JobFilter.ANY)).isEqualTo(4);
        JobSummary web = page.get(2);
        assertThat(web.running()).isEqualTo(3);
        assertThat(web.instances()).isEqualTo(3);
        assertThat(web.tier()).isEqualTo(Tier.PREFERRED);
        assertThat(page.getFirst().pending()).isEqualTo(4);
        assertThat(jobs.environments()).containsExactly("devel", "prod", "staging");
    }

    @Test
    void filtersByTeamEnvironmentNamePartAndState() {
        signInAsAdmin();

        assertThat(keys(new JobFilter("list-b", null, null, null))).containsExactly("list-b/prod/web");
        assertThat(keys(new JobFilter(null, "prod", "WEB", null)))
                .containsExactly("list-a/prod/web", "list-b/prod/web");
        assertThat(keys(new JobFilter("list-a", null, "_v", null))).containsExactly("list-a/prod/api_v2");
        assertThat(keys(new JobFilter("list-a", null, "%", null))).isEmpty();
        assertThat(keys(JobFilter.ANY.withState(TaskState.PENDING))).containsExactly("list-a/devel/huge");
        assertThat(keys(JobFilter.ANY.withState(TaskState.FAILED))).isEmpty();
        assertThat(jobs.countJobs(new JobFilter("list-a", "prod", null, TaskState.RUNNING)))
                .isEqualTo(2);
    }

    @Test
    void sortsAndPagesInTheDatabase() {
        signInAsAdmin();
        JobFilter teamA = JobFilter.ANY.withTeam("list-a");

        assertThat(jobs.findJobs(teamA, new JobSort(JobSort.By.INSTANCES, true), 0, 2))
                .extracting(s -> s.key().name())
                .containsExactly("huge", "web");
        assertThat(jobs.findJobs(teamA, new JobSort(JobSort.By.INSTANCES, true), 2, 2))
                .extracting(s -> s.key().toString())
                .containsExactly("list-a/prod/api_v2", "list-a/staging/web");
        assertThat(jobs.findJobs(teamA, new JobSort(JobSort.By.RUNNING, true), 0, 1))
                .extracting(s -> s.key().toString())
                .containsExactly("list-a/prod/web");
        assertThat(jobs.findJobs(teamA, new JobSort(JobSort.By.PENDING, true), 0, 1))
                .extracting(s -> s.key().toString())
                .containsExactly("list-a/devel/huge");
        assertThat(
                        jobs
                                .findJobs(
                                        new JobFilter(null, "prod", "web", null),
                                        new JobSort(JobSort.By.KEY, true),
                                        0,
                                        100)
                                .stream()
                                .map(s -> s.key().toString())
                                .filter(key -> key.startsWith("list-")))
                .containsExactly("list-b/prod/web", "list-a/prod/web");
    }

    /** The keys of this suite's jobs the filter finds (other suites share the database). */
    private List<String> keys(JobFilter filter) {
        return jobs.findJobs(filter, JobSort.BY_KEY, 0, JobService.MAX_PAGE).stream()
                .map(s -> s.key().toString())
                .filter(key -> key.startsWith("list-"))
                .toList();
    }

    private static JobSpec spec(String team, String environment, String name, int instances, Resources resources) {
        return new JobSpec(
                new JobKey(team, environment, name), JobKind.SERVICE, TaskConfig.of("./serve", resources), instances);
    }
}
