package io.borealis.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.cluster.ClusterTaskState;
import io.borealis.job.ProcessSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TaskOutcomeTest {

    private static final List<ProcessSpec> ONE = List.of(new ProcessSpec("main", "x"));
    private static final List<ProcessSpec> TWO = List.of(new ProcessSpec("setup", "x"), new ProcessSpec("main", "y"));
    private static final KillOrder KILL =
            new KillOrder(Instant.EPOCH, Instant.EPOCH, ClusterTaskState.KILLED, "Killed", null);
    private static final KillOrder HEALTH = new KillOrder(
            Instant.EPOCH, Instant.EPOCH, ClusterTaskState.FAILED, "Health check failed 3 times in a row: x", false);

    @Test
    void exitZeroIsFinished() {
        assertThat(TaskOutcome.of(Optional.of(new ExitRecord(0, -1)), Optional.empty(), ONE, OptionalInt.of(0)))
                .isEqualTo(new TaskOutcome(ClusterTaskState.FINISHED, "Command exited with status 0", null));
        assertThat(TaskOutcome.of(Optional.of(new ExitRecord(0, -1)), Optional.empty(), TWO, OptionalInt.empty()))
                .isEqualTo(new TaskOutcome(ClusterTaskState.FINISHED, "All 2 processes exited with status 0", null));
    }

    @Test
    void aFailingProcessIsNamed() {
        assertThat(TaskOutcome.of(Optional.of(new ExitRecord(3, 0)), Optional.empty(), TWO, OptionalInt.of(3)))
                .isEqualTo(new TaskOutcome(ClusterTaskState.FAILED, "Process 'setup' exited with status 3", null));
        assertThat(TaskOutcome.of(Optional.of(new ExitRecord(3, 9)), Optional.empty(), TWO, OptionalInt.of(3))
                        .message())
                .isEqualTo("Command exited with status 3");
    }

    @Test
    void aKilledTaskIsReportedAsTheKillMeantIt() {
        assertThat(TaskOutcome.of(Optional.empty(), Optional.of(KILL), ONE, OptionalInt.of(143)))
                .isEqualTo(new TaskOutcome(ClusterTaskState.KILLED, "Killed", null));
        assertThat(TaskOutcome.of(Optional.of(new ExitRecord(143, 0)), Optional.of(KILL), ONE, OptionalInt.empty())
                        .state())
                .isEqualTo(ClusterTaskState.KILLED);
        assertThat(TaskOutcome.of(Optional.empty(), Optional.of(HEALTH), ONE, OptionalInt.empty()))
                .isEqualTo(new TaskOutcome(ClusterTaskState.FAILED, "Health check failed 3 times in a row: x", false));
    }

    @Test
    void aTaskThatFinishedBeforeTheKillWasFelt() {
        assertThat(TaskOutcome.of(Optional.of(new ExitRecord(0, -1)), Optional.of(KILL), ONE, OptionalInt.of(0))
                        .state())
                .isEqualTo(ClusterTaskState.FINISHED);
    }

    @Test
    void aWrapperThatRecordedNothingFailed() {
        assertThat(TaskOutcome.of(Optional.empty(), Optional.empty(), ONE, OptionalInt.of(137))
                        .message())
                .isEqualTo("Task was terminated by signal 9");
        assertThat(TaskOutcome.of(Optional.empty(), Optional.empty(), ONE, OptionalInt.of(125))
                        .message())
                .isEqualTo("Task did not start: Borealis did not confirm the launch");
        assertThat(TaskOutcome.of(Optional.empty(), Optional.empty(), ONE, OptionalInt.of(2))
                        .message())
                .isEqualTo("Task wrapper exited with status 2 without recording an exit status");
        assertThat(TaskOutcome.of(Optional.empty(), Optional.empty(), ONE, OptionalInt.empty()))
                .isEqualTo(new TaskOutcome(
                        ClusterTaskState.FAILED,
                        "Task ended without recording an exit status (terminated by a signal?)",
                        null));
    }

    @Test
    void aTaskThatVanishedIsLost() {
        assertThat(TaskOutcome.vanished().state()).isEqualTo(ClusterTaskState.LOST);
        assertThat(TaskOutcome.vanished().message()).startsWith("Task is not running on this machine");
    }

    @Test
    void exitRecordsParse() {
        assertThat(ExitRecord.parse("0 -\n")).contains(new ExitRecord(0, -1));
        assertThat(ExitRecord.parse("127 2")).contains(new ExitRecord(127, 2));
        assertThat(ExitRecord.parse("")).isEmpty();
        assertThat(ExitRecord.parse("x y")).isEmpty();
        assertThat(ExitRecord.parse("1")).isEmpty();
    }
}
