package io.borealis.auth.user;

/**
 * A person's role on the whole platform. Finer, per-team permissions (lead, developer, viewer)
 * are memberships, not platform roles.
 */
public enum PlatformRole {
    /** Runs the platform: users, teams, quotas; may do everything. */
    ADMIN,
    /** Everybody else; what they may do is decided by their team memberships. */
    USER;

    /** The Spring Security authority for this role, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
