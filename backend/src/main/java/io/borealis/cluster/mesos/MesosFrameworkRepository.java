package io.borealis.cluster.mesos;

import io.borealis.persistence.JdbcTime;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code mesos_framework} table: the framework id the master assigned, per framework name. The
 * driver stores it as soon as SUBSCRIBED arrives and names it in every later SUBSCRIBE; it is removed
 * only when the master says the framework has been removed.
 */
public class MesosFrameworkRepository {

    private final JdbcClient jdbc;

    public MesosFrameworkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored id of the framework with this name, if any. */
    public Optional<String> findId(String frameworkName) {
        return jdbc.sql("select framework_id from mesos_framework where framework_name = :name")
                .param("name", frameworkName)
                .query(String.class)
                .optional();
    }

    /** Stores (or replaces) the framework's id, noting the master and the time. */
    public void save(String frameworkName, String frameworkId, String masterUrl, Instant subscribedAt) {
        int updated = jdbc.sql("update mesos_framework set framework_id = :id, master_url = :master, "
                        + "subscribed_at = :at where framework_name = :name")
                .param("id", frameworkId)
                .param("master", masterUrl)
                .param("at", JdbcTime.toDb(subscribedAt))
                .param("name", frameworkName)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into mesos_framework (framework_name, framework_id, master_url, subscribed_at) "
                            + "values (:name, :id, :master, :at)")
                    .param("name", frameworkName)
                    .param("id", frameworkId)
                    .param("master", masterUrl)
                    .param("at", JdbcTime.toDb(subscribedAt))
                    .update();
        }
    }

    /** Forgets the framework (the master removed it); the next subscription starts a new one. */
    public void delete(String frameworkName) {
        jdbc.sql("delete from mesos_framework where framework_name = :name")
                .param("name", frameworkName)
                .update();
    }
}
