package io.borealis.auth.team;

import io.borealis.persistence.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code team} and {@code team_member} tables. */
@Repository
public class TeamRepository {

    private static final String TEAM_COLUMNS = "t.id, t.slug, t.display_name, t.archived, t.created_at, t.created_by";
    private static final String MEMBER_QUERY =
            "select t.slug, u.username, u.display_name, m.level, m.added_at, m.added_by "
                    + "from team_member m join team t on t.id = m.team_id join app_user u on u.id = m.user_id";

    private final JdbcClient jdbc;

    public TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Team> find(String slug) {
        return jdbc.sql("select " + TEAM_COLUMNS + " from team t where t.slug = :slug")
                .param("slug", slug)
                .query(TeamRepository::team)
                .optional();
    }

    public Optional<Team> lock(String slug) {
        return jdbc.sql("select " + TEAM_COLUMNS + " from team t where t.slug = :slug for update")
                .param("slug", slug)
                .query(TeamRepository::team)
                .optional();
    }

    public List<Team> findAll() {
        return jdbc.sql("select " + TEAM_COLUMNS + " from team t order by t.slug")
                .query(TeamRepository::team)
                .list();
    }

    public long insert(String slug, String displayName, String by, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into team (slug, display_name, created_at, created_by) values (:slug, :name, :now, :by)")
                .param("slug", slug)
                .param("name", displayName)
                .param("now", JdbcTime.toDb(now))
                .param("by", by)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public void rename(long teamId, String displayName) {
        jdbc.sql("update team set display_name = :name, version = version + 1 where id = :id")
                .param("name", displayName)
                .param("id", teamId)
                .update();
    }

    public void setArchived(long teamId, boolean archived) {
        jdbc.sql("update team set archived = :archived, version = version + 1 where id = :id")
                .param("archived", archived)
                .param("id", teamId)
                .update();
    }

    /** The person's level per team slug (archived teams included: their jobs may still be read). */
    public Map<String, TeamLevel> levelsOf(String username) {
        Map<String, TeamLevel> levels = new LinkedHashMap<>();
        jdbc.sql("select t.slug, m.level from team_member m join team t on t.id = m.team_id "
                        + "join app_user u on u.id = m.user_id where u.username = :username order by t.slug")
                .param("username", username)
                .query((ResultSet row) -> {
                    levels.put(row.getString("slug"), TeamLevel.valueOf(row.getString("level")));
                });
        return levels;
    }

    public List<Membership> members(String slug) {
        return jdbc.sql(MEMBER_QUERY + " where t.slug = :slug order by m.level desc, u.username")
                .param("slug", slug)
                .query(TeamRepository::membership)
                .list();
    }

    public List<Membership> membershipsOf(String username) {
        return jdbc.sql(MEMBER_QUERY + " where u.username = :username order by t.slug")
                .param("username", username)
                .query(TeamRepository::membership)
                .list();
    }

    public Optional<Membership> membership(String slug, String username) {
        return jdbc.sql(MEMBER_QUERY + " where t.slug = :slug and u.username = :username")
                .param("slug", slug)
                .param("username", username)
                .query(TeamRepository::membership)
                .optional();
    }

    /** Adds a member or changes their level. */
    public void putMember(long teamId, long userId, TeamLevel level, String by, Instant now) {
        int updated = jdbc.sql("update team_member set level = :level where team_id = :team and user_id = :user")
                .param("level", level.name())
                .param("team", teamId)
                .param("user", userId)
                .update();
        if (updated == 0) {
            jdbc.sql(
                            "insert into team_member (team_id, user_id, level, added_at, added_by) values (:team, :user, :level, :now, :by)")
                    .param("team", teamId)
                    .param("user", userId)
                    .param("level", level.name())
                    .param("now", JdbcTime.toDb(now))
                    .param("by", by)
                    .update();
        }
    }

    public boolean removeMember(long teamId, long userId) {
        return jdbc.sql("delete from team_member where team_id = :team and user_id = :user")
                        .param("team", teamId)
                        .param("user", userId)
                        .update()
                == 1;
    }

    private static Team team(ResultSet row, int n) throws SQLException {
        return new Team(
                row.getLong("id"),
                row.getString("slug"),
                row.getString("display_name"),
                row.getBoolean("archived"),
                JdbcTime.fromDb(row, "created_at"),
                row.getString("created_by"));
    }

    private static Membership membership(ResultSet row, int n) throws SQLException {
        return new Membership(
                row.getString("slug"),
                row.getString("username"),
                row.getString("display_name"),
                TeamLevel.valueOf(row.getString("level")),
                JdbcTime.fromDb(row, "added_at"),
                row.getString("added_by"));
    }
}
