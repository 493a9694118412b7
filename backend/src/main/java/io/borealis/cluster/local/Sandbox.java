package io.borealis.cluster.local;

import io.borealis.cluster.LogStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A task's folder, {@code <work-dir>/<agent>/<task id>/}: its working directory, and the record
 * that outlives Borealis. Files:
 *
 * <ul>
 *   <li>{@code run.sh}: the wrapper script that runs the task's processes;
 *   <li>{@code stdout}, {@code stderr}: the output of all its processes, appended;
 *   <li>{@code task.json}: the {@link TaskManifest} (pid and process start, for adoption);
 *   <li>{@code status.json}: the last reported {@link RecordedStatus};
 *   <li>{@code kill.json}: a {@link KillOrder} while (and after) the task is being killed;
 *   <li>{@code exit_status}: the {@link ExitRecord} the wrapper writes when it ends by itself;
 *   <li>{@code health_check.out}: the output of the last command health check.
 * </ul>
 *
 * JSON files are replaced atomically (written aside, then moved), so a crash never leaves half a
 * file behind.
 */
final class Sandbox {

    static final String SCRIPT = "run.sh";
    static final String MANIFEST = "task.json";
    static final String STATUS = "status.json";
    static final String KILL_ORDER = "kill.json";
    static final String EXIT_STATUS = "exit_status";
    static final String HEALTH_CHECK_OUTPUT = "health_check.out";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Path dir;
    private final String agent;
    private final String taskId;

    Sandbox(Path dir, String agent, String taskId) {
        this.dir = dir;
        this.agent = agent;
        this.taskId = taskId;
    }

    Path dir() {
        return dir;
    }

    String agent() {
        return agent;
    }

    String taskId() {
        return taskId;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    Path log(LogStream stream) {
        return dir.resolve(stream.fileName());
    }

    boolean exists() {
        return Files.isDirectory(dir);
    }

    /**
     * Creates the folder (refusing one that exists: a task id is used once), the empty log files
     * and the wrapper script.
     */
    void create(String script) throws IOException {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir);
        Files.createFile(log(LogStream.STDOUT));
        Files.createFile(log(LogStream.STDERR));
        Files.writeString(file(SCRIPT), script, StandardCharsets.UTF_8);
    }

    void writeManifest(TaskManifest manifest) {
        writeJson(MANIFEST, manifest);
    }

    Optional<TaskManifest> readManifest() {
        return readJson(MANIFEST, TaskManifest.class);
    }

    void writeStatus(RecordedStatus status) {
        writeJson(STATUS, status);
    }

    Optional<RecordedStatus> readStatus() {
        return readJson(STATUS, RecordedStatus.class);
    }

    void writeKillOrder(KillOrder order) {
        writeJson(KILL_ORDER, order);
    }

    Optional<KillOrder> readKillOrder() {
        return readJson(KILL_ORDER, KillOrder.class);
    }

    Optional<ExitRecord> readExitRecord() {
        return readText(EXIT_STATUS).flatMap(ExitRecord::parse);
    }

    private Optional<String> readText(String name) {
        try {
            return Optional.of(Files.readString(file(name), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(name), e);
        }
    }

    private <T> Optional<T> readJson(String name, Class<T> type) {
        Optional<String> text = readText(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(text.get(), type));
        } catch (JacksonException e) {
            throw new UncheckedIOException(
                    new IOException("cannot parse " + file(name) + ": " + e.getOriginalMessage(), e));
        }
    }

    private void writeJson(String name, Object value) {
        Path target = file(name);
        Path aside = file("." + name + ".tmp");
        try {
            Files.write(aside, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
            try {
                Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
