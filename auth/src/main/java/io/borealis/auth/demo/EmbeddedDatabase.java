package io.borealis.auth.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** Tells whether the application runs on the embedded H2 database (the no-configuration default). */
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {}

    public static boolean isEmbedded(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL().toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database URL: " + e.getMessage(), e);
        }
    }
}
