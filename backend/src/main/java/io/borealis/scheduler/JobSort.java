package io.borealis.scheduler;

/**
 * How the jobs list is ordered; ties are broken by the job key, ascending.
 *
 * @param by the column
 * @param descending largest (or latest, or last in the alphabet) first
 */
public record JobSort(By by, boolean descending) {

    /** The columns the list can be sorted by, all evaluated in the database. */
    public enum By {
        /** team, environment, name */
        KEY,
        KIND,
        INSTANCES,
        /** instances whose task is RUNNING */
        RUNNING,
        /** instances waiting to be placed (PENDING or THROTTLED) */
        PENDING,
        /** when the job was last changed */
        UPDATED
    }

    public static final JobSort BY_KEY = new JobSort(By.KEY, false);

    public JobSort {
        by = by == null ? By.KEY : by;
    }
}
