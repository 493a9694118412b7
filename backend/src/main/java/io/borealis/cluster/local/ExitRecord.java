package io.borealis.cluster.local;

import java.util.Optional;

/**
 * The sandbox's {@code exit_status}, written by the wrapper script when it ends by itself: its exit
 * status and which process (0-based) ended the task by failing, or -1 when all succeeded. A wrapper
 * that was killed writes nothing, which is how a killed task is told from one that failed.
 */
record ExitRecord(int status, int failedProcess) {

    /** Parses the file's one line {@code <status> <index>} ({@code -} for no index). */
    static Optional<ExitRecord> parse(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            int status = Integer.parseInt(parts[0]);
            int index = parts[1].equals("-") ? -1 : Integer.parseInt(parts[1]);
            return Optional.of(new ExitRecord(status, index));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
