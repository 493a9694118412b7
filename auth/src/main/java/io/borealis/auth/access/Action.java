package io.borealis.auth.access;

import io.borealis.auth.team.TeamLevel;

/**
 * Everything a person may or may not do, with the team level it needs (null: platform admins only)
 * and how the refusal message words it.
 */
public enum Action {
    READ_JOBS(TeamLevel.VIEWER, "see jobs, tasks, logs and rollouts"),
    MANAGE_JOBS(TeamLevel.DEVELOPER, "create, scale, restart and kill jobs"),
    START_ROLLOUTS(TeamLevel.DEVELOPER, "start rollouts"),
    CONTROL_ROLLOUTS(TeamLevel.LEAD, "pause, resume, abort and roll back rollouts"),
    MANAGE_MEMBERS(TeamLevel.LEAD, "manage the team's members"),
    READ_AUDIT(TeamLevel.LEAD, "read the team's audit trail"),
    READ_QUOTA(TeamLevel.VIEWER, "see the team's quota"),
    MANAGE_QUOTA(null, "change quotas"),
    MANAGE_TEAMS(null, "create, rename and archive teams"),
    MANAGE_USERS(null, "manage users and platform roles"),
    READ_ALL_AUDIT(null, "read the whole audit log");

    private final TeamLevel level;
    private final String description;

    Action(TeamLevel level, String description) {
        this.level = level;
        this.description = description;
    }

    /** The team level needed, or null when only platform admins may. */
    public TeamLevel level() {
        return level;
    }

    /** What the action is, in the words of a refusal: "scale jobs". */
    public String description() {
        return description;
    }
}
