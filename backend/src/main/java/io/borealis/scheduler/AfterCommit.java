package io.borealis.scheduler;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs work once the current transaction has committed (cluster calls, notifications): a kill or
 * a launch must never be sent for a change that was then rolled back. Without a transaction the
 * work runs at once.
 */
public final class AfterCommit {

    private AfterCommit() {}

    public static void run(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }
}
