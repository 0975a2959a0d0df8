package dev.bursar.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invariants of the design, checked on the compiled classes so a violation breaks the build, not the product. */
class ArchitectureRulesTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bursar");
    }

    /** The rule itself is proven to fail on floating point in {@link MoneyRuleTest}. */
    @Test
    void money_code_never_uses_floating_point() {
        MoneyRule.noFloatingPointIn("dev.bursar.pricing..", "dev.bursar.ledger..", "dev.bursar.budgets..", "dev.bursar.tiers..",
                "dev.bursar.books..").check(classes);
    }

    @Test
    void providers_never_touch_the_ledger_or_the_http_layer() {
        noClasses().that().resideInAPackage("dev.bursar.providers..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.bursar.ledger..", "dev.bursar.storage..", "dev.bursar.http..", "dev.bursar.gateway..")
                .because("adapters report usage; the gateway prices and records it")
                .check(classes);
    }

    @Test
    void only_the_cli_exits_the_process() {
        noClasses().that().resideOutsideOfPackage("dev.bursar.cli..")
                .should().callMethod(System.class, "exit", int.class)
                .check(classes);
    }

    @Test
    void the_domain_does_not_depend_on_the_web_server() {
        noClasses().that().resideOutsideOfPackage("dev.bursar.http..")
                .should().dependOnClassesThat().resideInAPackage("io.helidon..")
                .because("Helidon stays behind the http package")
                .check(classes);
    }
}
