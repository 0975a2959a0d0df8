package dev.bursar.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package structure as build rules: each top-level package has one direction to its neighbours, so the folder
 * tree reads like the architecture and a change in one package cannot ripple back into itself. Each rule is proven
 * to fail on a miniature that breaks it ({@code fixture.layers}).
 */
class PackageCyclesTest {

    private static final String FIXTURE = "dev.bursar.architecture.fixture.layers";

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bursar");
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule gatewaySeesOnlyTheProviderContract(String root) {
        return noClasses().that().resideInAPackage(root + ".gateway..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        root + ".providers.anthropic..", root + ".providers.openai..",
                        root + ".providers.gemini..", root + ".providers.sim..")
                .because("the request path reaches adapters through the Provider contract and speaks to clients through wire");
    }

    static ArchRule wireKnowsNoProvider(String root) {
        return noClasses().that().resideInAPackage(root + ".wire..")
                .should().dependOnClassesThat().resideInAPackage(root + ".providers..")
                .because("providers answer in the client's wire, so they depend on it, never the other way round");
    }

    @Test
    void top_level_packages_are_free_of_cycles() {
        noCycles("dev.bursar").check(classes);
    }

    @Test
    void the_gateway_sees_only_the_provider_contract_not_an_adapter() {
        gatewaySeesOnlyTheProviderContract("dev.bursar").check(classes);
    }

    @Test
    void the_client_wire_does_not_know_providers() {
        wireKnowsNoProvider("dev.bursar").check(classes);
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("no cycles", (Function<String, ArchRule>) PackageCyclesTest::noCycles, "Cycle detected"),
                Arguments.of("gateway", (Function<String, ArchRule>) PackageCyclesTest::gatewaySeesOnlyTheProviderContract,
                        "RequestPath"),
                Arguments.of("wire", (Function<String, ArchRule>) PackageCyclesTest::wireKnowsNoProvider, "Renderer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void each_rule_fails_on_code_that_breaks_it(String name, Function<String, ArchRule> rule, String offender) {
        EvaluationResult result = rule.apply(FIXTURE).evaluate(new ClassFileImporter().importPackages(FIXTURE));

        assertThat(result.hasViolation()).as(name).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains(offender);
    }
}
