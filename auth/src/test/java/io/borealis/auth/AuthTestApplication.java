package io.borealis.auth;

import io.borealis.db.testing.SpringTestDatabase;
import io.borealis.testing.MutableClock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auth module on its own, for integration tests: its beans, a movable clock, and the same
 * authentication path the app wires (DAO provider + Spring Security's events).
 */
@SpringBootApplication(scanBasePackages = {"io.borealis.auth", "io.borealis.audit"})
public class AuthTestApplication {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    @Bean
    AuthenticationManager authenticationManager(
            UserDetailsService users,
            PasswordEncoder encoder,
            org.springframework.context.ApplicationEventPublisher events) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    /** Base for this module's Spring tests: one fresh database (H2 or PostgreSQL) per context. */
    public abstract static class DatabaseTest {
        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) {
            SpringTestDatabase.register(registry);
        }
    }
}
