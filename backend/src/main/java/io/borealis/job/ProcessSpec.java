package io.borealis.job;

/**
 * One step of a task: a named shell command. A task runs its processes one after another; the task
 * fails when one fails, and a service task's last process is expected to keep running.
 */
public record ProcessSpec(String name, String command) {}
