package io.borealis.scheduler;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Lets anyone ask the scheduling loop for a round now (new pending tasks, freed resources). */
@Component
public class SchedulerWakeup {

    private final Semaphore signal = new Semaphore(0);

    /** Asks for a round as soon as possible. */
    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Waits for a wake-up or the timeout; returns early when woken. */
    void await(Duration timeout) throws InterruptedException {
        if (signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            signal.drainPermits();
        }
    }
}
