package io.borealis.web.api;

import io.borealis.auth.team.Team;
import io.borealis.auth.team.TeamService;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.job.Resources;
import io.borealis.quota.Quota;
import io.borealis.quota.QuotaService;
import io.borealis.web.api.TeamModels.MemberRequest;
import io.borealis.web.api.TeamModels.MemberView;
import io.borealis.web.api.TeamModels.NewTeamRequest;
import io.borealis.web.api.TeamModels.QuotaRequest;
import io.borealis.web.api.TeamModels.QuotaView;
import io.borealis.web.api.TeamModels.TeamChangeRequest;
import io.borealis.web.api.TeamModels.TeamView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Teams, their members and their quotas; {@link TeamService} and {@link QuotaService} decide who may. */
@RestController
@RequestMapping(ApiPaths.TEAMS)
@Tag(name = "Teams", description = "Teams, members and quotas")
class TeamsController {

    private final TeamService teams;
    private final QuotaService quotas;

    TeamsController(TeamService teams, QuotaService quotas) {
        this.teams = teams;
        this.quotas = quotas;
    }

    @GetMapping
    @Operation(summary = "List the teams you may see", description = "Platform admins see all teams.")
    List<TeamView> listTeams() {
        return teams.visibleTeams().stream().map(TeamView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a team (platform admins)")
    ResponseEntity<TeamView> createTeam(@RequestBody NewTeamRequest request, UriComponentsBuilder uri) {
        Team team = teams.createTeam(request.slug(), request.displayName());
        return ResponseEntity.created(uri.path(ApiPaths.TEAMS + "/{team}")
                        .buildAndExpand(team.slug())
                        .toUri())
                .body(TeamView.of(team));
    }

    @GetMapping("/{team}")
    @Operation(summary = "Read a team")
    TeamView readTeam(@PathVariable String team) {
        return TeamView.of(teams.team(team));
    }

    @PatchMapping("/{team}")
    @Operation(
            summary = "Rename or archive a team (platform admins)",
            description = "An archived team takes no new jobs; its running jobs go on.")
    TeamView changeTeam(@PathVariable String team, @RequestBody TeamChangeRequest request) {
        if (request.displayName() == null && request.archived() == null) {
            throw new InvalidInputException("body", "send displayName, archived or both");
        }
        Team changed = null;
        if (request.displayName() != null) {
            changed = teams.renameTeam(team, request.displayName());
        }
        if (request.archived() != null) {
            changed = teams.setArchived(team, request.archived());
        }
        return TeamView.of(changed);
    }

    @GetMapping("/{team}/members")
    @Operation(summary = "List a team's members")
    List<MemberView> listMembers(@PathVariable String team) {
        return teams.members(team).stream().map(MemberView::of).toList();
    }

    @PutMapping("/{team}/members/{username}")
    @Operation(
            summary = "Add a member or change their level",
            description = "Leads manage developers and viewers of their team; only platform admins manage leads.")
    MemberView putMember(@PathVariable String team, @PathVariable String username, @RequestBody MemberRequest request) {
        return MemberView.of(teams.putMember(team, username, request.level()));
    }

    @DeleteMapping("/{team}/members/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member")
    void removeMember(@PathVariable String team, @PathVariable String username) {
        teams.removeMember(team, username);
    }

    @GetMapping("/{team}/quota")
    @Operation(summary = "Read a team's quota and use")
    QuotaView readQuota(@PathVariable String team) {
        return QuotaView.of(quotas.quota(team));
    }

    @PutMapping("/{team}/quota")
    @Operation(
            summary = "Set a team's quota (platform admins)",
            description = "A quota below what the team uses now is refused with 409 unless overcommit is true.")
    QuotaView setQuota(@PathVariable String team, @RequestBody QuotaRequest request) {
        List<FieldProblem> missing = new ArrayList<>();
        if (request.cpus() == null) {
            missing.add(new FieldProblem("cpus", "is required"));
        }
        if (request.ramMb() == null) {
            missing.add(new FieldProblem("ramMb", "is required"));
        }
        if (request.diskMb() == null) {
            missing.add(new FieldProblem("diskMb", "is required"));
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing);
        }
        Quota quota = new Quota(new Resources(request.cpus(), request.ramMb(), request.diskMb()), request.maxTasks());
        return QuotaView.of(quotas.setQuota(team, quota, Boolean.TRUE.equals(request.overcommit())));
    }
}
