package io.borealis.cluster.local;

import io.borealis.cluster.ClusterTaskState;
import java.time.Instant;

/**
 * The sandbox's {@code status.json}: the last state the driver reported for the task, rewritten on
 * every change. A restarted Borealis adopts a task in this state, and reconciliation answers a
 * finished task's terminal state from it exactly as it was reported.
 */
record RecordedStatus(ClusterTaskState state, String message, Boolean healthy, Instant at) {}
