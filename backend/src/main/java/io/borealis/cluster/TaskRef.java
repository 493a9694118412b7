package io.borealis.cluster;

/** Which task, and on which agent (Mesos needs both to kill or reconcile; null agent = unknown). */
public record TaskRef(String taskId, String agentId) {}
