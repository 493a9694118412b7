package io.borealis.ui;

import io.borealis.job.HealthCheck;
import io.borealis.job.JobKey;
import io.borealis.job.JobKind;
import io.borealis.job.JobSpec;
import io.borealis.job.Resources;
import io.borealis.job.TaskConfig;
import io.borealis.job.Tier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Job specs for UI tests, with names no other test uses (the tests share one database). */
public final class Specs {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private Specs() {}

    public static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    /** A small production service in the demo team {@code payments}. */
    public static JobSpec service(String name, int instances) {
        return new JobSpec(
                new JobKey("payments", "devel", name),
                JobKind.SERVICE,
                TaskConfig.of("exec python3 -m http.server $PORT", new Resources(0.1, 32, 10))
                        .withPorts(List.of("http"))
                        .withHealthCheck(HealthCheck.http("http", "/"))
                        .withEnvironment(Map.of("GREETING", "hello"))
                        .withOwner("dana@example.com", Map.of("tier", "web")),
                instances);
    }

    public static JobSpec adhoc(String team, String name, int instances) {
        return new JobSpec(
                new JobKey(team, "devel", name),
                JobKind.ADHOC,
                TaskConfig.of("echo done", new Resources(0.1, 32, 10)),
                instances);
    }

    public static JobSpec preemptible(String team, String environment, String name, int instances) {
        return new JobSpec(
                new JobKey(team, environment, name),
                JobKind.SERVICE,
                TaskConfig.of("sleep 600", new Resources(0.1, 32, 10)).withTier(Tier.PREEMPTIBLE),
                instances);
    }
}
