package io.borealis.auth.access;

import io.borealis.audit.AuditOutcome;
import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.auth.team.TeamLevel;
import io.borealis.auth.team.TeamRepository;
import io.borealis.auth.user.PlatformRole;
import io.borealis.error.PermissionDeniedException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Access checks for the signed-in person, used by every application service before it reads or
 * changes anything (the UI and the API call the same services, so they cannot drift apart). The
 * decisions themselves are {@link AccessPolicy}'s.
 */
@Service
public class TeamAccess {

    private final TeamRepository teams;
    private final AccessProperties properties;
    private final AuditTrail audit;

    public TeamAccess(TeamRepository teams, AccessProperties properties, AuditTrail audit) {
        this.teams = teams;
        this.properties = properties;
        this.audit = audit;
    }

    /** The decision for the signed-in person (refused when nobody is signed in). */
    public Decision check(Action action, String team) {
        Optional<String> username = CurrentUser.username();
        if (username.isEmpty()) {
            return Decision.refused("You need to sign in first.");
        }
        boolean admin = CurrentUser.hasPlatformRole(PlatformRole.ADMIN);
        Map<String, TeamLevel> levels = admin ? Map.of() : teams.levelsOf(username.get());
        return AccessPolicy.decide(admin, levels, properties.everyoneReads(), action, team);
    }

    /** Refuses with a {@link PermissionDeniedException} (403) carrying the decision's reason. */
    public void require(Action action, String team) {
        require(action, team, action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), team);
    }

    /**
     * Refuses with a {@link PermissionDeniedException} (403) carrying the decision's reason, after
     * recording the refused attempt in the audit log (in a transaction of its own, so that the
     * record stays although nothing else happens).
     *
     * @param operation the audit action the caller attempted, e.g. {@code job.scale}
     * @param target what it was attempted on, e.g. the job key
     */
    public void require(Action action, String team, String operation, Object target) {
        Decision decision = check(action, team);
        if (!decision.allowed()) {
            audit.recordApart(AuditRecord.of(operation)
                    .team(team)
                    .target(target)
                    .outcome(AuditOutcome.DENIED)
                    .message(decision.reason()));
            throw new PermissionDeniedException(decision.reason());
        }
    }

    public boolean isAdmin() {
        return CurrentUser.hasPlatformRole(PlatformRole.ADMIN);
    }

    /**
     * The teams whose jobs the signed-in person may read, or empty meaning "all of them" (admins,
     * or everyone when the platform lets everyone read).
     */
    public Optional<Set<String>> readableTeams() {
        String username = CurrentUser.requireUsername();
        if (isAdmin() || properties.everyoneReads()) {
            return Optional.empty();
        }
        return Optional.of(teams.levelsOf(username).keySet());
    }

    /** The signed-in person's level in a team, if a member. */
    public Optional<TeamLevel> levelIn(String team) {
        return CurrentUser.username().map(u -> teams.levelsOf(u).get(team));
    }
}
