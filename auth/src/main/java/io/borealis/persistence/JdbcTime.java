package io.borealis.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants in and out of {@code timestamp with time zone} columns. Both the PostgreSQL driver and
 * H2 take and give {@link OffsetDateTime}; neither handles {@link Instant} the same way, so every
 * repository goes through here.
 */
public final class JdbcTime {

    private JdbcTime() {}

    /** The parameter value for an instant (null stays null). */
    public static OffsetDateTime toDb(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The instant in a column, or null. */
    public static Instant fromDb(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
