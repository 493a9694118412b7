package io.borealis.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.db.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every migration applies cleanly to an empty database, on H2 and on PostgreSQL, and only once. */
class MigrationsIT {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void migrationsApplyCleanlyToAnEmptyDatabase(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind)) {
            Flyway flyway = Flyway.configure()
                    .dataSource(database.dataSource())
                    .locations(
                            "classpath:db/migration",
                            "classpath:db/vendor/" + (kind == TestDatabase.Kind.H2 ? "h2" : "postgresql"))
                    .placeholders(java.util.Map.of("app_role", ""))
                    .load();

            MigrateResult first = flyway.migrate();
            assertThat(first.success).isTrue();
            assertThat(first.migrationsExecuted).isEqualTo(flyway.info().all().length);
            assertThat(flyway.validateWithResult().validationSuccessful).isTrue();

            MigrateResult second = flyway.migrate();
            assertThat(second.migrationsExecuted).isZero();

            assertThat(tables(database)).contains("app_user", "job", "task", "team", "audit_entry");
        }
    }

    private static List<String> tables(TestDatabase database) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME").toLowerCase());
            }
        }
        return names;
    }
}
