package io.borealis.web.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.borealis.themes.BorealisTheme;
import io.borealis.ui.login.LoginView;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;

/**
 * Sign-in for people: Spring Security form login posted by the Vaadin login view, sessions with
 * fixation protection, logout, and Vaadin's navigation access control (views carry
 * {@code @PermitAll} / {@code @RolesAllowed}, services check again). Health is open; every other
 * actuator endpoint needs a signed-in person.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    /** Query parameters the login view reads to explain why a sign-in failed. */
    public static final String FAILED = "error";

    public static final String LOCKED = "locked";
    public static final String DISABLED = "disabled";

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, AuditLogoutHandler auditLogout) throws Exception {
        http.authorizeHttpRequests(
                auth -> auth.requestMatchers(BorealisTheme.PATH_PATTERN, "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .authenticated());
        // a new session id on sign-in (the default, stated so nobody loses it by accident)
        http.sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()));
        http.with(
                VaadinSecurityConfigurer.vaadin(),
                vaadin -> vaadin.loginView(LoginView.class).addLogoutHandler(auditLogout));
        // Say why a sign-in failed: a locked or disabled account gets its own message. This must come
        // after the Vaadin configurer: a form-login configurer created earlier is initialised before
        // Vaadin sets the login page, and Spring Security would then serve its own generated page.
        http.formLogin(form -> form.failureHandler(failureHandler()));
        return http.build();
    }

    private static ExceptionMappingAuthenticationFailureHandler failureHandler() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/" + LoginView.ROUTE + "?" + FAILED);
        handler.setExceptionMappings(Map.of(
                LockedException.class.getName(), "/" + LoginView.ROUTE + "?" + LOCKED,
                DisabledException.class.getName(), "/" + LoginView.ROUTE + "?" + DISABLED));
        return handler;
    }
}
