package io.borealis.auth.user;

import io.borealis.persistence.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code app_user} table. Usernames are stored and looked up in lower case. */
@Repository
public class UserAccountRepository {

    private static final String COLUMNS = "id, username, display_name, email, platform_role, enabled, "
            + "failed_sign_ins, locked_until, last_sign_in_at, theme, created_at";

    private final JdbcClient jdbc;

    public UserAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored password hash and the account, for the sign-in path only. */
    public record Credentials(UserAccount account, String passwordHash) {}

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from app_user where username = :username")
                .param("username", normalize(username))
                .query(UserAccountRepository::map)
                .optional();
    }

    public Optional<Credentials> findCredentials(String username) {
        return jdbc.sql("select " + COLUMNS + ", password_hash from app_user where username = :username")
                .param("username", normalize(username))
                .query((row, n) -> new Credentials(map(row, n), row.getString("password_hash")))
                .optional();
    }

    public List<UserAccount> findAll() {
        return jdbc.sql("select " + COLUMNS + " from app_user order by username")
                .query(UserAccountRepository::map)
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    public long insert(NewUserAccount account, String passwordHash, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into app_user (username, display_name, email, password_hash, platform_role, created_at) "
                        + "values (:username, :displayName, :email, :hash, :role, :now)")
                .param("username", normalize(account.username()))
                .param("displayName", account.displayName().strip())
                .param("email", blankToNull(account.email()))
                .param("hash", passwordHash)
                .param("role", account.platformRole().name())
                .param("now", JdbcTime.toDb(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Failed sign-ins counted so far and the current lock, if any. */
    public record SignInState(int failures, Instant lockedUntil) {}

    /**
     * Reads an account's sign-in state and locks its row until the transaction ends, so that
     * parallel failed attempts are counted one after the other.
     */
    public Optional<SignInState> lockSignInState(String username) {
        return jdbc.sql("select failed_sign_ins, locked_until from app_user where username = :username for update")
                .param("username", normalize(username))
                .query((row, n) -> new SignInState(row.getInt("failed_sign_ins"), JdbcTime.fromDb(row, "locked_until")))
                .optional();
    }

    /** Stores the failure count and lock an attempt left behind. */
    public void recordFailedSignIn(String username, int failures, Instant lockedUntil) {
        jdbc.sql("update app_user set failed_sign_ins = :failures, locked_until = :lockedUntil "
                        + "where username = :username")
                .param("failures", failures)
                .param("lockedUntil", JdbcTime.toDb(lockedUntil))
                .param("username", normalize(username))
                .update();
    }

    /** Clears failures and any lock, and notes the time of this sign-in. */
    public void recordSuccessfulSignIn(String username, Instant now) {
        jdbc.sql("update app_user set failed_sign_ins = 0, locked_until = null, last_sign_in_at = :now "
                        + "where username = :username")
                .param("now", JdbcTime.toDb(now))
                .param("username", normalize(username))
                .update();
    }

    /** Enables or disables sign-in for an account; returns whether the account exists. */
    public boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("update app_user set enabled = :enabled, version = version + 1 where username = :username")
                        .param("enabled", enabled)
                        .param("username", normalize(username))
                        .update()
                == 1;
    }

    public void updatePassword(String username, String passwordHash) {
        jdbc.sql("update app_user set password_hash = :hash, failed_sign_ins = 0, locked_until = null, "
                        + "version = version + 1 where username = :username")
                .param("hash", passwordHash)
                .param("username", normalize(username))
                .update();
    }

    public void setPlatformRole(String username, PlatformRole role) {
        jdbc.sql("update app_user set platform_role = :role, version = version + 1 where username = :username")
                .param("role", role.name())
                .param("username", normalize(username))
                .update();
    }

    public long countAdmins() {
        return jdbc.sql("select count(*) from app_user where platform_role = 'ADMIN' and enabled = true")
                .query(Long.class)
                .single();
    }

    public boolean updateTheme(String username, Theme theme) {
        return jdbc.sql("update app_user set theme = :theme, version = version + 1 where username = :username")
                        .param("theme", theme.code())
                        .param("username", normalize(username))
                        .update()
                == 1;
    }

    /** Usernames are compared and stored stripped and in lower case. */
    public static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static UserAccount map(ResultSet row, int rowNum) throws SQLException {
        return new UserAccount(
                row.getLong("id"),
                row.getString("username"),
                row.getString("display_name"),
                row.getString("email"),
                PlatformRole.valueOf(row.getString("platform_role")),
                row.getBoolean("enabled"),
                row.getInt("failed_sign_ins"),
                JdbcTime.fromDb(row, "locked_until"),
                JdbcTime.fromDb(row, "last_sign_in_at"),
                Theme.fromCode(row.getString("theme")),
                JdbcTime.fromDb(row, "created_at"));
    }
}
