package io.borealis.cluster.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.borealis.db.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The stored framework id, on H2 and PostgreSQL with the real migrations. */
class MesosFrameworkRepositoryIT {

    private static TestDatabase database;
    private static MesosFrameworkRepository repository;
    private static JdbcClient jdbc;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated(TestDatabase.Kind.selected());
        jdbc = JdbcClient.create(database.dataSource());
        repository = new MesosFrameworkRepository(jdbc);
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void nothingIsStoredForANewFramework() {
        assertThat(repository.findId("never-subscribed")).isEmpty();
    }

    @Test
    void anIdIsStoredReplacedAndForgottenPerFrameworkName() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        repository.save("borealis", "M1-0000", "http://m1:5050/", now);
        repository.save("other", "M1-0001", "http://m1:5050/", now);

        assertThat(repository.findId("borealis")).hasValue("M1-0000");

        repository.save("borealis", "M2-0000", "http://m2:5050/", now.plusSeconds(5));
        assertThat(repository.findId("borealis")).hasValue("M2-0000");
        assertThat(jdbc.sql("select master_url from mesos_framework where framework_name = 'borealis'")
                        .query(String.class)
                        .single())
                .isEqualTo("http://m2:5050/");
        assertThat(jdbc.sql("select count(*) from mesos_framework")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        repository.delete("borealis");
        assertThat(repository.findId("borealis")).isEmpty();
        assertThat(repository.findId("other")).hasValue("M1-0001");
    }
}
