package io.borealis.web.api;

/** Where the REST API lives. */
public final class ApiPaths {

    /** Every endpoint is below this. */
    public static final String BASE = "/api/v1";

    /** The OpenAPI document (springdoc.api-docs.path). */
    public static final String OPENAPI = BASE + "/openapi.json";

    /** Swagger UI (springdoc.swagger-ui.path). */
    public static final String DOCS = "/api/docs";

    /** Swagger UI's own files (springdoc serves them next to the docs path). */
    public static final String DOCS_ASSETS = "/api/swagger-ui";

    static final String JOBS = BASE + "/jobs";
    static final String TASKS = BASE + "/tasks";
    static final String TEAMS = BASE + "/teams";
    static final String USERS = BASE + "/users";
    static final String TOKENS = BASE + "/tokens";
    static final String AUDIT = BASE + "/audit";
    static final String ROLLOUTS = BASE + "/rollouts";

    private ApiPaths() {}
}
