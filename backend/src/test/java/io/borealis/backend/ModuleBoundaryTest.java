package io.borealis.backend;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What the Maven Enforcer rule in the parent pom guarantees, seen from inside the module: neither
 * the UI toolkit nor the browser driver is on this module's classpath.
 */
class ModuleBoundaryTest {

    @Test
    void vaadinIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("com.vaadin.flow.component.Component"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void seleniumIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("org.openqa.selenium.WebDriver"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
