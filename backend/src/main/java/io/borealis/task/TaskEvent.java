package io.borealis.task;

import java.time.Instant;

/** One step in a task's life: when, which state, and why. */
public record TaskEvent(long id, String taskId, Instant at, TaskState state, String message) {}
