package io.borealis.quota;

import io.borealis.job.Resources;

/**
 * What a team's production tasks may use in total.
 *
 * @param resources cpus, memory and disk
 * @param maxTasks the most production tasks, or null for no task limit
 */
public record Quota(Resources resources, Integer maxTasks) {

    public static final Quota NONE = new Quota(Resources.NONE, 0);
}
