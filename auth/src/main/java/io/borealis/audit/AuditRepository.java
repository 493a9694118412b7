package io.borealis.audit;

import io.borealis.persistence.JdbcTime;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/**
 * The {@code audit_entry} and {@code audit_head} tables. There is no update and no delete here:
 * entries are only inserted.
 */
@Repository
public class AuditRepository {

    static final String COLUMNS = "seq, at, actor, actor_token, source, client_address, action, team, target, outcome, "
            + "reason, message, changes, prev_hash, entry_hash";

    private final JdbcClient jdbc;

    /** PostgreSQL: target prefixes also get a byte-wise range its text_pattern_ops index serves. */
    private final boolean postgres;

    public AuditRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return "PostgreSQL".equalsIgnoreCase(product);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the audit log is in: " + e.getMessage(), e);
        }
    }

    /** The chain's head, locked until the transaction ends: appends happen one at a time. */
    record Head(long lastSeq, String lastHash) {}

    Head lockHead() {
        return jdbc.sql("select last_seq, last_hash from audit_head where id = 1 for update")
                .query((row, n) -> new Head(row.getLong("last_seq"), row.getString("last_hash")))
                .single();
    }

    Head head() {
        return jdbc.sql("select last_seq, last_hash from audit_head where id = 1")
                .query((row, n) -> new Head(row.getLong("last_seq"), row.getString("last_hash")))
                .single();
    }

    void insert(AuditEntry entry) {
        jdbc.sql("insert into audit_entry (" + COLUMNS
                        + ") values (:seq, :at, :actor, :token, :source, :address, :action, "
                        + ":team, :target, :outcome, :reason, :message, :changes, :prev, :hash)")
                .param("seq", entry.seq())
                .param("at", JdbcTime.toDb(entry.at()))
                .param("actor", entry.actor())
                .param("token", entry.actorToken())
                .param("source", entry.source().name())
                .param("address", entry.clientAddress())
                .param("action", entry.action())
                .param("team", entry.team())
                .param("target", entry.target())
                .param("outcome", entry.outcome().name())
                .param("reason", entry.reason())
                .param("message", entry.message())
                .param("changes", entry.changes())
                .param("prev", entry.prevHash())
                .param("hash", entry.entryHash())
                .update();
        jdbc.sql("update audit_head set last_seq = :seq, last_hash = :hash where id = 1")
                .param("seq", entry.seq())
                .param("hash", entry.entryHash())
                .update();
    }

    /** Entries with {@code seq > after}, in order, at most {@code limit} (for walking the chain). */
    List<AuditEntry> after(long after, int limit) {
        return jdbc.sql("select " + COLUMNS + " from audit_entry where seq > :after order by seq limit :limit")
                .param("after", after)
                .param("limit", limit)
                .query(AuditRepository::map)
                .list();
    }

    Optional<AuditEntry> first() {
        return jdbc.sql("select " + COLUMNS + " from audit_entry order by seq limit 1")
                .query(AuditRepository::map)
                .optional();
    }

    /** A page of entries matching the filter, newest first (keyset paging on seq). */
    public List<AuditEntry> search(AuditFilter filter, Long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_entry where 1 = 1");
        Map<String, Object> params = new TreeMap<>();
        filter.appendTo(sql, params, postgres);
        if (beforeSeq != null) {
            sql.append(" and seq < :beforeSeq");
            params.put("beforeSeq", beforeSeq);
        }
        sql.append(" order by seq desc limit :limit");
        params.put("limit", limit);
        var statement = jdbc.sql(sql.toString());
        for (var param : params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.query(AuditRepository::map).list();
    }

    /** How many entries match (for the page's counter; capped by the caller's patience). */
    public long count(AuditFilter filter) {
        StringBuilder sql = new StringBuilder("select count(*) from audit_entry where 1 = 1");
        Map<String, Object> params = new TreeMap<>();
        filter.appendTo(sql, params, postgres);
        var statement = jdbc.sql(sql.toString());
        for (var param : params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.query(Long.class).single();
    }

    static AuditEntry map(ResultSet row, int rowNum) throws SQLException {
        return new AuditEntry(
                row.getLong("seq"),
                JdbcTime.fromDb(row, "at"),
                row.getString("actor"),
                row.getString("actor_token"),
                AuditSource.valueOf(row.getString("source")),
                row.getString("client_address"),
                row.getString("action"),
                row.getString("team"),
                row.getString("target"),
                AuditOutcome.valueOf(row.getString("outcome")),
                row.getString("reason"),
                row.getString("message"),
                row.getString("changes"),
                row.getString("prev_hash"),
                row.getString("entry_hash"));
    }
}
