package io.borealis.quota;

import io.borealis.job.Resources;

/** Resources and a task count held (or asked for) by a team's tasks. */
public record Usage(Resources resources, int tasks) {

    public static final Usage NONE = new Usage(Resources.NONE, 0);

    public Usage plus(Usage other) {
        return new Usage(resources.plus(other.resources), tasks + other.tasks);
    }

    public Usage minus(Usage other) {
        return new Usage(resources.minus(other.resources), tasks - other.tasks);
    }

    /** {@code count} tasks of the given size. */
    public static Usage of(Resources each, int count) {
        return new Usage(each.times(count), count);
    }
}
