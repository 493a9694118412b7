package io.borealis.auth.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code borealis.access.everyone-reads} (default false): when true, every signed-in person may
 * read every team's jobs and quota; otherwise people see only the teams they belong to.
 */
@ConfigurationProperties("borealis.access")
public record AccessProperties(Boolean everyoneReads) {

    public AccessProperties {
        everyoneReads = everyoneReads != null && everyoneReads;
    }
}
