package io.borealis.cluster.local;

import io.borealis.cluster.ClusterTaskState;
import java.time.Instant;

/**
 * The sandbox's {@code kill.json}, written before the first signal: the kill survives a restart of
 * Borealis (the next one finishes it by {@code forceAt}) and the task's end is reported as the kill
 * meant it ({@code KILLED}, or {@code FAILED} for a failing health check).
 */
record KillOrder(Instant requestedAt, Instant forceAt, ClusterTaskState outcome, String message, Boolean healthy) {}
