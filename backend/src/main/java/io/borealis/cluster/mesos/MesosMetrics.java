package io.borealis.cluster.mesos;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Mesos driver's counters, kept here for the cluster page ({@code ClusterHealth.details}) and
 * published to Micrometer as {@code borealis.mesos.*}:
 *
 * <ul>
 *   <li>counters {@code borealis.mesos.offers.received}, {@code .offers.accepted},
 *       {@code .offers.declined}, {@code .offers.rescinded}, {@code .tasks.launched},
 *       {@code .tasks.killed}, {@code .updates.received}, {@code .acknowledgements},
 *       {@code .subscriptions}, {@code .disconnections}, {@code .errors} (ERROR events and failed calls);
 *   <li>gauges {@code borealis.mesos.connected} (1 or 0), {@code .offers.outstanding},
 *       {@code .heartbeat.age} (seconds since the last heartbeat; -1 before the first).
 * </ul>
 */
final class MesosMetrics {

    final AtomicLong offersReceived = new AtomicLong();
    final AtomicLong offersAccepted = new AtomicLong();
    final AtomicLong offersDeclined = new AtomicLong();
    final AtomicLong offersRescinded = new AtomicLong();
    final AtomicLong tasksLaunched = new AtomicLong();
    final AtomicLong tasksKilled = new AtomicLong();
    final AtomicLong updatesReceived = new AtomicLong();
    final AtomicLong acknowledgements = new AtomicLong();
    final AtomicLong subscriptions = new AtomicLong();
    final AtomicLong disconnections = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    MesosMetrics(
            MeterRegistry registry,
            Clock clock,
            Supplier<Boolean> connected,
            Supplier<Integer> outstandingOffers,
            Supplier<Instant> lastHeartbeat) {
        counter(registry, "borealis.mesos.offers.received", "offers received from the master", offersReceived);
        counter(registry, "borealis.mesos.offers.accepted", "offers used to launch tasks", offersAccepted);
        counter(registry, "borealis.mesos.offers.declined", "offers given back", offersDeclined);
        counter(registry, "borealis.mesos.offers.rescinded", "offers the master took back", offersRescinded);
        counter(registry, "borealis.mesos.tasks.launched", "tasks sent in ACCEPT calls", tasksLaunched);
        counter(registry, "borealis.mesos.tasks.killed", "KILL calls sent", tasksKilled);
        counter(registry, "borealis.mesos.updates.received", "task status updates received", updatesReceived);
        counter(registry, "borealis.mesos.acknowledgements", "status updates acknowledged", acknowledgements);
        counter(registry, "borealis.mesos.subscriptions", "successful subscriptions", subscriptions);
        counter(registry, "borealis.mesos.disconnections", "subscriptions lost", disconnections);
        counter(registry, "borealis.mesos.errors", "ERROR events and failed calls", errors);
        Gauge.builder("borealis.mesos.connected", () -> connected.get() ? 1 : 0)
                .description("1 while subscribed to a master")
                .register(registry);
        Gauge.builder("borealis.mesos.offers.outstanding", outstandingOffers::get)
                .description("offers held now")
                .register(registry);
        Gauge.builder("borealis.mesos.heartbeat.age", () -> {
                    Instant last = lastHeartbeat.get();
                    return last == null
                            ? -1
                            : Duration.between(last, clock.instant()).toMillis() / 1000.0;
                })
                .description("seconds since the last heartbeat")
                .baseUnit("seconds")
                .register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, AtomicLong value) {
        FunctionCounter.builder(name, value, AtomicLong::get)
                .description(description)
                .register(registry);
    }
}
