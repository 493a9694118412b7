package io.borealis.web.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@link ApiRequestBody} types with a strict copy of the application's JSON mapper (unknown
 * fields refused); everything else, and every response, goes through the mapper unchanged.
 */
@Configuration(proxyBeanMethods = false)
class ApiJsonConfiguration implements WebMvcConfigurer {

    private final JsonMapper strict;

    ApiJsonConfiguration(JsonMapper mapper) {
        this.strict = mapper.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConverters(converter -> {
            if (converter instanceof JacksonJsonHttpMessageConverter json) {
                json.registerMappersForType(
                        ApiRequestBody.class, mappers -> mappers.put(MediaType.APPLICATION_JSON, strict));
            }
        });
    }
}
