package io.borealis.web.security;

import io.borealis.auth.token.ApiTokenService;
import io.borealis.web.api.ApiPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API's security chain, for {@code /api/**} only and ahead of the portal's: personal API
 * tokens as bearer tokens, no sessions, no cookies, no form login, no redirects. CSRF protection is
 * off because a browser never sends a bearer token on its own (the portal's session cookie does not
 * authenticate here). The OpenAPI document and Swagger UI are open; they only describe.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurityConfiguration {

    /** Before the portal's chain, which matches everything else. */
    public static final int ORDER = 1;

    @Bean
    @Order(ORDER)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenService tokens, JsonMapper json) throws Exception {
        ApiErrorResponses errors = new ApiErrorResponses(json);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                HttpMethod.GET,
                                ApiPaths.OPENAPI,
                                ApiPaths.OPENAPI + "/**",
                                ApiPaths.DOCS,
                                ApiPaths.DOCS + "/**",
                                ApiPaths.DOCS_ASSETS + "/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(errors.entryPoint())
                        .accessDeniedHandler(errors.accessDenied()))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, errors), AnonymousAuthenticationFilter.class);
        return http.build();
    }
}
