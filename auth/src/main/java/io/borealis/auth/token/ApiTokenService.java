package io.borealis.auth.token;

import io.borealis.audit.AuditRecord;
import io.borealis.audit.AuditTrail;
import io.borealis.auth.access.Action;
import io.borealis.auth.access.CurrentUser;
import io.borealis.auth.access.TeamAccess;
import io.borealis.auth.user.PlatformRole;
import io.borealis.auth.user.UserAccount;
import io.borealis.auth.user.UserAccountRepository;
import io.borealis.error.ConflictException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.error.PermissionDeniedException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: people create them for themselves (the text is shown once and only its hash
 * is kept), list and revoke their own; platform admins may also list and revoke anybody's. A token
 * acts as its owner with the owner's rights at the time of each request, so disabling an account or
 * changing its role takes effect on the next call.
 */
@Service
public class ApiTokenService {

    /** The most tokens one person may have working at the same time. */
    public static final int MAX_ACTIVE_TOKENS = 50;

    public static final int MAX_NAME_LENGTH = 64;

    /** Uses are written down at most this often per token. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ApiTokenService.class);

    private final ApiTokenRepository tokens;
    private final UserAccountRepository users;
    private final AuditTrail audit;
    private final TeamAccess access;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokenService(
            ApiTokenRepository tokens, UserAccountRepository users, AuditTrail audit, TeamAccess access, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Creates a token for the signed-in person. Its name must be unique among their working tokens.
     * The returned text is the only copy of the token.
     */
    @Transactional
    public CreatedToken create(String name, TokenExpiry expiry) {
        String username = CurrentUser.requireUsername();
        List<FieldProblem> problems = new ArrayList<>(nameProblems(name));
        if (expiry == null) {
            problems.add(new FieldProblem("expiry", "is required: NEVER, DAYS_30 or DAYS_90"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        UserAccount owner = users.findByUsername(username)
                .orElseThrow(() -> new PermissionDeniedException("Only people with an account may create API tokens."));
        String cleanName = name.strip();
        Instant now = clock.instant();
        tokens.lockOwner(owner.id());
        List<ApiToken> active = tokens.findActive(owner.id(), now);
        if (active.stream().anyMatch(token -> token.name().equalsIgnoreCase(cleanName))) {
            throw new ConflictException("You already have a working API token named '" + cleanName
                    + "'. Choose another name, or revoke that token first.");
        }
        if (active.size() >= MAX_ACTIVE_TOKENS) {
            throw new ConflictException("You already have " + MAX_ACTIVE_TOKENS
                    + " working API tokens, the most allowed. Revoke one you no longer use first.");
        }
        TokenCodec.Parts parts = TokenCodec.generate(random);
        tokens.insert(parts.id(), owner.id(), cleanName, TokenCodec.hash(parts.secret()), now, expiry.expiresAt(now));
        log.info("API token {} ('{}', expires: {}) created by {}", parts.id(), cleanName, expiry.label(), username);
        audit.record(AuditRecord.of("token.create")
                .target(parts.id() + " (" + cleanName + ")")
                .change("expires", null, expiry.label()));
        return new CreatedToken(tokens.find(parts.id()).orElseThrow(), parts.text());
    }

    /** The signed-in person's tokens, newest first (revoked and expired ones included). */
    @Transactional(readOnly = true)
    public List<ApiToken> myTokens() {
        return tokens.findByOwner(CurrentUser.requireUsername());
    }

    /** Someone's tokens: one's own, or anybody's for platform admins. */
    @Transactional(readOnly = true)
    public List<ApiToken> tokensOf(String username) {
        String me = CurrentUser.requireUsername();
        String whose = UserAccountRepository.normalize(username);
        if (!me.equals(whose)) {
            access.require(Action.MANAGE_USERS, null, "token.list", whose);
            users.findByUsername(whose).orElseThrow(() -> new NotFoundException("There is no user '" + whose + "'."));
        }
        return tokens.findByOwner(whose);
    }

    /**
     * Revokes one of the signed-in person's tokens (platform admins: anybody's). Revoking a revoked
     * token changes nothing. Someone else's token is reported as not found, so ids reveal nothing.
     */
    @Transactional
    public ApiToken revoke(String id) {
        String me = CurrentUser.requireUsername();
        boolean admin = CurrentUser.hasPlatformRole(PlatformRole.ADMIN);
        ApiToken token = (TokenCodec.isId(id) ? tokens.find(id) : Optional.<ApiToken>empty())
                .filter(found -> admin || found.username().equals(me))
                .orElseThrow(() -> new NotFoundException("You have no API token with id '" + id + "'."));
        if (tokens.revoke(token.id(), clock.instant(), me)) {
            log.info("API token {} of {} revoked by {}", token.id(), token.username(), me);
            audit.record(AuditRecord.of("token.revoke")
                    .target(token.id() + " (" + token.name() + ") of " + token.username()));
        }
        return tokens.find(token.id()).orElseThrow();
    }

    /**
     * Checks a token presented with a request: well-formed, known, secret matching, not revoked, not
     * expired, and its owner's account enabled. Notes the use (at most once a minute).
     */
    @Transactional
    public TokenCheck authenticate(String text) {
        Optional<TokenCodec.Parts> parts = TokenCodec.parse(text);
        if (parts.isEmpty()) {
            return TokenCheck.refused(null, "The API token is not valid.");
        }
        String id = parts.get().id();
        Optional<ApiTokenRepository.Credentials> found = tokens.findCredentials(id);
        if (found.isEmpty()
                || !TokenCodec.matches(parts.get().secret(), found.get().secretHash())) {
            return TokenCheck.refused(id, "The API token is not valid.");
        }
        ApiTokenRepository.Credentials credentials = found.get();
        ApiToken token = credentials.token();
        Instant now = clock.instant();
        switch (token.statusAt(now)) {
            case REVOKED -> {
                return TokenCheck.refused(id, "The API token was revoked. Create a new one on the API tokens page.");
            }
            case EXPIRED -> {
                return TokenCheck.refused(
                        id,
                        "The API token expired at " + token.expiresAt() + ". Create a new one on the API tokens page.");
            }
            case ACTIVE -> {}
        }
        if (!credentials.ownerEnabled()) {
            return TokenCheck.refused(id, "The account this API token belongs to is disabled.");
        }
        tokens.touch(id, now, now.minus(LAST_USED_RESOLUTION));
        return TokenCheck.accepted(id, token.username(), credentials.role());
    }

    static List<FieldProblem> nameProblems(String name) {
        if (name == null || name.isBlank()) {
            return List.of(new FieldProblem("name", "is required: say what the token is for, e.g. 'deploy script'"));
        }
        String clean = name.strip();
        if (clean.length() > MAX_NAME_LENGTH) {
            return List.of(new FieldProblem("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (clean.chars().anyMatch(Character::isISOControl)) {
            return List.of(new FieldProblem("name", "must not contain control characters (tabs, line breaks)"));
        }
        return List.of();
    }
}
