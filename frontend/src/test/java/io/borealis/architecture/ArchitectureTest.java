package io.borealis.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.springframework.stereotype.Repository;

/**
 * The package rules of ARCHITECTURE.md, checked over every module's production classes (this
 * module's test classpath sees them all). Module direction and "no Vaadin or Selenium below
 * frontend" are Maven's job (module graph and the Enforcer); these are the rules Maven cannot see.
 */
@AnalyzeClasses(packages = "io.borealis", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Views and REST controllers go through application services, never straight to storage. */
    @ArchTest
    static final ArchRule views_and_controllers_never_touch_repositories = noClasses()
            .that()
            .resideInAnyPackage("io.borealis.ui..", "io.borealis.web..")
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(Repository.class)
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Repository")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..");

    /** OkHttp (and its Okio) is an implementation detail of the Mesos adapter. */
    @ArchTest
    static final ArchRule okhttp_only_in_the_mesos_adapter = noClasses()
            .that()
            .resideOutsideOfPackage("io.borealis.cluster.mesos..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("okhttp3..", "okio..");

    /** The rest of the code talks to a cluster through the port, never to an adapter directly. */
    @ArchTest
    static final ArchRule adapters_are_reached_only_through_the_cluster_port = noClasses()
            .that()
            .resideOutsideOfPackages("io.borealis.cluster..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.borealis.cluster.local..", "io.borealis.cluster.mesos..");

    /** State machines depend on nothing but Java and their own package. */
    @ArchTest
    static final ArchRule state_machines_depend_only_on_java =
            classes().that().haveSimpleNameEndingWith("StateMachine").should(dependOnlyOnJavaAndTheirOwnPackage());

    /** Policies (access, quota, passwords, flapping) and placement are pure: no framework, no I/O. */
    @ArchTest
    static final ArchRule policies_are_pure = classes()
            .that()
            .haveSimpleNameEndingWith("Policy")
            .or()
            .haveSimpleName("Placement")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.borealis..")
            .andShould()
            .onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.not(
                    com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith(
                                    org.springframework.stereotype.Component.class)
                            .or(com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith(
                                    org.springframework.stereotype.Component.class))));

    /** The UI toolkit stays in the web tier, even inside the frontend module. */
    @ArchTest
    static final ArchRule vaadin_only_in_the_ui = noClasses()
            .that()
            .resideOutsideOfPackages("io.borealis.ui..", "io.borealis.web.security..", "io.borealis")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.vaadin..");

    private static ArchCondition<JavaClass> dependOnlyOnJavaAndTheirOwnPackage() {
        return new ArchCondition<>("depend only on java.* and their own package") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    String targetPackage = target.getPackageName();
                    boolean allowed = targetPackage.startsWith("java.")
                            || target.isPrimitive()
                            || (target.isArray()
                                    && target.getBaseComponentType()
                                            .getPackageName()
                                            .startsWith("java."))
                            || targetPackage.equals(item.getPackageName());
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
