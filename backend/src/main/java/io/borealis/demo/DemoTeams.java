package io.borealis.demo;

import io.borealis.auth.demo.DemoAccounts;
import io.borealis.auth.demo.DemoProperties;
import io.borealis.auth.demo.EmbeddedDatabase;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamRepository;
import io.borealis.auth.team.TeamService;
import io.borealis.auth.user.UserAccountRepository;
import io.borealis.job.Resources;
import io.borealis.quota.Quota;
import io.borealis.quota.QuotaService;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Seeds two demo teams after the demo accounts, under the same conditions (embedded H2, demo
 * enabled, nothing there yet): {@code payments} with {@code lead} as LEAD and {@code dev} as
 * DEVELOPER and a production quota, and {@code search} with no demo members (a team the demo
 * developer cannot see).
 */
@Component
@Order(DemoAccounts.ORDER + 10)
public class DemoTeams implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoTeams.class);

    private final DemoProperties properties;
    private final DataSource dataSource;
    private final TeamRepository teamRepository;
    private final UserAccountRepository users;
    private final TeamService teams;
    private final QuotaService quotas;

    public DemoTeams(
            DemoProperties properties,
            DataSource dataSource,
            TeamRepository teamRepository,
            UserAccountRepository users,
            TeamService teams,
            QuotaService quotas) {
        this.properties = properties;
        this.dataSource = dataSource;
        this.teamRepository = teamRepository;
        this.users = users;
        this.teams = teams;
        this.quotas = quotas;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()
                || !EmbeddedDatabase.isEmbedded(dataSource)
                || !teamRepository.findAll().isEmpty()
                || users.findByUsername("lead").isEmpty()
                || users.findByUsername("dev").isEmpty()) {
            return;
        }
        // seeding acts as the platform, not as a person
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "system", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        try {
            teams.createTeam("payments", "Payments");
            teams.putMember("payments", "lead", TeamLevel.LEAD);
            teams.putMember("payments", "dev", TeamLevel.DEVELOPER);
            quotas.setQuota("payments", new Quota(new Resources(8, 8192, 40_960), null), false);
            teams.createTeam("search", "Search");
            quotas.setQuota("search", new Quota(new Resources(4, 4096, 20_480), null), false);
            log.warn("Seeded demo teams: payments (lead: LEAD, dev: DEVELOPER; quota 8 cpus, 8192 MB, 40960 MB) "
                    + "and search (no demo members). DEMO USE ONLY.");
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }
}
