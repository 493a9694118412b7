package io.borealis.web.api;

import io.borealis.cluster.LogChunk;
import io.borealis.cluster.LogStream;
import io.borealis.error.InvalidInputException;
import io.borealis.scheduler.ClusterService;
import io.borealis.scheduler.JobService;
import io.borealis.web.api.JobModels.LogChunkView;
import io.borealis.web.api.JobModels.TaskEventView;
import io.borealis.web.api.JobModels.TaskView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tasks by id: the task, its events and its stdout and stderr. */
@RestController
@RequestMapping(ApiPaths.TASKS)
@Tag(name = "Tasks", description = "Tasks, their events and their logs")
class TasksController {

    static final int DEFAULT_LOG_LENGTH = 64 * 1024;

    private final JobService jobs;
    private final ClusterService cluster;

    TasksController(JobService jobs, ClusterService cluster) {
        this.jobs = jobs;
        this.cluster = cluster;
    }

    @GetMapping("/{taskId}")
    @Operation(summary = "Read a task")
    TaskView readTask(@PathVariable String taskId) {
        return TaskView.of(jobs.task(taskId));
    }

    @GetMapping("/{taskId}/events")
    @Operation(summary = "A task's events", description = "Every state the task went through, when and why.")
    List<TaskEventView> listTaskEvents(@PathVariable String taskId) {
        return jobs.taskEvents(taskId).stream().map(TaskEventView::of).toList();
    }

    @GetMapping("/{taskId}/logs/{stream}")
    @Operation(
            summary = "Read a task's stdout or stderr",
            description = "A JSON chunk of at most length bytes from offset (negative: the last -offset bytes); "
                    + "read on from nextOffset to follow the log. With download=true the whole log is sent as "
                    + "a text/plain attachment instead.")
    LogChunkView readTaskLog(
            @PathVariable @Parameter(description = "stdout or stderr") String stream,
            @PathVariable String taskId,
            @RequestParam(defaultValue = "0") long offset,
            @RequestParam(defaultValue = "" + DEFAULT_LOG_LENGTH) int length) {
        LogChunk chunk = cluster.readLog(taskId, stream(stream), offset, length);
        return new LogChunkView(chunk.data(), chunk.offset(), chunk.nextOffset(), chunk.size());
    }

    @GetMapping(path = "/{taskId}/logs/{stream}", params = "download=true")
    @Operation(
            summary = "Download a task's stdout or stderr",
            description = "The whole log as a text/plain attachment.")
    void downloadTaskLog(@PathVariable String stream, @PathVariable String taskId, HttpServletResponse response)
            throws IOException {
        LogStream which = stream(stream);
        LogChunk chunk = cluster.readLog(taskId, which, 0, ClusterService.MAX_LOG_READ);
        response.setContentType(MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(taskId + "-" + which.fileName() + ".log")
                        .build()
                        .toString());
        // the log as it was when the download began: a task still writing cannot keep it going forever
        long end = chunk.size();
        OutputStream out = response.getOutputStream();
        while (true) {
            out.write(chunk.data().getBytes(StandardCharsets.UTF_8));
            if (chunk.nextOffset() >= end || chunk.nextOffset() == chunk.offset()) {
                break;
            }
            chunk = cluster.readLog(taskId, which, chunk.nextOffset(), ClusterService.MAX_LOG_READ);
        }
        out.flush();
    }

    private static LogStream stream(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "stdout" -> LogStream.STDOUT;
            case "stderr" -> LogStream.STDERR;
            default -> throw new InvalidInputException("stream", "must be stdout or stderr");
        };
    }
}
