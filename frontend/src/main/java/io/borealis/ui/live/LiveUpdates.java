package io.borealis.ui.live;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import io.borealis.job.JobKey;
import io.borealis.rollout.RolloutChanged;
import io.borealis.scheduler.JobChanged;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;

/**
 * Live pages through server push. A view subscribes while it is attached: to changes of the jobs
 * it shows ({@link JobChanged}, published after each commit that changed a job), to rollouts
 * ({@link RolloutChanged}), or to a clock
 * (log following, cluster health). Bursts are coalesced: a subscriber refreshes at most once per
 * {@code borealis.ui.live-interval} (1 s), inside {@code ui.access} so that the session is locked
 * and the change is pushed. Subscriptions end when their component detaches (page left, browser
 * closed, session expired).
 */
@org.springframework.stereotype.Component
public class LiveUpdates implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    private final Set<JobSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Set<JobSubscription> rolloutSubscriptions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor;
    private final long intervalNanos;

    public LiveUpdates(@Value("${borealis.ui.live-interval:1s}") Duration interval) {
        this.intervalNanos = interval.toNanos();
        this.executor = Executors.newScheduledThreadPool(
                2, Thread.ofPlatform().name("borealis-live-", 1).daemon(true).factory());
    }

    /**
     * Runs {@code refresh} in the component's UI whenever a job accepted by {@code which} changed,
     * at most once per interval, while the component is attached.
     */
    public Registration onJobChange(Component owner, Predicate<JobKey> which, Runnable refresh) {
        return whileAttached(owner, ui -> {
            JobSubscription subscription = new JobSubscription(ui, which, refresh, null, subscriptions);
            subscriptions.add(subscription);
            return () -> subscriptions.remove(subscription);
        });
    }

    /**
     * Runs {@code refresh} in the component's UI whenever a rollout changed ({@link RolloutChanged})
     * that {@code which} accepts, at most once per interval, while the component is attached.
     */
    public Registration onRolloutChange(Component owner, Predicate<RolloutChanged> which, Runnable refresh) {
        return whileAttached(owner, ui -> {
            JobSubscription subscription = new JobSubscription(ui, key -> false, refresh, which, rolloutSubscriptions);
            rolloutSubscriptions.add(subscription);
            return () -> rolloutSubscriptions.remove(subscription);
        });
    }

    /** Runs {@code task} in the component's UI every {@code period} while the component is attached. */
    public Registration every(Component owner, Duration period, Runnable task) {
        return whileAttached(owner, ui -> {
            AtomicBoolean queued = new AtomicBoolean();
            ScheduledFuture<?> future = executor.scheduleWithFixedDelay(
                    () -> {
                        if (queued.compareAndSet(false, true)) {
                            run(ui, () -> {
                                queued.set(false);
                                task.run();
                            });
                        }
                    },
                    period.toMillis(),
                    period.toMillis(),
                    TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        });
    }

    /** How many job subscriptions are open (for tests and diagnostics). */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    @EventListener
    public void jobChanged(JobChanged event) {
        for (JobSubscription subscription : subscriptions) {
            if (subscription.which.test(event.job())) {
                subscription.changed();
            }
        }
    }

    @EventListener
    public void rolloutChanged(RolloutChanged event) {
        for (JobSubscription subscription : rolloutSubscriptions) {
            if (subscription.rollouts.test(event)) {
                subscription.changed();
            }
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    private interface Starter {
        Registration start(UI ui);
    }

    /** Starts on attach (or now, if attached), stops on detach or when the registration is removed. */
    private static Registration whileAttached(Component owner, Starter starter) {
        Registration[] running = new Registration[1];
        Runnable stop = () -> {
            if (running[0] != null) {
                running[0].remove();
                running[0] = null;
            }
        };
        owner.getUI().ifPresent(ui -> running[0] = starter.start(ui));
        Registration attach = owner.addAttachListener(e -> {
            stop.run();
            running[0] = starter.start(e.getUI());
        });
        Registration detach = owner.addDetachListener(e -> stop.run());
        return () -> {
            attach.remove();
            detach.remove();
            stop.run();
        };
    }

    private boolean run(UI ui, Runnable work) {
        try {
            ui.access(work::run);
            return true;
        } catch (UIDetachedException e) {
            return false;
        } catch (RuntimeException e) {
            log.debug("Live update not delivered: {}", e.toString());
            return false;
        }
    }

    private final class JobSubscription {
        final UI ui;
        final Predicate<JobKey> which;
        final Runnable refresh;
        final Predicate<RolloutChanged> rollouts;
        final Set<JobSubscription> owner;
        final AtomicBoolean dirty = new AtomicBoolean();
        volatile long lastRun = System.nanoTime() - intervalNanos;

        JobSubscription(
                UI ui,
                Predicate<JobKey> which,
                Runnable refresh,
                Predicate<RolloutChanged> rollouts,
                Set<JobSubscription> owner) {
            this.ui = ui;
            this.which = which;
            this.refresh = refresh;
            this.rollouts = rollouts == null ? e -> false : rollouts;
            this.owner = owner;
        }

        void changed() {
            if (!dirty.compareAndSet(false, true)) {
                return; // a refresh is already coming and will see this change too
            }
            long wait = Math.max(0, lastRun + intervalNanos - System.nanoTime());
            executor.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
        }

        private void flush() {
            boolean delivered = run(ui, () -> {
                dirty.set(false);
                lastRun = System.nanoTime();
                refresh.run();
            });
            if (!delivered) {
                owner.remove(this);
            }
        }
    }
}
