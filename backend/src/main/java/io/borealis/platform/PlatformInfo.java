package io.borealis.platform;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;

/** Facts about this Borealis installation that the portal shows: version and database. */
@Service
public class PlatformInfo {

    /** What the overview page shows about the platform. */
    public record Facts(String version, String database, String databaseUrl) {}

    private final DataSource dataSource;
    private final ObjectProvider<BuildProperties> build;

    public PlatformInfo(DataSource dataSource, ObjectProvider<BuildProperties> build) {
        this.dataSource = dataSource;
        this.build = build;
    }

    public Facts facts() {
        String version = build.getIfAvailable() != null ? build.getIfAvailable().getVersion() : "development";
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return new Facts(
                    version,
                    meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(),
                    withoutCredentials(meta.getURL()));
        } catch (SQLException e) {
            return new Facts(version, "unreachable: " + e.getMessage(), "");
        }
    }

    /** JDBC URLs may carry a password parameter; never show it. */
    static String withoutCredentials(String url) {
        return url == null ? "" : url.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=****");
    }
}
