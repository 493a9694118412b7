package io.borealis.cluster.local;

import io.borealis.cluster.LogStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts one task's wrapper process, in an order that a crash at any point cannot turn into a task
 * that runs unrecorded: create the sandbox and its script, start the wrapper (it waits), write
 * {@code task.json} with the wrapper's pid and start time, and only then send it the go-ahead. The
 * wrapper gets a session of its own ({@code setsid}), so that signals meant for Borealis's terminal
 * or process group do not reach tasks, its output goes straight to the sandbox's files (nothing
 * flows through Borealis, so it may stop at any time), and its environment is
 * {@link TaskEnvironment}'s.
 */
final class TaskLauncher {

    /** {@code setsid} where the system has it (Linux); elsewhere tasks share Borealis's session. */
    private static final List<String> SESSION_LEADER = setsid();

    private final Map<String, String> hostEnvironment;

    TaskLauncher(Map<String, String> hostEnvironment) {
        this.hostEnvironment = hostEnvironment;
    }

    /** A started wrapper and the manifest that records it. */
    record Started(TaskManifest manifest, Process process) {}

    /**
     * @param manifest the task, without pid yet
     * @throws IOException when the sandbox cannot be made or the process cannot start; a process
     *     that did start is killed before anything ran
     */
    Started start(TaskManifest manifest, Sandbox sandbox) throws IOException {
        sandbox.create(WrapperScript.render(manifest.taskId(), manifest.processes()));
        Process process = spawn(manifest, sandbox);
        try {
            ProcessHandle wrapper = process.toHandle();
            TaskManifest recorded = manifest.withProcess(
                    wrapper.pid(), wrapper.info().startInstant().orElse(null));
            sandbox.writeManifest(recorded);
            try (OutputStream go = process.getOutputStream()) {
                go.write("go\n".getBytes(StandardCharsets.US_ASCII));
            }
            return new Started(recorded, process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private Process spawn(TaskManifest manifest, Sandbox sandbox) throws IOException {
        List<String> command = new ArrayList<>(SESSION_LEADER);
        command.add("/bin/sh");
        command.add(sandbox.file(Sandbox.SCRIPT).toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(sandbox.dir().toFile())
                .redirectOutput(Redirect.appendTo(sandbox.log(LogStream.STDOUT).toFile()))
                .redirectError(Redirect.appendTo(sandbox.log(LogStream.STDERR).toFile()));
        builder.environment().clear();
        builder.environment().putAll(TaskEnvironment.build(manifest, sandbox.dir(), hostEnvironment));
        return builder.start();
    }

    private static List<String> setsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return List.of(candidate);
            }
        }
        return List.of();
    }
}
