package io.borealis.cluster.local;

import io.borealis.cluster.ClusterTaskState;
import io.borealis.job.ProcessSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a task ended, from what its sandbox and the OS say: the wrapper's {@link ExitRecord} if it
 * ended by itself, the {@link KillOrder} if Borealis killed it, and the wrapper's exit value when
 * Borealis started it in this run (an adopted process's exit value cannot be known).
 */
record TaskOutcome(ClusterTaskState state, String message, Boolean healthy) {

    static final String KILLED_MESSAGE = "Killed";

    static TaskOutcome of(
            Optional<ExitRecord> exit, Optional<KillOrder> kill, List<ProcessSpec> processes, OptionalInt wrapperExit) {
        if (exit.isPresent() && exit.get().status() == 0) {
            return finished(processes);
        }
        if (kill.isPresent()) {
            KillOrder order = kill.get();
            return new TaskOutcome(order.outcome(), order.message(), order.healthy());
        }
        if (exit.isPresent()) {
            ExitRecord record = exit.get();
            int index = record.failedProcess();
            String what = index >= 0 && index < processes.size()
                    ? "Process '" + processes.get(index).name() + "'"
                    : "Command";
            return failed(what + " exited with status " + record.status());
        }
        if (wrapperExit.isEmpty()) {
            return failed("Task ended without recording an exit status (terminated by a signal?)");
        }
        int value = wrapperExit.getAsInt();
        if (value == WrapperScript.NOT_STARTED) {
            return failed("Task did not start: Borealis did not confirm the launch");
        }
        if (value > 128) {
            return failed("Task was terminated by signal " + (value - 128));
        }
        return failed("Task wrapper exited with status " + value + " without recording an exit status");
    }

    /** A task whose process is gone, that left no trace of how it ended. */
    static TaskOutcome vanished() {
        return new TaskOutcome(
                ClusterTaskState.LOST,
                "Task is not running on this machine: its process ended while Borealis was not watching"
                        + " and left no exit status",
                null);
    }

    private static TaskOutcome finished(List<ProcessSpec> processes) {
        String message = processes.size() == 1
                ? "Command exited with status 0"
                : "All " + processes.size() + " processes exited with status 0";
        return new TaskOutcome(ClusterTaskState.FINISHED, message, null);
    }

    private static TaskOutcome failed(String message) {
        return new TaskOutcome(ClusterTaskState.FAILED, message, null);
    }
}
