package io.borealis.cluster.mesos;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Mesos cluster driver, active only with {@code borealis.cluster.driver=mesos}; its
 * {@link MesosProperties} are bound and checked only then. The driver is started by the scheduler
 * (it calls {@code start} with its listener) and stopped with the application context.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "borealis.cluster.driver", havingValue = "mesos")
@EnableConfigurationProperties(MesosProperties.class)
public class MesosConfiguration {

    @Bean
    MesosFrameworkRepository mesosFrameworkRepository(JdbcClient jdbc) {
        return new MesosFrameworkRepository(jdbc);
    }

    @Bean(destroyMethod = "stop")
    MesosClusterDriver mesosClusterDriver(
            MesosProperties properties,
            MesosFrameworkRepository frameworks,
            ObjectProvider<MeterRegistry> registry,
            ObjectProvider<Clock> clock,
            Environment environment) {
        int serverPort = environment.getProperty("server.port", Integer.class, 8080);
        return new MesosClusterDriver(
                properties,
                properties.webuiUrlOrDefault(serverPort),
                frameworks,
                registry.getIfAvailable(SimpleMeterRegistry::new),
                clock.getIfAvailable(Clock::systemUTC));
    }
}
