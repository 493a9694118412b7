package io.borealis.db.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A fresh, empty database for one test class or one Spring context: an in-memory H2 database in
 * PostgreSQL mode, or a new database on the PostgreSQL server the tests are pointed at.
 *
 * <p>PostgreSQL is a hard prerequisite: when the server cannot be reached the test fails with a
 * message that says how to start it, it is never skipped. The server defaults to the machine's
 * {@code 127.0.0.1:5432} with user {@code postgres} and trust authentication, and is changed with
 * the environment variables {@code BOREALIS_TEST_PG_URL} (a JDBC URL of a database the user may
 * connect to, usually {@code postgres}), {@code BOREALIS_TEST_PG_USER} and
 * {@code BOREALIS_TEST_PG_PASSWORD} (or the same names as system properties, lower case with
 * dots: {@code borealis.test.pg.url} ...). Each database is dropped when the JVM exits; ones left
 * by killed runs are dropped after six hours.
 */
public final class TestDatabase implements AutoCloseable {

    /** The two stores Borealis supports. */
    public enum Kind {
        H2,
        POSTGRES;

        /** The kind chosen for Spring-context tests with {@code -Dborealis.test.database=h2|postgres}. */
        public static Kind selected() {
            String value = System.getProperty("borealis.test.database", "h2");
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "borealis.test.database must be 'h2' or 'postgres', not '" + value + "'", e);
            }
        }
    }

    private static final String PG_PREFIX = "borealis_test_";
    private static final Duration STALE_AFTER = Duration.ofHours(6);

    private final Kind kind;
    private final String url;
    private final String username;
    private final String password;
    private final String pgDatabaseName;
    private HikariDataSource dataSource;

    private TestDatabase(Kind kind, String url, String username, String password, String pgDatabaseName) {
        this.kind = kind;
        this.url = url;
        this.username = username;
        this.password = password;
        this.pgDatabaseName = pgDatabaseName;
    }

    /** A new empty database of the given kind (no migrations applied). */
    public static TestDatabase create(Kind kind) {
        return kind == Kind.H2 ? createH2() : createPostgres();
    }

    /** A new database of the given kind with every Borealis migration applied. */
    public static TestDatabase migrated(Kind kind) {
        TestDatabase database = create(kind);
        database.migrate();
        return database;
    }

    /**
     * A new database of the selected kind that outlives application contexts: for H2 a file
     * database under {@code folder} (like the embedded default), for PostgreSQL a new database.
     * For tests that stop and start Borealis over the same data.
     */
    public static TestDatabase createDurable(Kind kind, java.nio.file.Path folder) {
        if (kind == Kind.POSTGRES) {
            return createPostgres();
        }
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("borealis")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        return new TestDatabase(Kind.H2, url, "sa", "", null);
    }

    private static TestDatabase createH2() {
        String name = "borealis_" + UUID.randomUUID().toString().replace("-", "");
        String url = "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        return new TestDatabase(Kind.H2, url, "sa", "", null);
    }

    private static TestDatabase createPostgres() {
        String adminUrl = setting("url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = setting("user", "postgres");
        String password = setting("password", "");
        String name = PG_PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = admin.createStatement()) {
            dropStale(admin);
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL is needed for these tests and is not reachable at " + adminUrl
                            + " as user '" + user + "' (" + e.getMessage() + "). Start it (Debian: pg_ctlcluster "
                            + "--skip-systemctl-redirect <version> main start) or point BOREALIS_TEST_PG_URL, "
                            + "BOREALIS_TEST_PG_USER and BOREALIS_TEST_PG_PASSWORD at one.",
                    e);
        }
        String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
        TestDatabase database = new TestDatabase(Kind.POSTGRES, url, user, password, name);
        Runtime.getRuntime().addShutdownHook(new Thread(database::dropQuietly, "drop-" + name));
        return database;
    }

    private static void dropStale(Connection admin) throws SQLException {
        List<String> stale = new ArrayList<>();
        long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
        try (Statement statement = admin.createStatement();
                var rows = statement.executeQuery(
                        "select datname from pg_database where datname like '" + PG_PREFIX + "%'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                String[] parts = name.substring(PG_PREFIX.length()).split("_");
                if (parts.length == 2
                        && parts[0].chars().allMatch(Character::isDigit)
                        && Long.parseLong(parts[0]) < cutoff) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    private static String setting(String name, String fallback) {
        String fromProperty = System.getProperty("borealis.test.pg." + name);
        if (fromProperty != null) {
            return fromProperty;
        }
        String fromEnvironment = System.getenv("BOREALIS_TEST_PG_" + name.toUpperCase(Locale.ROOT));
        return fromEnvironment != null ? fromEnvironment : fallback;
    }

    /** Applies every migration of the db module, as the application does (shared and vendor folders). */
    public TestDatabase migrate() {
        return migrate("");
    }

    /** Applies every migration, granting the application role {@code appRole} (PostgreSQL; "" for none). */
    public TestDatabase migrate(String appRole) {
        Flyway.configure()
                .dataSource(url, username, password)
                .locations("classpath:db/migration", "classpath:db/vendor/" + (kind == Kind.H2 ? "h2" : "postgresql"))
                .placeholders(java.util.Map.of("app_role", appRole))
                .load()
                .migrate();
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** A small pooled data source over this database, created on first use. */
    public synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(username);
            config.setPassword(password);
            config.setMaximumPoolSize(5);
            config.setPoolName("test-" + kind.name().toLowerCase(Locale.ROOT));
            dataSource = new HikariDataSource(config);
        }
        return dataSource;
    }

    @Override
    public synchronized void close() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
        dropQuietly();
    }

    private void dropQuietly() {
        if (pgDatabaseName == null) {
            return;
        }
        String adminUrl = setting("url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        try (Connection admin = DriverManager.getConnection(adminUrl, username, password);
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + pgDatabaseName + " with (force)");
        } catch (SQLException e) {
            // best effort: a database left behind is dropped by a later run after STALE_AFTER
        }
    }

    @Override
    public String toString() {
        return kind + " " + url;
    }
}
