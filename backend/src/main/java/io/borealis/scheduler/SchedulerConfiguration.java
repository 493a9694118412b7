package io.borealis.scheduler;

import io.borealis.job.JobSpecValidator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the scheduler's properties and its pure helpers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SchedulerProperties.class, ClusterProperties.class})
public class SchedulerConfiguration {

    @Bean
    JobSpecValidator jobSpecValidator(SchedulerProperties properties) {
        return new JobSpecValidator(properties.limits());
    }
}
