package io.borealis.web.api;

import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.job.JobKey;
import io.borealis.job.TaskConfig;
import io.borealis.rollout.Rollout;
import io.borealis.rollout.RolloutFilter;
import io.borealis.rollout.RolloutService;
import io.borealis.rollout.RolloutSettings;
import io.borealis.rollout.RolloutStatus;
import io.borealis.web.api.RolloutModels.RolloutControlRequest;
import io.borealis.web.api.RolloutModels.RolloutDetailsView;
import io.borealis.web.api.RolloutModels.RolloutPage;
import io.borealis.web.api.RolloutModels.RolloutPlanView;
import io.borealis.web.api.RolloutModels.RolloutStartRequest;
import io.borealis.web.api.RolloutModels.RolloutView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Rollouts: a job's rollouts, start one (or plan it, a dry run), read one with its events, steer it
 * (pause, resume, abort, roll back), and the history across jobs. Each call is one {@link
 * RolloutService} call; the service checks who may do it (developers start, leads steer) and
 * audits it.
 */
@RestController
@Tag(name = "Rollouts", description = "Start, plan, follow and steer rolling updates of service jobs")
class RolloutsController {

    static final String JOB_ROLLOUTS = ApiPaths.JOBS + JobsController.JOB + "/rollouts";
    static final String ROLLOUT = ApiPaths.ROLLOUTS + "/{id}";

    private final RolloutService rollouts;

    RolloutsController(RolloutService rollouts) {
        this.rollouts = rollouts;
    }

    @GetMapping(JOB_ROLLOUTS)
    @Operation(
            summary = "A job's rollouts",
            description = "Every rollout of the job still in the history, newest first.")
    List<RolloutView> listJobRollouts(
            @PathVariable String team, @PathVariable String environment, @PathVariable String name) {
        return rollouts.list(JobKey.of(team, environment, name)).stream()
                .map(RolloutView::of)
                .toList();
    }

    @PostMapping(JOB_ROLLOUTS)
    @Operation(
            summary = "Start a rollout",
            description = "Moves the job's instances to a new configuration (task, or a whole spec document), batch "
                    + "by batch, as the settings say. Answers 201 with the rollout and its URL in Location; 400 with "
                    + "the fields at fault; 403 without START_ROLLOUTS (team developers and up); 409 when a rollout "
                    + "or restart of the job is under way, or (quota_exceeded, with the shortfalls) when the team's "
                    + "quota does not cover it.")
    ResponseEntity<RolloutDetailsView> startRollout(
            @PathVariable String team,
            @PathVariable String environment,
            @PathVariable String name,
            @RequestBody RolloutStartRequest request,
            UriComponentsBuilder uri) {
        JobKey key = JobKey.of(team, environment, name);
        Target target = target(key, request);
        Rollout started =
                rollouts.start(key, target.config(), target.instances(), target.settings(), request.message());
        URI location = uri.path(ROLLOUT).buildAndExpand(started.id()).toUri();
        return ResponseEntity.created(location).body(RolloutDetailsView.of(rollouts.details(started.id())));
    }

    @PostMapping(JOB_ROLLOUTS + "/plan")
    @Operation(
            summary = "Plan a rollout (dry run)",
            description = "What starting the rollout with this body would do: instances added, changed and removed, "
                    + "the batches, the configuration fields that change and any quota shortfall. Changes nothing.")
    RolloutPlanView planRollout(
            @PathVariable String team,
            @PathVariable String environment,
            @PathVariable String name,
            @RequestBody RolloutStartRequest request) {
        JobKey key = JobKey.of(team, environment, name);
        Target target = target(key, request);
        return RolloutPlanView.of(rollouts.plan(key, target.config(), target.instances(), target.settings()));
    }

    @GetMapping(ROLLOUT)
    @Operation(
            summary = "Read a rollout",
            description = "The rollout, its batches, status changes (who, when, why), each instance's progress, "
                    + "every instance event, and the configurations before and after.")
    RolloutDetailsView readRollout(@PathVariable long id) {
        return RolloutDetailsView.of(rollouts.details(id));
    }

    @PostMapping(ROLLOUT + "/pause")
    @Operation(summary = "Pause a rollout", description = "Team leads. 409 unless it is rolling forward or back.")
    RolloutDetailsView pauseRollout(
            @PathVariable long id, @RequestBody(required = false) RolloutControlRequest request) {
        return control(id, request, rollouts::pause);
    }

    @PostMapping(ROLLOUT + "/resume")
    @Operation(
            summary = "Resume a rollout",
            description = "Team leads; also after a checkpoint. 409 unless it is paused.")
    RolloutDetailsView resumeRollout(
            @PathVariable long id, @RequestBody(required = false) RolloutControlRequest request) {
        return control(id, request, rollouts::resume);
    }

    @PostMapping(ROLLOUT + "/abort")
    @Operation(
            summary = "Abort a rollout",
            description = "Team leads. Stops it for good, leaving the job as it is. 409 when it has ended.")
    RolloutDetailsView abortRollout(
            @PathVariable long id, @RequestBody(required = false) RolloutControlRequest request) {
        return control(id, request, rollouts::abort);
    }

    @PostMapping(ROLLOUT + "/rollback")
    @Operation(
            summary = "Roll a rollout back",
            description = "Team leads. Moves the instances it touched back to their original configuration. 409 "
                    + "unless it is rolling forward or paused.")
    RolloutDetailsView rollbackRollout(
            @PathVariable long id, @RequestBody(required = false) RolloutControlRequest request) {
        return control(id, request, rollouts::rollback);
    }

    @GetMapping(ApiPaths.ROLLOUTS)
    @Operation(
            summary = "Rollout history across jobs",
            description = "Rollouts of the jobs you may read, newest first. Filters: team, job (team/environment/"
                    + "name), user (who started it), status (one or more, comma-separated), from and to (start "
                    + "time, ISO-8601 instant or date; to is exclusive). Pages count from 0.")
    RolloutPage listRollouts(
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String job,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) @Parameter(description = "e.g. ROLLED_FORWARD,ROLLED_BACK")
                    List<String> status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        List<FieldProblem> problems = new ArrayList<>();
        JobKey jobKey = null;
        if (job != null) {
            String[] parts = job.split("/", -1);
            try {
                if (parts.length != 3) {
                    throw new InvalidInputException("job", "bad");
                }
                jobKey = JobKey.of(parts[0], parts[1], parts[2]);
            } catch (InvalidInputException e) {
                problems.add(new FieldProblem("job", "must be team/environment/name, e.g. payments/prod/web"));
            }
        }
        Set<RolloutStatus> statuses = EnumSet.noneOf(RolloutStatus.class);
        if (status != null) {
            for (String one : status) {
                for (String value : one.split(",")) {
                    if (value.isBlank()) {
                        continue;
                    }
                    try {
                        statuses.add(RolloutStatus.valueOf(value.strip().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        problems.add(new FieldProblem(
                                "status",
                                "must be one of " + List.of(RolloutStatus.values()) + " (not " + value + ")"));
                    }
                }
            }
        }
        Instant start = instant("from", from, problems);
        Instant end = instant("to", to, problems);
        if (start != null && end != null && !start.isBefore(end)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        if (page < 0) {
            problems.add(new FieldProblem("page", "must be 0 or more"));
        }
        if (size < 1 || size > RolloutFilter.MAX_LIMIT) {
            problems.add(new FieldProblem("size", "must be between 1 and " + RolloutFilter.MAX_LIMIT));
        }
        if (team != null && team.isBlank()) {
            problems.add(new FieldProblem("team", "must not be empty"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        RolloutFilter filter = new RolloutFilter(
                team, jobKey, user == null || user.isBlank() ? null : user, statuses, start, end, page * size, size);
        return new RolloutPage(
                rollouts.listAll(filter).stream().map(RolloutView::of).toList(), page, size);
    }

    /** An ISO-8601 instant ({@code 2026-01-31T12:00:00Z}) or date ({@code 2026-01-31}, midnight UTC). */
    static Instant instant(String field, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.strip())
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException again) {
                problems.add(new FieldProblem(
                        field, "must be an ISO-8601 instant or date, e.g. 2026-01-31T12:00:00Z or 2026-01-31"));
                return null;
            }
        }
    }

    private RolloutDetailsView control(
            long id, RolloutControlRequest request, BiFunction<Long, String, Rollout> action) {
        action.apply(id, request == null ? null : request.message());
        return RolloutDetailsView.of(rollouts.details(id));
    }

    private record Target(TaskConfig config, Integer instances, RolloutSettings settings) {}

    private static Target target(JobKey key, RolloutStartRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        TaskConfig config = null;
        Integer instances = request.instances();
        if (request.spec() != null && request.task() != null) {
            problems.add(new FieldProblem("spec", "send either task (and instances) or a whole spec, not both"));
        } else if (request.spec() != null) {
            var spec = request.spec();
            if (spec.key() == null
                    || !key.team().equals(spec.key().team())
                    || !key.environment().equals(spec.key().environment())
                    || !key.name().equals(spec.key().name())) {
                problems.add(new FieldProblem("spec.key", "must be the job's key " + key));
            }
            if (request.instances() != null) {
                problems.add(new FieldProblem("instances", "is taken from the spec; leave it out"));
            }
            config = spec.task() == null ? null : spec.task().toDomain();
            instances = spec.instances();
        } else if (request.task() != null) {
            config = request.task().toDomain();
        } else {
            problems.add(new FieldProblem("task", "is required: the configuration to roll out (or send a spec)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        RolloutSettings settings = request.settings() == null
                ? RolloutSettings.batches(1)
                : request.settings().toDomain();
        return new Target(config, instances, settings);
    }
}
