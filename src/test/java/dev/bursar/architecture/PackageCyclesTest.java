package dev.bursar.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure as build rules: each feature package has one direction to its neighbours, so the folder
 * tree reads like the architecture and a change in one package cannot ripple back into itself.
 */
class PackageCyclesTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bursar");
    }

    @Test
    void top_level_packages_are_free_of_cycles() {
        slices().matching("dev.bursar.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void the_gateway_sees_only_the_provider_contract_not_an_adapter() {
        noClasses().that().resideInAPackage("dev.bursar.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.bursar.providers.anthropic..", "dev.bursar.providers.openai..",
                        "dev.bursar.providers.gemini..", "dev.bursar.providers.sim..")
                .because("the request path reaches adapters through dev.bursar.providers.Provider and speaks to clients through dev.bursar.wire")
                .check(classes);
    }

    @Test
    void the_client_wire_does_not_know_providers() {
        noClasses().that().resideInAPackage("dev.bursar.wire..")
                .should().dependOnClassesThat().resideInAPackage("dev.bursar.providers..")
                .because("providers answer in the client's wire, so they depend on it, never the other way round")
                .check(classes);
    }
}
