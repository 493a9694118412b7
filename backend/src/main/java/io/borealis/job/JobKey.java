package io.borealis.job;

import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A job's identity: {@code team/environment/name}. The team (Aurora's "role") owns the job and its
 * quota; the environment is a free namespace (prod, staging, devel...); the name is unique within
 * both.
 */
public record JobKey(String team, String environment, String name) implements Comparable<JobKey> {

    /** Lower-case letter first; lower-case letters, digits and '-'; 2 to 32 characters. */
    public static final Pattern TEAM = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    /** Lower-case letter first; lower-case letters, digits and '-'; 1 to 32 characters. */
    public static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    /** Letter or digit first; letters, digits, '.', '_' and '-'; 1 to 64 characters. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Every problem with the three parts, under the given field prefix (e.g. {@code key.}). */
    public static List<FieldProblem> problems(String team, String environment, String name, String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        if (team == null || !TEAM.matcher(team).matches()) {
            problems.add(new FieldProblem(
                    prefix + "team",
                    "must be 2-32 characters: a lower-case letter first, then lower-case letters, digits or '-'"));
        }
        if (environment == null || !ENVIRONMENT.matcher(environment).matches()) {
            problems.add(
                    new FieldProblem(
                            prefix + "environment",
                            "must be 1-32 characters: a lower-case letter first, then lower-case letters, digits or '-' (e.g. prod, staging, devel)"));
        }
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new FieldProblem(
                    prefix + "name",
                    "must be 1-64 characters: a letter or digit first, then letters, digits, '.', '_' or '-'"));
        }
        return problems;
    }

    /** A key from its parts, refusing invalid ones. */
    public static JobKey of(String team, String environment, String name) {
        List<FieldProblem> problems = problems(team, environment, name, "");
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new JobKey(team, environment, name);
    }

    /** Parses {@code team/environment/name}. */
    public static JobKey parse(String path) {
        String[] parts = path == null ? new String[0] : path.split("/", -1);
        if (parts.length != 3) {
            throw new InvalidInputException("key", "must look like team/environment/name, was '" + path + "'");
        }
        return of(parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return team + "/" + environment + "/" + name;
    }

    @Override
    public int compareTo(JobKey other) {
        return toString().compareTo(other.toString());
    }
}
