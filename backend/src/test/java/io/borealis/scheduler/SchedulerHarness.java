package io.borealis.scheduler;

import io.borealis.cluster.PortRange;
import io.borealis.cluster.simulated.SimulatedCluster;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.task.Task;
import io.borealis.task.TaskState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Small helpers for scheduler tests: who acts, unique job keys, and running rounds to a standstill. */
public final class SchedulerHarness {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private SchedulerHarness() {}

    public static void signInAs(String username) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username, null, AuthorityUtils.createAuthorityList("ROLE_USER")));
    }

    public static void signInAsAdmin() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "root", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
    }

    /**
     * Makes sure a team exists with these people as members (accounts created as needed) and a
     * generous production quota; leaves nobody signed in.
     */
    public static void prepareTeam(
            io.borealis.auth.team.TeamService teams,
            io.borealis.quota.QuotaService quotas,
            io.borealis.auth.user.UserAccountService users,
            String slug,
            Map<String, io.borealis.auth.team.TeamLevel> members,
            io.borealis.quota.Quota quota) {
        signInAsAdmin();
        try {
            if (teams.visibleTeams().stream().noneMatch(t -> t.slug().equals(slug))) {
                teams.createTeam(slug, "Team " + slug);
            }
            members.forEach((username, level) -> {
                if (users.listAccounts().stream().noneMatch(a -> a.username().equals(username))) {
                    users.createAccountAsAdmin(new io.borealis.auth.user.NewUserAccount(
                            username,
                            username,
                            null,
                            "a long test passphrase",
                            io.borealis.auth.user.PlatformRole.USER));
                }
                teams.putMember(slug, username, level);
            });
            quotas.setQuota(slug, quota, true);
        } finally {
            signOut();
        }
    }

    public static final io.borealis.quota.Quota LARGE_QUOTA =
            new io.borealis.quota.Quota(new Resources(1_000_000, 1_000_000_000L, 1_000_000_000L), null);

    public static void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** A key no other test uses. */
    public static JobKey uniqueKey(String prefix) {
        return new JobKey("team-a", "prod", prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100_000);
    }

    public static JobSpec service(JobKey key, int instances) {
        return new JobSpec(key, JobKind.SERVICE, TaskConfig.of("./serve", new Resources(0.5, 256, 100)), instances);
    }

    public static JobSpec adhoc(JobKey key, int instances, int maxFailures) {
        return new JobSpec(
                key,
                JobKind.ADHOC,
                TaskConfig.of("./batch", new Resources(0.5, 256, 100)).withMaxTaskFailures(maxFailures),
                instances);
    }

    /** Runs rounds and delivers the cluster's updates until nothing moves any more. */
    public static void settle(SchedulerLoop loop, SimulatedCluster cluster) {
        for (int i = 0; i < 20; i++) {
            loop.round();
            int delivered = cluster.flush();
            if (delivered == 0 && cluster.queued() == 0) {
                return;
            }
        }
        throw new IllegalStateException("the scheduler did not settle in 20 rounds");
    }

    /** Active tasks by state, for compact assertions. */
    /**
     * Adds {@code count} simulated agents {@code bench-<i>} of this size, spread over {@code racks}
     * racks, each with 100 ports (port ranges repeat every 500 agents: agents are not real hosts).
     */
    public static void addBenchAgents(SimulatedCluster cluster, int count, int racks, Resources each) {
        for (int i = 0; i < count; i++) {
            int base = 10_000 + (i % 500) * 100;
            cluster.addAgent(new SimulatedCluster.Agent(
                    "bench-" + i,
                    Map.of("rack", "r" + (i % racks), "host", "bench-" + i),
                    each,
                    new PortRange(base, base + 99)));
        }
    }

    public static Map<TaskState, Long> states(List<Task> tasks) {
        return tasks.stream().collect(Collectors.groupingBy(Task::state, Collectors.counting()));
    }
}
