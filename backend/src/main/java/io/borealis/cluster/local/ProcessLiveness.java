package io.borealis.cluster.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether a process still runs. {@link ProcessHandle#isAlive()} counts a zombie (dead, not yet
 * reaped by its parent) as alive; killed task processes are re-parented and become zombies until
 * init reaps them, which some container inits do only every second or so. A zombie holds no
 * memory and no ports any more, so here it counts as ended (read from {@code /proc} on Linux;
 * elsewhere {@code isAlive} is all there is).
 */
final class ProcessLiveness {

    private static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));

    private ProcessLiveness() {}

    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        if (!PROC) {
            return true;
        }
        try {
            String stat =
                    Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.UTF_8);
            int end = stat.lastIndexOf(')');
            char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
            return state != 'Z' && state != 'X' && state != 'x';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }
}
