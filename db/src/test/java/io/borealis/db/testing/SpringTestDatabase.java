package io.borealis.db.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring test context at a fresh database of the kind chosen with
 * {@code -Dborealis.test.database=h2|postgres} (H2 when unset). Use it from a
 * {@code @DynamicPropertySource} method; each new context gets its own database. It also sets what
 * every test context needs besides a database: a fixed audit-log key and the audit head file under
 * {@code target}, so tests never write into {@code ./data}.
 */
public final class SpringTestDatabase {

    /** The audit-log key of every test context (tests only). */
    public static final String TEST_AUDIT_KEY = "test-audit-key-0123456789-abcdefghijklmnopqrstuvwxyz";

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
        registry.add("spring.flyway.locations", () -> "classpath:db/migration,classpath:db/vendor/{vendor}");
        registry.add("spring.flyway.placeholders.app_role", () -> "");
        registry.add("borealis.audit.key", () -> TEST_AUDIT_KEY);
        String head = "target/audit-head-" + java.util.UUID.randomUUID();
        registry.add("borealis.audit.head-file", () -> head);
        return database;
    }
}
