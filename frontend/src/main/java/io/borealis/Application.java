package io.borealis;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import io.borealis.themes.BorealisTheme;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Borealis: the scheduler and its portal in one process. Scans {@code io.borealis} across every
 * module; the app shell carries push (live pages) and the stylesheets (Lumo, then the theme jar).
 */
@SpringBootApplication
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(BorealisTheme.STYLESHEET)
public class Application implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }

    /** The one source of time for services and views, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
