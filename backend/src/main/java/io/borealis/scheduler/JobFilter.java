package io.borealis.scheduler;

import io.borealis.task.TaskState;

/**
 * What the jobs list asks for: each part narrows the list, null or blank means "any".
 *
 * @param team exactly this team
 * @param environment exactly this environment
 * @param name part of the job's name, case-insensitive
 * @param state jobs with at least one instance whose current task is in this state (for an ended
 *     state: an instance whose latest task ended so and was not replaced)
 */
public record JobFilter(String team, String environment, String name, TaskState state) {

    public static final JobFilter ANY = new JobFilter(null, null, null, null);

    public JobFilter {
        team = blankToNull(team);
        environment = blankToNull(environment);
        name = blankToNull(name);
    }

    public JobFilter withTeam(String value) {
        return new JobFilter(value, environment, name, state);
    }

    public JobFilter withEnvironment(String value) {
        return new JobFilter(team, value, name, state);
    }

    public JobFilter withName(String value) {
        return new JobFilter(team, environment, value, state);
    }

    public JobFilter withState(TaskState value) {
        return new JobFilter(team, environment, name, value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
