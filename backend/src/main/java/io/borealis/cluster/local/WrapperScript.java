package io.borealis.cluster.local;

import io.borealis.job.ProcessSpec;
import java.util.List;

/**
 * Generates a task's {@code run.sh}: the one process Borealis starts per task. It waits for the
 * word {@code go} on its stdin (sent once {@code task.json} is written, so that a task never runs
 * without a record a restarted Borealis can adopt it by; if Borealis dies first, the pipe closes and
 * the wrapper leaves without running anything), then runs each process with {@code /bin/sh -c} in
 * order, stops at the first that fails, and records how it ended in {@code exit_status}. A wrapper
 * that is killed records nothing: SIGTERM makes it leave (status 143) as soon as the running
 * process has ended, without starting the next one.
 */
final class WrapperScript {

    /** Exit status of a wrapper that never got the go-ahead. */
    static final int NOT_STARTED = 125;

    private WrapperScript() {}

    static String render(String taskId, List<ProcessSpec> processes) {
        if (processes.isEmpty()) {
            throw new IllegalArgumentException("a task needs at least one process");
        }
        StringBuilder script = new StringBuilder();
        script.append("#!/bin/sh\n");
        script.append("# Borealis task wrapper for task ").append(taskId).append(" (generated; do not edit).\n");
        script.append("IFS= read -r borealis_go || exit ").append(NOT_STARTED).append('\n');
        script.append("[ \"$borealis_go\" = go ] || exit ").append(NOT_STARTED).append('\n');
        script.append("exec </dev/null\n");
        // a polite kill ends the wrapper only once the running process has ended (a shell runs
        // traps after its foreground command), so the tree stays whole under a live wrapper until
        // the forced kill, also for a restarted Borealis that finishes the kill
        script.append("trap 'exit 143' TERM\n");
        script.append("borealis_done() {\n");
        script.append("  printf '%s %s\\n' \"$1\" \"$2\" >.exit_status.tmp && mv -f .exit_status.tmp ")
                .append(Sandbox.EXIT_STATUS)
                .append('\n');
        script.append("  exit \"$1\"\n");
        script.append("}\n");
        for (int i = 0; i < processes.size(); i++) {
            ProcessSpec process = processes.get(i);
            if (process.command() == null || process.command().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("process '" + process.name() + "' has no usable command");
            }
            script.append("# process ")
                    .append(i)
                    .append(": ")
                    .append(oneLine(process.name()))
                    .append('\n');
            script.append("/bin/sh -c ").append(quote(process.command())).append('\n');
            script.append("borealis_status=$?\n");
            script.append("[ \"$borealis_status\" -eq 0 ] || borealis_done \"$borealis_status\" ")
                    .append(i)
                    .append('\n');
        }
        script.append("borealis_done 0 -\n");
        return script.toString();
    }

    /**
     * Quotes text as one POSIX shell word: inside single quotes nothing is special, and a single
     * quote itself becomes {@code '\''} (end quote, escaped quote, start quote).
     */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]", " ");
    }
}
