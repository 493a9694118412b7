package io.borealis.cluster.mesos;

import io.borealis.cluster.LogChunk;
import io.borealis.cluster.LogStream;
import io.borealis.cluster.mesos.v1.MesosJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import tools.jackson.databind.JsonNode;

/**
 * Reads task logs from agent sandboxes through the agent's HTTP endpoints: the sandbox directory
 * from the agent's {@code /state} (the executor whose id is the task id, as the command executor's
 * is, or that lists the task), then {@code /files/read?path=<dir>/stdout&offset=&length=}
 * ({@code offset=-1} answers the file's size).
 *
 * <p>{@code files/read} returns the bytes as a JSON string written byte by byte (only control
 * characters escaped, as stout's writer does), so a multi-byte character cut at the end of the
 * range is not valid UTF-8. The body is therefore read as ISO-8859-1 and turned back into the exact
 * bytes; an incomplete character at the end is left for the next read.
 */
final class MesosSandboxLogs {

    private final MesosHttp http;
    private final MesosJson json;
    private final Map<String, String> directories = new ConcurrentHashMap<>();

    MesosSandboxLogs(MesosHttp http, MesosJson json) {
        this.http = http;
        this.json = json;
    }

    LogChunk read(HttpUrl agent, String frameworkId, String taskId, LogStream stream, long offset, int maxBytes) {
        String directory = directories.get(taskId);
        if (directory == null) {
            directory = findDirectory(agent, frameworkId, taskId);
            directories.put(taskId, directory);
        }
        String path = directory + "/" + stream.fileName();
        long size = readRange(agent, path, -1, 0).offset();
        long start = offset < 0 ? Math.max(0, size + offset) : offset;
        if (start >= size || maxBytes <= 0) {
            return new LogChunk("", start, start, size);
        }
        int length = (int) Math.min(maxBytes, size - start);
        Range range = readRange(agent, path, start, length);
        byte[] bytes = range.data();
        int complete = completeUtf8Length(bytes);
        if (complete == 0 && bytes.length > 0 && bytes.length == length && length < 4) {
            complete = bytes.length;
        }
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        return new LogChunk(text, start, start + complete, Math.max(size, start + bytes.length));
    }

    /** Forgets the directory of a task (e.g. after it ended and its sandbox may be collected). */
    void forget(String taskId) {
        directories.remove(taskId);
    }

    private String findDirectory(HttpUrl agent, String frameworkId, String taskId) {
        JsonNode state = json.readTree(http.get(agent.resolve("state"), "agent state"));
        for (String frameworksKey : new String[] {"frameworks", "completed_frameworks"}) {
            for (JsonNode framework : state.path(frameworksKey)) {
                if (frameworkId != null
                        && !frameworkId.equals(framework.path("id").asString(""))) {
                    continue;
                }
                for (String executorsKey : new String[] {"executors", "completed_executors"}) {
                    for (JsonNode executor : framework.path(executorsKey)) {
                        if (runsTask(executor, taskId) && executor.hasNonNull("directory")) {
                            return executor.path("directory").asString();
                        }
                    }
                }
            }
        }
        throw MesosApiException.forStatus(
                404, "agent state", "no sandbox of task " + taskId + " on agent " + MesosHttp.display(agent));
    }

    private static boolean runsTask(JsonNode executor, String taskId) {
        if (taskId.equals(executor.path("id").asString(""))) {
            return true;
        }
        for (String key : new String[] {"tasks", "queued_tasks", "completed_tasks"}) {
            for (JsonNode task : executor.path(key)) {
                if (taskId.equals(task.path("id").asString(""))) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Range(byte[] data, long offset) {}

    private Range readRange(HttpUrl agent, String path, long offset, int length) {
        HttpUrl.Builder url = agent.resolve("files/read")
                .newBuilder()
                .addQueryParameter("path", path)
                .addQueryParameter("offset", Long.toString(offset));
        if (offset >= 0) {
            url.addQueryParameter("length", Integer.toString(length));
        }
        byte[] body = http.get(url.build(), "files/read");
        JsonNode answer = json.readTree(new String(body, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8));
        return new Range(
                rawBytes(answer.path("data").asString("")),
                answer.path("offset").asLong(0));
    }

    /** The bytes behind a JSON string of raw bytes: chars up to 0xFF are bytes, others UTF-8. */
    static byte[] rawBytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0xFF) {
                out.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    /** How many leading bytes end on a character boundary (an incomplete last sequence is cut). */
    static int completeUtf8Length(byte[] bytes) {
        int end = bytes.length;
        for (int back = 1; back <= Math.min(4, end); back++) {
            int b = bytes[end - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead byte
            }
            int needed = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return needed > back ? end - back : end;
        }
        return end;
    }
}
