package io.borealis.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.BackendTestApplication;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamService;
import io.borealis.auth.user.UserAccountService;
import io.borealis.error.ConflictException;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.job.Tier;
import io.borealis.scheduler.JobService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Quota consumption and refusals at the exact boundary, through the job commands. */
@SpringBootTest(classes = BackendTestApplication.class)
class QuotaIT extends BackendTestApplication.SchedulerTest {

    private static final AtomicInteger TEAMS = new AtomicInteger();
    private static final Resources ONE = new Resources(1, 1024, 1000);

    @Autowired
    JobService jobs;

    @Autowired
    QuotaService quotas;

    @Autowired
    TeamService teams;

    @Autowired
    UserAccountService users;

    private String team;

    @BeforeEach
    void team() {
        team = "quota" + TEAMS.incrementAndGet();
        asAdmin();
        teams.createTeam(team, "Quota team");
        if (users.listAccounts().stream().noneMatch(a -> a.username().equals("qdev"))) {
            users.createAccountAsAdmin(new io.borealis.auth.user.NewUserAccount(
                    "qdev", "Q", null, "a long test passphrase", io.borealis.auth.user.PlatformRole.USER));
        }
        teams.putMember(team, "qdev", TeamLevel.DEVELOPER);
        quotas.setQuota(team, new Quota(new Resources(4, 4096, 4000), 4), false);
        as("qdev");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void creatingExactlyUpToTheQuotaWorksAndOneMoreIsRefusedWithTheShortfall() {
        jobs.create(spec("a", 3, Tier.PREFERRED));
        jobs.create(spec("b", 1, Tier.PREFERRED));
        QuotaService.TeamQuota full = quotas.quota(team);
        assertThat(full.production()).isEqualTo(new Usage(new Resources(4, 4096, 4000), 4));

        assertThatThrownBy(() -> jobs.create(spec("c", 1, Tier.PREFERRED)))
                .isInstanceOfSatisfying(
                        QuotaExceededException.class,
                        e -> assertThat(e.shortfalls())
                                .extracting(Object::toString)
                                .containsExactly(
                                        "cpus: needs 1 cpu, 0 cpus left (1 cpu short)",
                                        "ram: needs 1,024 MB, 0 MB left (1,024 MB short)",
                                        "disk: needs 1,000 MB, 0 MB left (1,000 MB short)",
                                        "tasks: needs 1 tasks, 0 tasks left (1 tasks short)"));
        assertThat(jobs.find(key("c"))).isEmpty();
    }

    @Test
    void preemptibleTasksDoNotConsumeQuota() {
        jobs.create(spec("prod", 4, Tier.PREFERRED));
        jobs.create(spec("spare", 10, Tier.PREEMPTIBLE));

        QuotaService.TeamQuota use = quotas.quota(team);
        assertThat(use.production().tasks()).isEqualTo(4);
        assertThat(use.nonProduction()).isEqualTo(Usage.of(ONE, 10));
    }

    @Test
    void scalingUpIsCheckedScalingDownFreesQuota() {
        jobs.create(spec("web", 2, Tier.PREFERRED));

        jobs.scale(key("web"), 4);
        assertThatThrownBy(() -> jobs.scale(key("web"), 5))
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("cpus: needs 1 cpu, 0 cpus left");
        assertThat(jobs.find(key("web")).orElseThrow().instanceCount()).isEqualTo(4);

        jobs.scale(key("web"), 3);
        // killed tasks stop counting once they are gone; pending ones end at once
        assertThat(quotas.quota(team).production().tasks()).isEqualTo(3);
        jobs.scale(key("web"), 4);
    }

    @Test
    void aQuotaBelowCurrentUseIsRefusedUnlessOverCommitted() {
        jobs.create(spec("web", 3, Tier.PREFERRED));
        asAdmin();

        Quota smaller = new Quota(new Resources(2, 8192, 8000), null);
        assertThatThrownBy(() -> quotas.setQuota(team, smaller, false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("cpus: 2 cpus is below the 3 cpus in use");
        assertThat(quotas.quota(team).quota().resources().cpus()).isEqualTo(4);

        quotas.setQuota(team, smaller, true);
        assertThat(quotas.quota(team).quota()).isEqualTo(smaller);
        as("qdev");
        assertThatThrownBy(() -> jobs.create(spec("more", 1, Tier.PREFERRED)))
                .isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void aTeamWithoutQuotaRunsNoProductionTasks() {
        asAdmin();
        String empty = "noquota" + TEAMS.incrementAndGet();
        teams.createTeam(empty, "No quota");

        assertThatThrownBy(() -> jobs.create(
                        new JobSpec(new JobKey(empty, "prod", "x"), JobKind.SERVICE, TaskConfig.of("./x", ONE), 1)))
                .isInstanceOf(QuotaExceededException.class);
        jobs.create(new JobSpec(
                new JobKey(empty, "prod", "y"),
                JobKind.SERVICE,
                TaskConfig.of("./y", ONE).withTier(Tier.PREEMPTIBLE),
                1));
    }

    @Test
    void thePlanShowsTheShortfallBeforeAnythingIsDone() {
        jobs.create(spec("web", 3, Tier.PREFERRED));

        var plan = jobs.plan(spec("web", 6, Tier.PREFERRED));

        assertThat(plan.quotaShortfalls())
                .extracting(QuotaPolicy.Shortfall::resource)
                .containsExactly("cpus", "ram", "disk", "tasks");
        assertThat(plan.quotaShortfalls().getFirst().missing()).isEqualTo("2 cpus");
        assertThat(jobs.find(key("web")).orElseThrow().instanceCount()).isEqualTo(3);
    }

    private JobSpec spec(String name, int instances, Tier tier) {
        return new JobSpec(
                key(name), JobKind.SERVICE, TaskConfig.of("./run", ONE).withTier(tier), instances);
    }

    private JobKey key(String name) {
        return new JobKey(team, "prod", name);
    }

    private static void asAdmin() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "root", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
    }

    private static void as(String user) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        user, null, AuthorityUtils.createAuthorityList("ROLE_USER")));
    }
}
