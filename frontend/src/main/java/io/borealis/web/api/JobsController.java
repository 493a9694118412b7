package io.borealis.web.api;

import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.job.JobKey;
import io.borealis.job.JobSpec;
import io.borealis.job.spec.JobSpecDocument;
import io.borealis.job.spec.JobSpecFormat;
import io.borealis.scheduler.JobService;
import io.borealis.scheduler.JobSummary;
import io.borealis.task.TaskState;
import io.borealis.web.api.JobModels.JobPage;
import io.borealis.web.api.JobModels.JobSummaryView;
import io.borealis.web.api.JobModels.JobView;
import io.borealis.web.api.JobModels.KillRequest;
import io.borealis.web.api.JobModels.PlanView;
import io.borealis.web.api.JobModels.RestartRequest;
import io.borealis.web.api.JobModels.ScaleRequest;
import io.borealis.web.api.JobModels.TaskView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Jobs: list, create from a spec document (JSON or YAML, the same document as the portal's raw
 * view), plan, read, scale, kill instances or the whole job, restart, and an instance's tasks. Each
 * call is one {@link JobService} call; the service checks who may do it.
 */
@RestController
@RequestMapping(ApiPaths.JOBS)
@Tag(name = "Jobs", description = "Create, plan, read, scale, restart and kill jobs")
class JobsController {

    static final int MAX_PAGE_SIZE = 500;
    static final String JOB = "/{team}/{environment}/{name}";

    static final String X_YAML = "application/x-yaml";
    static final String TEXT_YAML = "text/yaml";

    private final JobService jobs;

    JobsController(JobService jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    @Operation(
            summary = "List the jobs you may read",
            description = "Active jobs, sorted by key. Filters: team and environment (exact), name (part of the "
                    + "name), state (jobs with at least one task in that state). Pages count from 0.")
    JobPage listJobs(
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        List<FieldProblem> problems = new ArrayList<>();
        if (page < 0) {
            problems.add(new FieldProblem("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.add(new FieldProblem("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        Predicate<JobSummary> byState = stateFilter(state, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<JobSummary> matching = jobs.listJobs().stream()
                .filter(s -> team == null || s.key().team().equals(team))
                .filter(s -> environment == null || s.key().environment().equals(environment))
                .filter(s ->
                        name == null || s.key().name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
                .filter(byState)
                .sorted(Comparator.comparing(JobSummary::key))
                .toList();
        List<JobSummaryView> items = matching.stream()
                .skip((long) page * size)
                .limit(size)
                .map(JobSummaryView::of)
                .toList();
        return new JobPage(items, page, size, matching.size());
    }

    private static Predicate<JobSummary> stateFilter(String state, List<FieldProblem> problems) {
        if (state == null) {
            return s -> true;
        }
        return switch (state.toUpperCase(Locale.ROOT)) {
            case "FINISHED" -> s -> s.finished() > 0;
            case "FAILED" -> s -> s.failed() > 0;
            default -> {
                TaskState wanted = TaskState.ACTIVE.stream()
                        .filter(s -> s.name().equalsIgnoreCase(state))
                        .findFirst()
                        .orElse(null);
                if (wanted == null) {
                    problems.add(new FieldProblem(
                            "state",
                            "must be one of " + TaskState.ACTIVE + " or [FINISHED, FAILED] (" + state
                                    + " is not a state a job's current tasks are counted in)"));
                    yield s -> false;
                }
                yield s -> s.count(wanted) > 0;
            }
        };
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_YAML_VALUE, X_YAML, TEXT_YAML})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a job from a spec",
            description = "The spec document is the one the portal's raw view shows, as JSON or YAML. Answers "
                    + "201 with the job and its URL in Location; 409 if the key is in use or the team's quota "
                    + "is short.")
    ResponseEntity<JobView> createJob(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = JobSpecDocument.class)),
                                @Content(
                                        mediaType = MediaType.APPLICATION_YAML_VALUE,
                                        schema = @Schema(implementation = JobSpecDocument.class))
                            })
                    @RequestBody
                    String body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) MediaType contentType,
            UriComponentsBuilder uri) {
        JobSpec spec = JobSpecFormat.read(body, notation(contentType));
        jobs.create(spec);
        JobKey key = spec.key();
        URI location = uri.path(ApiPaths.JOBS + JOB)
                .buildAndExpand(key.team(), key.environment(), key.name())
                .toUri();
        return ResponseEntity.created(location).body(JobView.of(jobs.job(key)));
    }

    @PostMapping(
            path = "/plan",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_YAML_VALUE, X_YAML, TEXT_YAML})
    @Operation(
            summary = "Plan a job (dry run)",
            description = "What creating the job (or changing the active job with that key) would do: the "
                    + "fields that change, where new instances would be placed now, and any quota shortfall. "
                    + "Changes nothing.")
    PlanView planJob(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = JobSpecDocument.class)),
                                @Content(
                                        mediaType = MediaType.APPLICATION_YAML_VALUE,
                                        schema = @Schema(implementation = JobSpecDocument.class))
                            })
                    @RequestBody
                    String body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) MediaType contentType) {
        return PlanView.of(jobs.plan(JobSpecFormat.read(body, notation(contentType))));
    }

    @GetMapping(JOB)
    @Operation(summary = "Read a job", description = "The job, its spec and each instance's current task.")
    JobView readJob(@PathVariable String team, @PathVariable String environment, @PathVariable String name) {
        return JobView.of(jobs.job(JobKey.of(team, environment, name)));
    }

    @PutMapping(JOB + "/instances")
    @Operation(
            summary = "Scale a job",
            description = "Adds instances with the current configuration, or removes the highest ones.")
    JobView scaleJob(
            @PathVariable String team,
            @PathVariable String environment,
            @PathVariable String name,
            @RequestBody ScaleRequest request) {
        if (request.instances() == null) {
            throw new InvalidInputException("instances", "is required: the new instance count");
        }
        JobKey key = JobKey.of(team, environment, name);
        jobs.scale(key, request.instances());
        return JobView.of(jobs.job(key));
    }

    @PostMapping(JOB + "/kill")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Kill some instances",
            description = "A service's killed instances are replaced by new tasks; an adhoc job's stay killed. "
                    + "Answers 202: the kills are under way.")
    JobView killInstances(
            @PathVariable String team,
            @PathVariable String environment,
            @PathVariable String name,
            @RequestBody KillRequest request) {
        JobKey key = JobKey.of(team, environment, name);
        jobs.killInstances(key, request.instances(), request.reason());
        return JobView.of(jobs.job(key));
    }

    @DeleteMapping(JOB)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Kill a job",
            description = "Kills every task for good. The job's history stays; its key may be used again. "
                    + "Answers 202: the kills are under way; 409 if the job was killed already.")
    JobView killJob(
            @PathVariable String team,
            @PathVariable String environment,
            @PathVariable String name,
            @RequestParam(required = false) String reason) {
        JobKey key = JobKey.of(team, environment, name);
        jobs.killJob(key, reason);
        return JobView.of(jobs.job(key));
    }

    @PostMapping(JOB + "/restart")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Restart instances (rolling)",
            description = "Restarts the given instances (all when none are given), batchSize at a time "
                    + "(default 1). Answers 202; 409 if a restart of the job is already under way.")
    JobView restartJob(
            @PathVariable String team,
            @PathVariable String environment,
            @PathVariable String name,
            @RequestBody RestartRequest request) {
        JobKey key = JobKey.of(team, environment, name);
        jobs.restart(key, request.instances(), request.batchSize() == null ? 1 : request.batchSize());
        return JobView.of(jobs.job(key));
    }

    @DeleteMapping(JOB + "/restart")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Stop a rolling restart", description = "Its current batch finishes; no further batch starts.")
    JobView cancelRestart(@PathVariable String team, @PathVariable String environment, @PathVariable String name) {
        JobKey key = JobKey.of(team, environment, name);
        jobs.cancelRestart(key);
        return JobView.of(jobs.job(key));
    }

    @GetMapping(JOB + "/instances/{instanceId}/tasks")
    @Operation(summary = "An instance's tasks", description = "Every task the instance has had, oldest first.")
    List<TaskView> listInstanceTasks(
            @PathVariable String team,
            @PathVariable String environment,
            @PathVariable String name,
            @PathVariable int instanceId) {
        return jobs.instanceHistory(JobKey.of(team, environment, name), instanceId).stream()
                .map(TaskView::of)
                .toList();
    }

    private static JobSpecFormat.Notation notation(MediaType contentType) {
        return contentType.getSubtype().toLowerCase(Locale.ROOT).contains("yaml")
                ? JobSpecFormat.Notation.YAML
                : JobSpecFormat.Notation.JSON;
    }
}
