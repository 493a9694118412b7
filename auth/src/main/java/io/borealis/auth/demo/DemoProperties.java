package io.borealis.auth.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code borealis.demo.*}. {@code enabled} (default true) lets Borealis seed demo accounts (and,
 * as features land, demo teams) into an empty embedded H2 database. Whatever its value, nothing is
 * seeded into any other database: a real datasource never gets demo accounts.
 */
@ConfigurationProperties("borealis.demo")
public record DemoProperties(Boolean enabled) {

    public DemoProperties {
        enabled = enabled == null || enabled;
    }
}
