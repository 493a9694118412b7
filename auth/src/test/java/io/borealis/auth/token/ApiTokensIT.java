package io.borealis.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.auth.AuthTestApplication;
import io.borealis.auth.user.NewUserAccount;
import io.borealis.auth.user.PlatformRole;
import io.borealis.auth.user.UserAccountService;
import io.borealis.error.ConflictException;
import io.borealis.error.FieldProblem;
import io.borealis.error.InvalidInputException;
import io.borealis.error.NotFoundException;
import io.borealis.error.PermissionDeniedException;
import io.borealis.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Personal API tokens against a real database (H2 or PostgreSQL, see {@code borealis.test.database}). */
@SpringBootTest(classes = AuthTestApplication.class, properties = "borealis.demo.enabled=false")
class ApiTokensIT extends AuthTestApplication.DatabaseTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @Autowired
    ApiTokenService tokens;

    @Autowired
    UserAccountService users;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    private Instant start;
    private String owner;

    @BeforeEach
    void signInAsANewPerson() {
        start = clock.instant();
        owner = newUser(PlatformRole.USER);
        signInAs(owner, PlatformRole.USER);
    }

    @AfterEach
    void restore() {
        SecurityContextHolder.clearContext();
        clock.set(start);
    }

    @Test
    void aNewTokenIsShownOnceStoredAsAHashAndActsAsItsOwner() {
        CreatedToken created = tokens.create("  deploy script ", TokenExpiry.NEVER);

        assertThat(created.text()).startsWith("brl_" + created.token().id() + "_");
        assertThat(created.toString()).doesNotContain(created.text());
        assertThat(created.token().name()).isEqualTo("deploy script");
        assertThat(created.token().username()).isEqualTo(owner);
        assertThat(created.token().createdAt()).isEqualTo(clock.instant());
        assertThat(created.token().expiresAt()).isNull();
        assertThat(created.token().statusAt(clock.instant())).isEqualTo(ApiToken.Status.ACTIVE);
        String stored = jdbc.sql("select secret_sha256 from api_token where public_id = :id")
                .param("id", created.token().id())
                .query(String.class)
                .single();
        String secret = created.text().substring(21);
        assertThat(stored).isEqualTo(TokenCodec.hash(secret)).doesNotContain(secret);
        assertThat(tokens.myTokens()).containsExactly(created.token());

        SecurityContextHolder.clearContext();
        TokenCheck check = tokens.authenticate(created.text());

        assertThat(check.accepted()).isTrue();
        assertThat(check.username()).isEqualTo(owner);
        assertThat(check.role()).isEqualTo(PlatformRole.USER);
        assertThat(check.tokenId()).isEqualTo(created.token().id());
    }

    @Test
    void badNamesAndAMissingExpiryAreRefusedAndNothingIsStored() {
        long before = count();

        assertThatThrownBy(() -> tokens.create(" ", null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("name", "expiry"));
        assertThatThrownBy(() -> tokens.create("x".repeat(65), TokenExpiry.NEVER))
                .hasMessageContaining("name: must be at most 64 characters");
        assertThatThrownBy(() -> tokens.create("two\nlines", TokenExpiry.NEVER))
                .hasMessageContaining("name: must not contain control characters");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aNameIsUniqueAmongWorkingTokensOnly() {
        CreatedToken first = tokens.create("laptop", TokenExpiry.DAYS_30);

        assertThatThrownBy(() -> tokens.create("Laptop", TokenExpiry.NEVER))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already have a working API token named 'Laptop'");

        tokens.revoke(first.token().id());
        CreatedToken second = tokens.create("laptop", TokenExpiry.NEVER);
        assertThat(second.token().id()).isNotEqualTo(first.token().id());

        // another person may use the same name
        signInAs(newUser(PlatformRole.USER), PlatformRole.USER);
        assertThat(tokens.create("laptop", TokenExpiry.NEVER).token().name()).isEqualTo("laptop");
    }

    @Test
    void aRevokedTokenNoLongerWorksAndRevokingAgainChangesNothing() {
        CreatedToken created = tokens.create("ci", TokenExpiry.DAYS_90);

        ApiToken revoked = tokens.revoke(created.token().id());

        assertThat(revoked.revokedAt()).isEqualTo(clock.instant());
        assertThat(revoked.revokedBy()).isEqualTo(owner);
        assertThat(revoked.statusAt(clock.instant())).isEqualTo(ApiToken.Status.REVOKED);
        assertThat(tokens.authenticate(created.text()).refusal()).contains("revoked");
        clock.advance(Duration.ofMinutes(5));
        assertThat(tokens.revoke(created.token().id())).isEqualTo(revoked);
    }

    @Test
    void peopleCannotSeeOrRevokeOthersTokensButAdminsCan() {
        CreatedToken mine = tokens.create("mine", TokenExpiry.NEVER);
        String other = newUser(PlatformRole.USER);
        signInAs(other, PlatformRole.USER);

        assertThatThrownBy(() -> tokens.revoke(mine.token().id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("You have no API token with id '" + mine.token().id() + "'.");
        assertThatThrownBy(() -> tokens.tokensOf(owner))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("Only platform admins may manage users and platform roles");
        assertThat(tokens.myTokens()).isEmpty();
        assertThat(tokens.authenticate(mine.text()).accepted()).isTrue();

        signInAs("root", PlatformRole.ADMIN);
        assertThat(tokens.tokensOf(owner))
                .extracting(ApiToken::id)
                .containsExactly(mine.token().id());
        assertThatThrownBy(() -> tokens.tokensOf("nobody-here")).isInstanceOf(NotFoundException.class);
        assertThat(tokens.revoke(mine.token().id()).revokedBy()).isEqualTo("root");
        assertThat(tokens.authenticate(mine.text()).accepted()).isFalse();
    }

    @Test
    void unknownIdsAreNotFound() {
        assertThatThrownBy(() -> tokens.revoke("0123456789abcdef")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tokens.revoke("not an id")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTokenExpiresAfterTheChosenDaysAndANeverTokenDoesNot() {
        CreatedToken month = tokens.create("month", TokenExpiry.DAYS_30);
        CreatedToken forever = tokens.create("forever", TokenExpiry.NEVER);
        assertThat(month.token().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));

        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(tokens.authenticate(month.text()).accepted()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        TokenCheck expired = tokens.authenticate(month.text());
        assertThat(expired.accepted()).isFalse();
        assertThat(expired.refusal()).contains("expired");
        assertThat(tokens.myTokens())
                .filteredOn(t -> t.id().equals(month.token().id()))
                .singleElement()
                .extracting(t -> t.statusAt(clock.instant()))
                .isEqualTo(ApiToken.Status.EXPIRED);

        clock.advance(Duration.ofDays(3650));
        assertThat(tokens.authenticate(forever.text()).accepted()).isTrue();
        // the expired token's name is free again
        assertThat(tokens.create("month", TokenExpiry.DAYS_90).token().name()).isEqualTo("month");
    }

    @Test
    void aDisabledOwnersTokensAreRefusedAndARoleChangeAppliesAtOnce() {
        CreatedToken created = tokens.create("role", TokenExpiry.NEVER);
        signInAs("root", PlatformRole.ADMIN);

        users.setPlatformRole(owner, PlatformRole.ADMIN);
        assertThat(tokens.authenticate(created.text()).role()).isEqualTo(PlatformRole.ADMIN);

        users.setEnabled(owner, false);
        assertThat(tokens.authenticate(created.text()).refusal()).contains("disabled");

        users.setEnabled(owner, true);
        assertThat(tokens.authenticate(created.text()).accepted()).isTrue();
    }

    @Test
    void aWrongSecretOrGarbageIsRefusedWithoutDetail() {
        CreatedToken created = tokens.create("guess", TokenExpiry.NEVER);
        String wrongSecret = created.text().substring(0, 21) + "A".repeat(43);

        TokenCheck wrong = tokens.authenticate(wrongSecret);
        assertThat(wrong.accepted()).isFalse();
        assertThat(wrong.refusal()).isEqualTo("The API token is not valid.");
        assertThat(wrong.tokenId()).isEqualTo(created.token().id());

        TokenCheck garbage = tokens.authenticate("Bearer nonsense");
        assertThat(garbage.refusal()).isEqualTo("The API token is not valid.");
        assertThat(garbage.tokenId()).isNull();
        assertThat(lastUsed(created)).isNull();
    }

    @Test
    void usesAreWrittenDownAtMostOnceAMinute() {
        CreatedToken created = tokens.create("busy", TokenExpiry.NEVER);
        Instant first = clock.instant();

        tokens.authenticate(created.text());
        assertThat(lastUsed(created)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(30));
        tokens.authenticate(created.text());
        assertThat(lastUsed(created)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(31));
        tokens.authenticate(created.text());
        assertThat(lastUsed(created)).isEqualTo(clock.instant());
    }

    @Test
    void onePersonHasAtMostFiftyWorkingTokens() {
        for (int i = 0; i < ApiTokenService.MAX_ACTIVE_TOKENS; i++) {
            tokens.create("token " + i, TokenExpiry.NEVER);
        }

        assertThatThrownBy(() -> tokens.create("one too many", TokenExpiry.NEVER))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already have 50 working API tokens");
    }

    @Test
    void nobodySignedInCreatesNothing() {
        SecurityContextHolder.clearContext();

        assertThatThrownBy(() -> tokens.create("anonymous", TokenExpiry.NEVER))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(tokens::myTokens).isInstanceOf(PermissionDeniedException.class);
    }

    private Instant lastUsed(CreatedToken created) {
        return tokens.myTokens().stream()
                .filter(t -> t.id().equals(created.token().id()))
                .findFirst()
                .orElseThrow()
                .lastUsedAt();
    }

    private long count() {
        return jdbc.sql("select count(*) from api_token").query(Long.class).single();
    }

    private String newUser(PlatformRole role) {
        String username = "token-user-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        users.createAccount(new NewUserAccount(username, "Token User", null, "a long test passphrase", role));
        return username;
    }

    private static void signInAs(String username, PlatformRole role) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username, null, AuthorityUtils.createAuthorityList(role.authority())));
    }
}
