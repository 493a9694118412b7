package io.borealis.web.api;

import io.borealis.auth.team.Membership;
import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamLevel;
import io.borealis.quota.Quota;
import io.borealis.quota.QuotaService;
import io.borealis.quota.Usage;
import java.time.Instant;

/** What the teams, members and quota endpoints send and receive. */
final class TeamModels {

    private TeamModels() {}

    /** A team; its slug is the first part of its jobs' keys. */
    record TeamView(String slug, String displayName, boolean archived, Instant createdAt, String createdBy) {
        static TeamView of(Team team) {
            return new TeamView(team.slug(), team.displayName(), team.archived(), team.createdAt(), team.createdBy());
        }
    }

    /** A team member and their level. */
    record MemberView(String username, String displayName, TeamLevel level, Instant addedAt, String addedBy) {
        static MemberView of(Membership member) {
            return new MemberView(
                    member.username(), member.displayName(), member.level(), member.addedAt(), member.addedBy());
        }
    }

    /**
     * A team's production quota next to what it uses.
     *
     * @param quota null when the team has none (it may run only preemptible tasks)
     * @param production what its production (preferred tier) tasks hold: counted against the quota
     * @param nonProduction what its preemptible tasks hold: not counted
     */
    record QuotaView(String team, QuotaAmounts quota, UsageView production, UsageView nonProduction) {
        static QuotaView of(QuotaService.TeamQuota quota) {
            return new QuotaView(
                    quota.team(),
                    quota.quota() == null ? null : QuotaAmounts.of(quota.quota()),
                    UsageView.of(quota.production()),
                    UsageView.of(quota.nonProduction()));
        }
    }

    /** Quota amounts; maxTasks null means no limit on the number of tasks. */
    record QuotaAmounts(double cpus, long ramMb, long diskMb, Integer maxTasks) {
        static QuotaAmounts of(Quota quota) {
            return new QuotaAmounts(
                    quota.resources().cpus(),
                    quota.resources().ramMb(),
                    quota.resources().diskMb(),
                    quota.maxTasks());
        }
    }

    /** Resources held by tasks, and how many tasks. */
    record UsageView(double cpus, long ramMb, long diskMb, int tasks) {
        static UsageView of(Usage usage) {
            return new UsageView(
                    usage.resources().cpus(),
                    usage.resources().ramMb(),
                    usage.resources().diskMb(),
                    usage.tasks());
        }
    }

    /** Body of a team creation. */
    record NewTeamRequest(String slug, String displayName) implements ApiRequestBody {}

    /** Body of a team change: a new display name, archived or not, or both. */
    record TeamChangeRequest(String displayName, Boolean archived) implements ApiRequestBody {}

    /** Body of a membership: the level (LEAD, DEVELOPER or VIEWER). */
    record MemberRequest(TeamLevel level) implements ApiRequestBody {}

    /**
     * Body of a quota change. A quota below what the team uses now is refused (409) unless
     * overcommit is true.
     */
    record QuotaRequest(Double cpus, Long ramMb, Long diskMb, Integer maxTasks, Boolean overcommit)
            implements ApiRequestBody {}
}
