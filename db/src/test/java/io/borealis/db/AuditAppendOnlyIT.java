package io.borealis.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borealis.db.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: with Borealis running as its own application role (the README's setup), that role
 * may add and read audit entries but never change, delete or truncate them; the owner is stopped by
 * the append-only trigger too; only the retention function removes old entries.
 */
class AuditAppendOnlyIT {

    private static TestDatabase database;
    private static String appRole;
    private static final String PASSWORD = "app-role-password-for-tests";

    @BeforeAll
    static void databaseWithAnApplicationRole() throws SQLException {
        database = TestDatabase.create(TestDatabase.Kind.POSTGRES);
        appRole =
                "borealis_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection owner = database.dataSource().getConnection();
                Statement sql = owner.createStatement()) {
            sql.execute("create role " + appRole + " login password '" + PASSWORD + "'");
        }
        database.migrate(appRole);
        try (Connection owner = database.dataSource().getConnection();
                Statement sql = owner.createStatement()) {
            sql.execute("insert into audit_entry (seq, at, actor, source, action, outcome, prev_hash, entry_hash) "
                    + "values (1, now(), 'owner', 'SYSTEM', 'test.seed', 'SUCCESS', 'p', 'h')");
        }
    }

    @AfterAll
    static void dropEverything() throws SQLException {
        database.close();
        try (Connection admin = DriverManager.getConnection(adminUrl(), database.username(), database.password());
                Statement sql = admin.createStatement()) {
            sql.execute("drop role if exists " + appRole);
        }
    }

    @Test
    void theApplicationRoleMayAppendAndRead() throws SQLException {
        try (Connection app = asApplication();
                Statement sql = app.createStatement()) {
            sql.execute("insert into audit_entry (seq, at, actor, source, action, outcome, prev_hash, entry_hash) "
                    + "values (100, now(), 'app', 'UI', 'test.append', 'SUCCESS', 'p', 'h')");
            try (var rows = sql.executeQuery("select actor from audit_entry where seq = 100")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("app");
            }
            // and it works with the other tables as usual
            sql.execute("update audit_head set last_seq = last_seq where id = 1");
        }
    }

    @Test
    void theApplicationRoleMayNotChangeDeleteOrTruncateEntries() throws SQLException {
        try (Connection app = asApplication();
                Statement sql = app.createStatement()) {
            assertThatThrownBy(() -> sql.execute("update audit_entry set actor = 'x' where seq = 1"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.execute("delete from audit_entry where seq = 1"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> sql.execute("truncate audit_entry")).hasMessageContaining("permission denied");
        }
        assertThat(actorOfFirstEntry()).isEqualTo("owner");
    }

    @Test
    void evenTheOwnerIsStoppedByTheTrigger() throws SQLException {
        try (Connection owner = database.dataSource().getConnection();
                Statement sql = owner.createStatement()) {
            assertThatThrownBy(() -> sql.execute("update audit_entry set actor = 'x' where seq = 1"))
                    .hasMessageContaining("audit_entry is append-only: UPDATE is not allowed");
            assertThatThrownBy(() -> sql.execute("delete from audit_entry where seq = 1"))
                    .hasMessageContaining("audit_entry is append-only: DELETE is not allowed");
            assertThatThrownBy(() -> sql.execute("truncate audit_entry"))
                    .hasMessageContaining("audit_entry is append-only: TRUNCATE is not allowed");
        }
        assertThat(actorOfFirstEntry()).isEqualTo("owner");
    }

    @Test
    void onlyTheRetentionFunctionRemovesOldEntries() throws SQLException {
        try (Connection owner = database.dataSource().getConnection();
                Statement sql = owner.createStatement()) {
            sql.execute("insert into audit_entry (seq, at, actor, source, action, outcome, prev_hash, entry_hash) "
                    + "values (50, now(), 'owner', 'SYSTEM', 'test.old', 'SUCCESS', 'p', 'h')");
        }
        try (Connection app = asApplication();
                Statement sql = app.createStatement();
                var rows = sql.executeQuery("select audit_remove_before(51)")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(2); // entries 1 and 50 (100, if there, stays)
        }
        try (Connection owner = database.dataSource().getConnection();
                Statement sql = owner.createStatement()) {
            try (var rows = sql.executeQuery("select count(*) from audit_entry where seq < 51")) {
                rows.next();
                assertThat(rows.getLong(1)).isZero();
            }
            sql.execute("insert into audit_entry (seq, at, actor, source, action, outcome, prev_hash, entry_hash) "
                    + "values (1, now(), 'owner', 'SYSTEM', 'test.seed', 'SUCCESS', 'p', 'h')");
            // the function's permission does not leak into ordinary deletes afterwards
            assertThatThrownBy(() -> sql.execute("delete from audit_entry where seq = 1"))
                    .hasMessageContaining("append-only");
        }
    }

    private static String actorOfFirstEntry() throws SQLException {
        try (Connection owner = database.dataSource().getConnection();
                Statement sql = owner.createStatement();
                var rows = sql.executeQuery("select actor from audit_entry where seq = 1")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Connection asApplication() throws SQLException {
        return DriverManager.getConnection(database.url(), appRole, PASSWORD);
    }

    private static String adminUrl() {
        String url = database.url();
        return url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
    }
}
