package io.borealis.job;

/**
 * How to tell that a running task is healthy: an HTTP GET on one of its named ports (2xx or 3xx
 * is healthy) or a shell command run in its sandbox (exit 0 is healthy). Failures during the grace
 * period after start are ignored until the first success; after {@code consecutiveFailures}
 * failures in a row the task is killed and counts as failed.
 */
public record HealthCheck(
        Kind kind,
        String port,
        String path,
        String command,
        int intervalSeconds,
        int timeoutSeconds,
        int gracePeriodSeconds,
        int consecutiveFailures) {

    public enum Kind {
        HTTP,
        COMMAND
    }

    public static HealthCheck http(String port, String path) {
        return new HealthCheck(Kind.HTTP, port, path, null, 10, 5, 30, 3);
    }

    public static HealthCheck command(String command) {
        return new HealthCheck(Kind.COMMAND, null, null, command, 10, 5, 30, 3);
    }

    public HealthCheck withTiming(int interval, int timeout, int grace, int failures) {
        return new HealthCheck(kind, port, path, command, interval, timeout, grace, failures);
    }

    public String describe() {
        return switch (kind) {
            case HTTP -> "HTTP GET " + path + " on port " + port;
            case COMMAND -> "command " + command;
        };
    }
}
