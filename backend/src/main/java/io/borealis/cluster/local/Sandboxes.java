package io.borealis.cluster.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The work dir and its sandboxes, {@code <work-dir>/<agent>/<task id>/}. Task ids come from the
 * scheduler but become folder names here, so they are checked: letters, digits and {@code . _ - : @ + =},
 * no leading dot, no {@code ..}, at most 200 characters. Nothing outside the work dir is ever touched.
 */
final class Sandboxes {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._:@+=-]{0,199}");

    private final Path root;

    Sandboxes(Path workDir) {
        this.root = workDir.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** Whether a task id or agent name may be used as a folder name. */
    static boolean isSafeName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.contains("..");
    }

    static void requireSafeName(String name) {
        if (!isSafeName(name)) {
            throw new IllegalArgumentException(
                    "'" + name + "' cannot name a sandbox folder: use letters, digits and . _ - : @ + =,"
                            + " no leading dot, no '..', at most 200 characters");
        }
    }

    /** The sandbox a task has (or will have) on an agent. */
    Sandbox of(String agent, String taskId) {
        requireSafeName(agent);
        requireSafeName(taskId);
        return new Sandbox(root.resolve(agent).resolve(taskId), agent, taskId);
    }

    /**
     * Finds a task's existing sandbox: on the given agent if it is one, else on any agent.
     *
     * @throws IllegalArgumentException for an unsafe task id
     */
    Optional<Sandbox> find(String taskId, String agentHint) {
        requireSafeName(taskId);
        if (isSafeName(agentHint)) {
            Sandbox sandbox = of(agentHint, taskId);
            if (sandbox.exists()) {
                return Optional.of(sandbox);
            }
        }
        for (String agent : agentDirs()) {
            Sandbox sandbox = of(agent, taskId);
            if (sandbox.exists()) {
                return Optional.of(sandbox);
            }
        }
        return Optional.empty();
    }

    /** Every sandbox that has a manifest, on every agent (also agents no longer configured). */
    List<Sandbox> withManifest() {
        List<Sandbox> found = new ArrayList<>();
        for (String agent : agentDirs()) {
            for (String taskId : subdirs(root.resolve(agent))) {
                Sandbox sandbox = of(agent, taskId);
                if (Files.isRegularFile(sandbox.file(Sandbox.MANIFEST))) {
                    found.add(sandbox);
                }
            }
        }
        return found;
    }

    private List<String> agentDirs() {
        return subdirs(root);
    }

    private static List<String> subdirs(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (isSafeName(name)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        names.sort(null);
        return names;
    }
}
