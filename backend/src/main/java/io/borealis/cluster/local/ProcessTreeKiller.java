package io.borealis.cluster.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a task's process tree without blocking anybody: SIGTERM to the wrapper (first, so that it
 * cannot start the next process) and to all its descendants, then SIGKILL to whatever is still
 * alive when the grace period is over. The tree is remembered when the kill starts, because
 * descendants of a dead wrapper are re-parented and no longer show up as its descendants; processes
 * that daemonise away from the tree before the kill are out of reach. Progress is polled on the
 * given scheduler (a few {@code /proc} reads every 50 ms).
 */
final class ProcessTreeKiller {

    private static final Logger log = LoggerFactory.getLogger(ProcessTreeKiller.class);
    private static final long POLL_MILLIS = 50;
    /** How long to wait for SIGKILLed processes to disappear before giving up on them. */
    private static final Duration AFTER_FORCE = Duration.ofSeconds(5);

    private final ScheduledExecutorService scheduler;

    ProcessTreeKiller(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts killing; returns at once.
     *
     * @return completes with true when every process of the tree is gone, false when some survived
     *     even SIGKILL (e.g. stuck in the kernel)
     */
    CompletableFuture<Boolean> kill(ProcessHandle root, Duration grace) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        Kill kill = new Kill(tree, System.nanoTime(), grace.isNegative() ? Duration.ZERO : grace);
        kill.poll();
        return kill.done;
    }

    private final class Kill {
        private final Set<ProcessHandle> tree;
        private final long startNanos;
        private final Duration grace;
        private final CompletableFuture<Boolean> done = new CompletableFuture<>();
        private boolean forced;

        Kill(Set<ProcessHandle> tree, long startNanos, Duration grace) {
            this.tree = tree;
            this.startNanos = startNanos;
            this.grace = grace;
        }

        void poll() {
            try {
                List<ProcessHandle> alive = alive();
                if (alive.isEmpty()) {
                    done.complete(true);
                    return;
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
                if (!forced && elapsed.compareTo(grace) >= 0) {
                    forced = true;
                    log.info(
                            "Grace period of {}s is over; sending SIGKILL to {} process(es): {}",
                            grace.toSeconds(),
                            alive.size(),
                            alive.stream().map(ProcessHandle::pid).toList());
                    alive.forEach(ProcessHandle::destroyForcibly);
                } else if (forced && elapsed.compareTo(grace.plus(AFTER_FORCE)) >= 0) {
                    log.warn(
                            "Processes {} survived SIGKILL for {}s; giving up on them",
                            alive.stream().map(ProcessHandle::pid).toList(),
                            AFTER_FORCE.toSeconds());
                    done.complete(false);
                    return;
                }
                scheduler.schedule(this::poll, POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.debug(
                        "Kill of {} left to the next start (driver stopped)",
                        tree.iterator().next().pid());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        /** The live processes of the tree, including children they spawned since the last look. */
        private List<ProcessHandle> alive() {
            List<ProcessHandle> alive = new ArrayList<>();
            for (ProcessHandle process : List.copyOf(tree)) {
                if (ProcessLiveness.isRunning(process)) {
                    alive.add(process);
                    process.descendants().filter(tree::add).forEach(child -> {
                        signal(child);
                        alive.add(child);
                    });
                }
            }
            return alive;
        }

        private void signal(ProcessHandle process) {
            if (forced) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        }
    }
}
