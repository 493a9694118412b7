package io.borealis.auth.team;

import java.time.Instant;

/** A team: the owner of jobs and quota. Its slug is the first part of its jobs' keys. */
public record Team(long id, String slug, String displayName, boolean archived, Instant createdAt, String createdBy) {}
