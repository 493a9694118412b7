package io.borealis.scheduling;

import io.borealis.job.Constraint;
import io.borealis.job.JobKey;
import io.borealis.job.Resources;
import java.util.List;

/**
 * A task waiting for room, as placement sees it.
 *
 * @param taskId its id
 * @param job its job
 * @param instanceId its instance
 * @param resources what it needs
 * @param portNames the named ports it needs
 * @param constraints where it may go
 */
public record PendingTask(
        String taskId,
        JobKey job,
        int instanceId,
        Resources resources,
        List<String> portNames,
        List<Constraint> constraints) {

    public PendingTask {
        portNames = List.copyOf(portNames);
        constraints = List.copyOf(constraints);
    }

    /** Tasks with the same shape fit the same agents; placement handles them as one group. */
    record Shape(JobKey job, Resources resources, int ports, List<Constraint> constraints) {}

    Shape shape() {
        return new Shape(job, resources, portNames.size(), constraints);
    }
}
