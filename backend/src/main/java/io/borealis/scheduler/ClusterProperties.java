package io.borealis.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code borealis.cluster.driver}: {@code local} (the default: tasks are processes on this machine)
 * or {@code mesos} (an Apache Mesos cluster, configured with {@code borealis.mesos.*}).
 */
@ConfigurationProperties("borealis.cluster")
public record ClusterProperties(String driver) {

    public ClusterProperties {
        driver = driver == null || driver.isBlank() ? "local" : driver.strip();
        if (!driver.equals("local") && !driver.equals("mesos")) {
            throw new IllegalArgumentException(
                    "borealis.cluster.driver must be 'local' or 'mesos', was '" + driver + "'");
        }
    }
}
