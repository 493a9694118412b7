package io.borealis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.cluster.AgentView;
import io.borealis.cluster.ClusterHealth;
import io.borealis.cluster.mesos.emulator.MesosMasterEmulator;
import io.borealis.e2e.pages.ClusterPage;
import io.borealis.e2e.pages.JobPage;
import io.borealis.e2e.pages.LoginPage;
import io.borealis.e2e.pages.MainPage;
import io.borealis.e2e.support.EndToEndTest;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.scheduler.ClusterService;
import io.borealis.scheduler.InstanceView;
import io.borealis.scheduler.JobService;
import io.borealis.task.Task;
import io.borealis.task.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Borealis configured for Mesos ({@code borealis.cluster.driver=mesos}) with the master emulator as
 * its master: the portal works in a real browser, and a job launched by the demo developer
 * ({@code dev}, team {@code payments}) runs on the emulator's agents.
 *
 * <p>The portal has no job or cluster page yet, so the job is launched and checked through the
 * services, in this JVM, as {@code dev}. The checks of what those pages will show are kept apart
 * ({@link #instancesShownRunning} and {@link #agentsShownOnTheClusterPage}): when the pages land,
 * they become browser checks with page objects of their own, and the journey stays as it is.
 */
@DirtiesContext
class MesosClusterIT extends EndToEndTest {

    private static final JobKey JOB = new JobKey("payments", "prod", "hello-mesos");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static MesosMasterEmulator master;
    private static List<String> agentIds;

    @Autowired
    JobService jobs;

    @Autowired
    ClusterService cluster;

    /** Starts the emulator before the app (once) and points the app at it. */
    @DynamicPropertySource
    static void mesos(DynamicPropertyRegistry registry) {
        if (master == null) {
            master = MesosMasterEmulator.builder()
                    .heartbeatInterval(Duration.ofSeconds(1))
                    .allocationInterval(Duration.ofMillis(100))
                    .updateRetry(Duration.ofSeconds(2), Duration.ofSeconds(4))
                    .start();
            agentIds = List.of(
                    master.addAgent("mesos-agent-1", 4, 4096, 20_000, "31000-31099", Map.of("rack", "a")),
                    master.addAgent("mesos-agent-2", 4, 4096, 20_000, "31000-31099", Map.of("rack", "b")));
        }
        // a database of its own: another cached context (on the local cluster) must never see these jobs
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:borealis-e2e-mesos;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("borealis.audit.head-file", () -> "target/audit-head-mesos");
        registry.add("borealis.cluster.driver", () -> "mesos");
        registry.add("borealis.mesos.masters", master::masterUrl);
        registry.add("borealis.mesos.hostname", () -> "borealis-e2e.local");
        registry.add("borealis.mesos.refuse-seconds", () -> "1");
        registry.add("borealis.mesos.reconnect-backoff-min", () -> "100ms");
        registry.add("borealis.mesos.reconnect-backoff-max", () -> "1s");
        registry.add("borealis.scheduler.interval", () -> "500ms");
    }

    @AfterAll
    static void stopMaster() {
        if (master != null) {
            master.close();
        }
    }

    @AfterEach
    void signOutOfTheServices() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDemoDeveloperSignsInAndAJobOfTheirTeamRunsOnTheMesosAgents() {
        MainPage main = LoginPage.open(browser, url("/")).signIn("dev", "borealis-dev");
        assertThat(main.signedInUser()).isEqualTo("dev");
        assertThat(main.navigationLabels()).isNotEmpty().doesNotContain("Users"); // not an admin
        browser.screenshot("mesos-overview");

        actAs("dev");
        jobs.create(new JobSpec(
                JOB, JobKind.SERVICE, TaskConfig.of("exec ./hello --port $PORT", new Resources(0.25, 64, 10)), 2));

        List<Task> running = instancesShownRunning(JOB, 2);
        agentsShownOnTheClusterPage(running);

        // and what the person sees: the job page's squares and the cluster page's agents
        browser.driver().get(url("/jobs/" + JOB.team() + "/" + JOB.environment() + "/" + JOB.name()));
        new JobPage(browser).waitUntilAll("running", 2);
        browser.screenshot("mesos-job");
        ClusterPage clusterPage = ClusterPage.open(browser, url("/cluster"))
                .waitForAgent("mesos-agent-1")
                .waitForAgent("mesos-agent-2");
        assertThat(clusterPage.health())
                .containsIgnoringCase("mesos")
                .contains(cluster.health().details().get("framework id"));
        browser.screenshot("mesos-cluster");

        jobs.killJob(JOB, "journey over");
        awaitUntil(() -> jobs.job(JOB).instances().stream()
                .map(InstanceView::current)
                .allMatch(t -> t.state() == TaskState.KILLED));
        assertThat(running)
                .allSatisfy(t -> assertThat(master.task(t.taskId()).state()).isEqualTo("TASK_KILLED"));
        assertThat(master.violations()).isEmpty();
    }

    /**
     * What the job page shows: every instance RUNNING, each on one of the Mesos agents (and the
     * master agrees), read through {@link JobService} as the signed-in developer.
     */
    private List<Task> instancesShownRunning(JobKey job, int instances) {
        awaitUntil(() -> {
            List<Task> current = currentTasks(job);
            return current.size() == instances && current.stream().allMatch(t -> t.state() == TaskState.RUNNING);
        });
        List<Task> running = currentTasks(job);
        assertThat(running).extracting(Task::instanceId).containsExactly(0, 1);
        assertThat(running).allSatisfy(task -> {
            assertThat(agentIds).contains(task.agentId());
            assertThat(task.hostname()).startsWith("mesos-agent-");
            MesosMasterEmulator.TaskView atMaster = master.task(task.taskId());
            assertThat(atMaster.state()).isEqualTo("TASK_RUNNING");
            assertThat(atMaster.agentId()).isEqualTo(task.agentId());
        });
        return running;
    }

    /**
     * What the cluster page shows: the Mesos agents with the tasks running there, and the
     * connection (connected, leader, framework id, last heartbeat, offer counters), read through
     * {@link ClusterService} as the signed-in developer.
     */
    private void agentsShownOnTheClusterPage(List<Task> running) {
        List<AgentView> agents = cluster.agents();
        assertThat(agents).extracting(AgentView::hostname).containsExactlyInAnyOrder("mesos-agent-1", "mesos-agent-2");
        assertThat(agents).allSatisfy(agent -> {
            assertThat(agent.active()).isTrue();
            assertThat(agent.total().cpus()).isEqualTo(4.0);
        });
        int tasksOnAgents = agents.stream().mapToInt(AgentView::runningTasks).sum();
        assertThat(tasksOnAgents).isEqualTo(running.size());

        ClusterHealth health = cluster.health();
        assertThat(health.driver()).isEqualTo("mesos");
        assertThat(health.connected()).isTrue();
        assertThat(health.state()).isEqualTo("connected");
        assertThat(health.lastContact()).isNotNull();
        assertThat(health.details())
                .containsEntry("leader", master.masterUrl() + "/")
                .containsKeys("framework id", "last heartbeat", "offers received", "offers accepted");
        assertThat(master.connectedFrameworks())
                .containsExactly(health.details().get("framework id"));
        assertThat(Long.parseLong(health.details().get("offers accepted"))).isPositive();
    }

    private List<Task> currentTasks(JobKey job) {
        return jobs.job(job).instances().stream()
                .map(InstanceView::current)
                .filter(t -> t != null && t.state().isActive())
                .toList();
    }

    /** The services check who acts: a signed-in person, as the portal's requests are. */
    private static void actAs(String username) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username, null, AuthorityUtils.createAuthorityList("ROLE_USER")));
    }

    /** Polls on this thread: the services need its security context. */
    private static void awaitUntil(java.util.concurrent.Callable<Boolean> condition) {
        ConditionFactory await = Awaitility.await()
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(100))
                .atMost(PATIENCE);
        await.until(condition);
    }
}
