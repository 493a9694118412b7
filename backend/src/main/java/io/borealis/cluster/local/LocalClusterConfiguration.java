package io.borealis.cluster.local;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local cluster, when {@code borealis.cluster.driver} is {@code local} or not set (the embedded
 * default). The bean is inert until the scheduler calls {@code start}: creating it runs no process
 * and no thread.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "borealis.cluster.driver", havingValue = "local", matchIfMissing = true)
@EnableConfigurationProperties(LocalClusterProperties.class)
public class LocalClusterConfiguration {

    @Bean
    LocalClusterDriver localClusterDriver(LocalClusterProperties properties, ObjectProvider<Clock> clock) {
        return new LocalClusterDriver(properties, clock.getIfAvailable(Clock::systemUTC));
    }
}
