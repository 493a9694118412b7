package io.borealis.auth.team;

import io.borealis.audit.AuditOutcome;
import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.auth.access.AccessPolicy;
import io.borealis.auth.access.Action;
import io.borealis.auth.access.CurrentUser;
import io.borealis.auth.access.Decision;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountRepository;
import io.borealis.error.ConflictException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.error.PermissionDeniedException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Teams and their members. Platform admins create, rename and archive teams and manage anyone;
 * a team's leads manage its members below LEAD; members read their own team.
 */
@Service
public class TeamService {

    /** The same rule as the team part of a job key. */
    public static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    private final TeamRepository teams;
    private final UserAccountRepository users;
    private final TeamAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    public TeamService(
            TeamRepository teams, UserAccountRepository users, TeamAccess access, AuditTrail audit, Clock clock) {
        this.teams = teams;
        this.users = users;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Team createTeam(String slug, String displayName) {
        access.require(Action.MANAGE_TEAMS, null, "team.create", slug);
        List<FieldProblem> problems = new ArrayList<>();
        if (slug == null || !SLUG.matcher(slug).matches()) {
            problems.add(
                    new FieldProblem(
                            "slug",
                            "must be 2-32 characters: a lower-case letter first, then lower-case letters, digits or '-' (it is the first part of job keys)"));
        }
        problems.addAll(displayNameProblems(displayName));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (teams.find(slug).isPresent()) {
            throw new ConflictException("A team '" + slug + "' already exists.");
        }
        try {
            teams.insert(slug, displayName.strip(), CurrentUser.requireUsername(), clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A team '" + slug + "' already exists.", e);
        }
        audit.record(
                AuditRecord.of("team.create").team(slug).target(slug).change("displayName", null, displayName.strip()));
        return teams.find(slug).orElseThrow();
    }

    @Transactional
    public Team renameTeam(String slug, String displayName) {
        access.require(Action.MANAGE_TEAMS, slug, "team.rename", slug);
        List<FieldProblem> problems = displayNameProblems(displayName);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Team team = lockExisting(slug);
        teams.rename(team.id(), displayName.strip());
        audit.record(AuditRecord.of("team.rename")
                .team(slug)
                .target(slug)
                .change("displayName", team.displayName(), displayName.strip()));
        return teams.find(slug).orElseThrow();
    }

    /** Archives a team (no new jobs) or brings it back. */
    @Transactional
    public Team setArchived(String slug, boolean archived) {
        access.require(Action.MANAGE_TEAMS, slug, archived ? "team.archive" : "team.unarchive", slug);
        Team team = lockExisting(slug);
        teams.setArchived(team.id(), archived);
        audit.record(AuditRecord.of(archived ? "team.archive" : "team.unarchive")
                .team(slug)
                .target(slug)
                .change("archived", team.archived(), archived));
        return teams.find(slug).orElseThrow();
    }

    /** The teams the signed-in person may see: all for admins, else their own. */
    @Transactional(readOnly = true)
    public List<Team> visibleTeams() {
        Optional<Set<String>> readable = access.readableTeams();
        return teams.findAll().stream()
                .filter(team -> readable.isEmpty() || readable.get().contains(team.slug()))
                .toList();
    }

    @Transactional(readOnly = true)
    public Team team(String slug) {
        access.require(Action.READ_JOBS, slug);
        return teams.find(slug).orElseThrow(() -> notFound(slug));
    }

    @Transactional(readOnly = true)
    public List<Membership> members(String slug) {
        access.require(Action.READ_JOBS, slug);
        teams.find(slug).orElseThrow(() -> notFound(slug));
        return teams.members(slug);
    }

    /** Adds someone to a team at a level, or changes their level. */
    @Transactional
    public Membership putMember(String slug, String username, TeamLevel level) {
        if (level == null) {
            throw new InvalidInputException("level", "is required: LEAD, DEVELOPER or VIEWER");
        }
        Team team = lockExisting(slug);
        UserAccount user = users.findByUsername(username)
                .orElseThrow(() -> new InvalidInputException("username", "there is no user '" + username + "'"));
        Optional<Membership> current = teams.membership(slug, user.username());
        requireMembershipChange(slug, level, "member.put", user.username());
        if (current.isPresent()) {
            requireMembershipChange(slug, current.get().level(), "member.put", user.username());
        }
        teams.putMember(team.id(), user.id(), level, CurrentUser.requireUsername(), clock.instant());
        audit.record(AuditRecord.of("member.put")
                .team(slug)
                .target(slug + " " + user.username())
                .change("level", current.map(Membership::level).orElse(null), level));
        return teams.membership(slug, user.username()).orElseThrow();
    }

    @Transactional
    public void removeMember(String slug, String username) {
        Team team = lockExisting(slug);
        Membership current = teams.membership(slug, UserAccountRepository.normalize(username))
                .orElseThrow(() -> new NotFoundException("'" + username + "' is not a member of team " + slug + "."));
        requireMembershipChange(slug, current.level(), "member.remove", current.username());
        UserAccount user = users.findByUsername(username).orElseThrow();
        teams.removeMember(team.id(), user.id());
        audit.record(AuditRecord.of("member.remove")
                .team(slug)
                .target(slug + " " + user.username())
                .change("level", current.level(), null));
    }

    /** A person's teams and levels: their own, or anyone's for admins. */
    @Transactional(readOnly = true)
    public List<Membership> membershipsOf(String username) {
        String me = CurrentUser.requireUsername();
        if (!me.equals(UserAccountRepository.normalize(username)) && !access.isAdmin()) {
            throw new PermissionDeniedException(
                    "Only platform admins may see other people's teams. Ask a platform admin.");
        }
        return teams.membershipsOf(UserAccountRepository.normalize(username));
    }

    private void requireMembershipChange(String slug, TeamLevel level, String operation, String username) {
        boolean admin = access.isAdmin();
        TeamLevel mine = admin ? null : access.levelIn(slug).orElse(null);
        if (!admin && mine == null) {
            access.require(Action.MANAGE_MEMBERS, slug, operation, slug + " " + username);
            return;
        }
        Decision decision = AccessPolicy.decideMembershipChange(admin, mine, level, slug);
        if (!decision.allowed()) {
            audit.recordApart(AuditRecord.of(operation)
                    .team(slug)
                    .target(slug + " " + username)
                    .outcome(AuditOutcome.DENIED)
                    .message(decision.reason()));
            throw new PermissionDeniedException(decision.reason());
        }
    }

    private Team lockExisting(String slug) {
        return teams.lock(slug).orElseThrow(() -> notFound(slug));
    }

    private static List<FieldProblem> displayNameProblems(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return List.of(new FieldProblem("displayName", "is required"));
        }
        if (displayName.strip().length() > 128) {
            return List.of(new FieldProblem("displayName", "must be at most 128 characters"));
        }
        return List.of();
    }

    private static NotFoundException notFound(String slug) {
        return new NotFoundException("There is no team '" + slug + "'.");
    }
}
