package io.borealis.auth.token;

import io.borealis.auth.user.PlatformRole;
import io.borealis.persistence.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_token} table. */
@Repository
public class ApiTokenRepository {

    private static final String SELECT = "select k.public_id, u.username, k.name, k.created_at, k.last_used_at, "
            + "k.expires_at, k.revoked_at, k.revoked_by from api_token k join app_user u on u.id = k.user_id ";

    private final JdbcClient jdbc;

    public ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What authenticating a token needs, in one row: the stored hash and the owner's state now. */
    public record Credentials(ApiToken token, String secretHash, PlatformRole role, boolean ownerEnabled) {}

    public void insert(String publicId, long userId, String name, String secretHash, Instant now, Instant expiresAt) {
        jdbc.sql("insert into api_token (public_id, user_id, name, secret_sha256, created_at, expires_at) "
                        + "values (:id, :user, :name, :hash, :now, :expires)")
                .param("id", publicId)
                .param("user", userId)
                .param("name", name)
                .param("hash", secretHash)
                .param("now", JdbcTime.toDb(now))
                .param("expires", JdbcTime.toDb(expiresAt))
                .update();
    }

    public Optional<ApiToken> find(String publicId) {
        return jdbc.sql(SELECT + "where k.public_id = :id")
                .param("id", publicId)
                .query(ApiTokenRepository::map)
                .optional();
    }

    public Optional<Credentials> findCredentials(String publicId) {
        return jdbc.sql("select k.public_id, u.username, k.name, k.created_at, k.last_used_at, k.expires_at, "
                        + "k.revoked_at, k.revoked_by, k.secret_sha256, u.platform_role, u.enabled "
                        + "from api_token k join app_user u on u.id = k.user_id where k.public_id = :id")
                .param("id", publicId)
                .query((row, n) -> new Credentials(
                        map(row, n),
                        row.getString("secret_sha256"),
                        PlatformRole.valueOf(row.getString("platform_role")),
                        row.getBoolean("enabled")))
                .optional();
    }

    /** A person's tokens, newest first. */
    public List<ApiToken> findByOwner(String username) {
        return jdbc.sql(SELECT + "where u.username = :username order by k.created_at desc, k.id desc")
                .param("username", username)
                .query(ApiTokenRepository::map)
                .list();
    }

    /**
     * Locks the owner's account row until the transaction ends, so that two token creations for one
     * person are checked (name, count) one after the other.
     */
    public void lockOwner(long userId) {
        jdbc.sql("select id from app_user where id = :id for update")
                .param("id", userId)
                .query(Long.class)
                .optional();
    }

    /** The owner's tokens that work at {@code now}. */
    public List<ApiToken> findActive(long userId, Instant now) {
        return jdbc.sql(SELECT + "where k.user_id = :user and k.revoked_at is null "
                        + "and (k.expires_at is null or k.expires_at > :now)")
                .param("user", userId)
                .param("now", JdbcTime.toDb(now))
                .query(ApiTokenRepository::map)
                .list();
    }

    /** Revokes a token that is not revoked yet; returns whether it did. */
    public boolean revoke(String publicId, Instant now, String by) {
        return jdbc.sql("update api_token set revoked_at = :now, revoked_by = :by "
                                + "where public_id = :id and revoked_at is null")
                        .param("now", JdbcTime.toDb(now))
                        .param("by", by)
                        .param("id", publicId)
                        .update()
                == 1;
    }

    /** Notes a use, unless one was noted since {@code notBefore} (at most one write a minute). */
    public void touch(String publicId, Instant now, Instant notBefore) {
        jdbc.sql("update api_token set last_used_at = :now "
                        + "where public_id = :id and (last_used_at is null or last_used_at < :notBefore)")
                .param("now", JdbcTime.toDb(now))
                .param("id", publicId)
                .param("notBefore", JdbcTime.toDb(notBefore))
                .update();
    }

    private static ApiToken map(ResultSet row, int rowNum) throws SQLException {
        return new ApiToken(
                row.getString("public_id"),
                row.getString("username"),
                row.getString("name"),
                JdbcTime.fromDb(row, "created_at"),
                JdbcTime.fromDb(row, "last_used_at"),
                JdbcTime.fromDb(row, "expires_at"),
                JdbcTime.fromDb(row, "revoked_at"),
                row.getString("revoked_by"));
    }
}
