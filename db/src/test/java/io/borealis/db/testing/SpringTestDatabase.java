package io.borealis.db.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring test context at a fresh database of the kind chosen with
 * {@code -Dborealis.test.database=h2|postgres} (H2 when unset). Use it from a
 * {@code @DynamicPropertySource} method; each new context gets its own database.
 */
public final class SpringTestDatabase {

    private SpringTestDatabase() {}

    /** Creates a database and registers the {@code spring.datasource.*} properties for it. */
    public static TestDatabase register(DynamicPropertyRegistry registry) {
        return register(registry, TestDatabase.Kind.selected());
    }

    /** Creates a database of the given kind and registers the {@code spring.datasource.*} properties. */
    public static TestDatabase register(DynamicPropertyRegistry registry, TestDatabase.Kind kind) {
        TestDatabase database = TestDatabase.create(kind);
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        return database;
    }
}
