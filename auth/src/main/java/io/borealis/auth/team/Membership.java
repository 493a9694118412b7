package io.borealis.auth.team;

import java.time.Instant;

/** Someone's place in a team. */
public record Membership(
        String team, String username, String displayName, TeamLevel level, Instant addedAt, String addedBy) {}
