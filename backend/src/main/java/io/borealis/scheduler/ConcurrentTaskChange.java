package io.borealis.scheduler;

/**
 * A task changed between reading and writing it (its version moved on). The whole transaction is
 * rolled back and run again by {@link Transactions}.
 */
class ConcurrentTaskChange extends RuntimeException {

    ConcurrentTaskChange(String taskId) {
        super("task " + taskId + " changed concurrently", null, false, false);
    }
}
