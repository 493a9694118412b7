package io.borealis.quota;

import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.auth.access.Action;
import io.borealis.auth.access.CurrentUser;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamRepository;
import io.borealis.error.ConflictException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.job.Resources;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading and setting team quotas, and the checks that commands make against them. */
@Service
public class QuotaService {

    /** A team's quota next to what it uses, for quota pages and forms. */
    public record TeamQuota(String team, Quota quota, Usage production, Usage nonProduction) {
        public boolean hasQuota() {
            return quota != null;
        }
    }

    private final QuotaRepository quotas;
    private final TeamRepository teams;
    private final TeamAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    public QuotaService(
            QuotaRepository quotas, TeamRepository teams, TeamAccess access, AuditTrail audit, Clock clock) {
        this.quotas = quotas;
        this.teams = teams;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public TeamQuota quota(String team) {
        access.require(Action.READ_QUOTA, team);
        teams.find(team).orElseThrow(() -> new NotFoundException("There is no team '" + team + "'."));
        QuotaRepository.TeamUse use = quotas.use(team);
        return new TeamQuota(team, quotas.find(team).orElse(null), use.production(), use.nonProduction());
    }

    /** Every team's quota and use (admins: all teams; others: those they may read). */
    @Transactional(readOnly = true)
    public List<TeamQuota> allQuotas() {
        var readable = access.readableTeams();
        Map<String, Quota> all = quotas.findAll();
        List<TeamQuota> result = new ArrayList<>();
        for (Team team : teams.findAll()) {
            if (readable.isPresent() && !readable.get().contains(team.slug())) {
                continue;
            }
            QuotaRepository.TeamUse use = quotas.use(team.slug());
            result.add(new TeamQuota(team.slug(), all.get(team.slug()), use.production(), use.nonProduction()));
        }
        return result;
    }

    /**
     * Sets a team's quota (platform admins). A quota below what the team's production tasks use now
     * is refused with the numbers, unless {@code overcommit} confirms it on purpose.
     */
    @Transactional
    public TeamQuota setQuota(String team, Quota quota, boolean overcommit) {
        access.require(Action.MANAGE_QUOTA, team, "quota.set", team);
        List<FieldProblem> problems = problems(quota);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Team locked = teams.lock(team).orElseThrow(() -> new NotFoundException("There is no team '" + team + "'."));
        Usage production = quotas.use(team).production();
        List<String> below = QuotaPolicy.belowUse(quota, production);
        if (!below.isEmpty() && !overcommit) {
            throw new ConflictException("The new quota for team " + team + " is below what it uses now ("
                    + String.join("; ", below)
                    + "). Confirm an over-commit to set it anyway: running tasks keep running, new ones are refused.");
        }
        Quota before = quotas.find(team).orElse(null);
        quotas.save(locked.id(), quota, CurrentUser.requireUsername(), clock.instant());
        audit.record(AuditRecord.of("quota.set")
                .team(team)
                .target(team)
                .message(below.isEmpty() ? null : "Over-commit confirmed: " + String.join("; ", below))
                .change(
                        "cpus",
                        before == null ? null : before.resources().cpus(),
                        quota.resources().cpus())
                .change(
                        "ramMb",
                        before == null ? null : before.resources().ramMb(),
                        quota.resources().ramMb())
                .change(
                        "diskMb",
                        before == null ? null : before.resources().diskMb(),
                        quota.resources().diskMb())
                .change("maxTasks", before == null ? null : before.maxTasks(), quota.maxTasks()));
        return quota(team);
    }

    /**
     * Refuses (with every shortfall) if the team's production use plus {@code additional} would
     * exceed its quota. Locks the team's row so that two commands cannot both spend the same quota.
     * Call it inside the command's transaction.
     */
    public void requireFits(String team, Usage additional) {
        if (additional.tasks() <= 0 && additional.resources().equals(Resources.NONE)) {
            return;
        }
        teams.lock(team);
        Quota quota = quotas.find(team).orElse(Quota.NONE);
        Usage production = quotas.use(team).production();
        List<QuotaPolicy.Shortfall> shortfalls = QuotaPolicy.shortfalls(quota, production, additional);
        if (!shortfalls.isEmpty()) {
            throw new QuotaExceededException(team, shortfalls);
        }
    }

    /** What would be short, without refusing (for forms that show it as people type). */
    @Transactional(readOnly = true)
    public List<QuotaPolicy.Shortfall> shortfalls(String team, Usage additional) {
        access.require(Action.READ_QUOTA, team);
        Quota quota = quotas.find(team).orElse(Quota.NONE);
        return QuotaPolicy.shortfalls(quota, quotas.use(team).production(), additional);
    }

    static List<FieldProblem> problems(Quota quota) {
        List<FieldProblem> problems = new ArrayList<>();
        if (quota == null || quota.resources() == null) {
            problems.add(new FieldProblem("quota", "is required: cpus, ramMb and diskMb"));
            return problems;
        }
        if (!(quota.resources().cpus() >= 0) || quota.resources().cpus() > 1_000_000) {
            problems.add(new FieldProblem("cpus", "must be between 0 and 1000000"));
        }
        if (quota.resources().ramMb() < 0) {
            problems.add(new FieldProblem("ramMb", "must not be negative"));
        }
        if (quota.resources().diskMb() < 0) {
            problems.add(new FieldProblem("diskMb", "must not be negative"));
        }
        if (quota.maxTasks() != null && quota.maxTasks() < 0) {
            problems.add(new FieldProblem("maxTasks", "must not be negative (leave it empty for no task limit)"));
        }
        return problems;
    }
}
