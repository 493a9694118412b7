package io.borealis.cluster.local;

import io.borealis.job.HealthCheck;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Really probes a task, once: an HTTP GET on {@code 127.0.0.1:<port><path>} (2xx and 3xx are
 * healthy; redirects are not followed) or a shell command in the sandbox with the task's
 * environment (exit 0 is healthy; its output goes to {@code health_check.out}). Both give up after
 * the check's timeout (for HTTP: to connect, and again to answer). Blocks the calling thread.
 */
final class HealthProber {

    /** One probe's verdict and, for a failure, what went wrong (ends up in the task's message). */
    record Result(boolean healthy, String detail) {

        static Result ok() {
            return new Result(true, "ok");
        }

        static Result failed(String detail) {
            return new Result(false, detail);
        }
    }

    private static final File NULL_FILE = new File("/dev/null");
    private static final int OUTPUT_IN_MESSAGE = 200;

    Result probe(HealthCheck check, TaskManifest task, Sandbox sandbox, Map<String, String> environment) {
        Duration timeout = Duration.ofSeconds(Math.max(1, check.timeoutSeconds()));
        try {
            return switch (check.kind()) {
                case HTTP -> http(check, task, timeout);
                case COMMAND -> command(check.command(), sandbox, environment, timeout);
            };
        } catch (RuntimeException e) {
            return Result.failed("health check could not run: " + e);
        }
    }

    private static Result http(HealthCheck check, TaskManifest task, Duration timeout) {
        Integer port = task.port(check.port());
        if (port == null) {
            return Result.failed("port '" + check.port() + "' was not assigned to the task");
        }
        String path = check.path() == null || check.path().isEmpty() ? "/" : check.path();
        String url = "http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path);
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
            connection.setRequestMethod("GET");
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty("Connection", "close");
            connection.setRequestProperty("User-Agent", "Borealis-HealthCheck");
            int status = connection.getResponseCode();
            drain(connection);
            if (status >= 200 && status < 400) {
                return Result.ok();
            }
            return Result.failed("GET " + url + " answered " + status);
        } catch (SocketTimeoutException e) {
            return Result.failed("GET " + url + " timed out after " + timeout.toSeconds() + "s");
        } catch (IOException | IllegalArgumentException e) {
            return Result.failed("GET " + url + " failed: " + e.getMessage());
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static void drain(HttpURLConnection connection) {
        try (InputStream body =
                connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                body.readNBytes(64 * 1024);
            }
        } catch (IOException e) {
            // the status is what counts; the body is read only to end the exchange cleanly
        }
    }

    private static Result command(String command, Sandbox sandbox, Map<String, String> environment, Duration timeout) {
        Path output = sandbox.file(Sandbox.HEALTH_CHECK_OUTPUT);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                .directory(sandbox.dir().toFile())
                .redirectInput(NULL_FILE)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return Result.failed("command could not start: " + e.getMessage());
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
                return Result.failed("command timed out after " + timeout.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Result.failed("command interrupted");
        }
        int status = process.exitValue();
        if (status == 0) {
            return Result.ok();
        }
        String said = tail(output);
        return Result.failed("command exited with status " + status + (said.isEmpty() ? "" : ": " + said));
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            text = text.replaceAll("\\s+", " ");
            return text.length() <= OUTPUT_IN_MESSAGE
                    ? text
                    : "..." + text.substring(text.length() - OUTPUT_IN_MESSAGE);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
