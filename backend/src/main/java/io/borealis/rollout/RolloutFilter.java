package io.borealis.rollout;

import io.borealis.job.JobKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which rollouts to list (every criterion optional), newest first.
 *
 * @param team only this team's jobs
 * @param job only this job
 * @param startedBy only rollouts this person started
 * @param statuses only rollouts in these statuses (empty: any)
 * @param startedFrom only rollouts started at or after this
 * @param startedBefore only rollouts started before this
 * @param offset how many to skip (paging)
 * @param limit at most this many (1 to 500)
 */
public record RolloutFilter(
        String team,
        JobKey job,
        String startedBy,
        Set<RolloutStatus> statuses,
        Instant startedFrom,
        Instant startedBefore,
        int offset,
        int limit) {

    public static final int MAX_LIMIT = 500;

    public RolloutFilter {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        offset = Math.max(0, offset);
        limit = limit <= 0 ? 50 : Math.min(limit, MAX_LIMIT);
    }

    /** Every rollout, the newest 50. */
    public static RolloutFilter all() {
        return new RolloutFilter(null, null, null, Set.of(), null, null, 0, 50);
    }

    public RolloutFilter withTeam(String newTeam) {
        return new RolloutFilter(newTeam, job, startedBy, statuses, startedFrom, startedBefore, offset, limit);
    }

    public RolloutFilter withJob(JobKey newJob) {
        return new RolloutFilter(team, newJob, startedBy, statuses, startedFrom, startedBefore, offset, limit);
    }

    public RolloutFilter withStartedBy(String user) {
        return new RolloutFilter(team, job, user, statuses, startedFrom, startedBefore, offset, limit);
    }

    public RolloutFilter withStatuses(Set<RolloutStatus> newStatuses) {
        return new RolloutFilter(team, job, startedBy, newStatuses, startedFrom, startedBefore, offset, limit);
    }

    public RolloutFilter startedBetween(Instant from, Instant before) {
        return new RolloutFilter(team, job, startedBy, statuses, from, before, offset, limit);
    }

    public RolloutFilter page(int newOffset, int newLimit) {
        return new RolloutFilter(team, job, startedBy, statuses, startedFrom, startedBefore, newOffset, newLimit);
    }
}
