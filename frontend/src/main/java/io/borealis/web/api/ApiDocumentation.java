package io.borealis.web.api;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@value ApiPaths#OPENAPI} (Swagger UI at {@value ApiPaths#DOCS}): the
 * bearer-token scheme on every operation, and the {@link ApiError} answers each operation may give.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String BEARER = "bearerToken";

    @Bean
    OpenAPI borealisOpenApi(org.springframework.beans.factory.ObjectProvider<BuildProperties> build) {
        String version =
                build.getIfAvailable() == null ? "dev" : build.getIfAvailable().getVersion();
        return new OpenAPI()
                .info(new Info()
                        .title("Borealis REST API")
                        .version(version)
                        .description("Jobs, tasks, logs, agents, teams, quotas, users and tokens: the same operations "
                                + "as the portal, with the same permissions. Authenticate with a personal API token "
                                + "from the portal's API tokens page: 'Authorization: Bearer brl_...'. Every error "
                                + "is an ApiError: status, code, message, fieldErrors."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("brl_<id>_<secret>")
                                        .description("A personal API token from the portal's API tokens page")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Adds the ApiError schema and the error answers: 400, 401, 403, 404 everywhere, 409 on changes. */
    @Bean
    OpenApiCustomizer errorResponses() {
        return openApi -> {
            Map<String, Schema> schemas = ModelConverters.getInstance().read(ApiError.class);
            schemas.forEach(openApi.getComponents()::addSchemas);
            openApi.getPaths()
                    .values()
                    .forEach(path -> operations(path).forEach((method, operation) -> {
                        ApiResponses responses = operation.getResponses();
                        add(responses, "400", "Bad input: see fieldErrors");
                        add(responses, "401", "No token, or a bad, expired or revoked one");
                        add(responses, "403", "You may not do this; the message says who can grant it");
                        add(responses, "404", "No such job, task, team, user or token");
                        if (method != PathItem.HttpMethod.GET) {
                            add(responses, "409", "Conflicts with the current state, or the team's quota is short");
                        }
                    }));
        };
    }

    private static Map<PathItem.HttpMethod, io.swagger.v3.oas.models.Operation> operations(PathItem path) {
        return path.readOperationsMap() == null ? new LinkedHashMap<>() : path.readOperationsMap();
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(
                    status,
                    new ApiResponse()
                            .description(description)
                            .content(new Content()
                                    .addMediaType(
                                            "application/json",
                                            new MediaType()
                                                    .schema(new Schema<>().$ref("#/components/schemas/ApiError")))));
        }
    }
}
