package dev.bursar.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.bursar.architecture.fixture.pricing.BigDecimalFromDouble;
import dev.bursar.architecture.fixture.pricing.BoxedReturn;
import dev.bursar.architecture.fixture.pricing.DoubleField;
import dev.bursar.architecture.fixture.pricing.DoubleList;
import dev.bursar.architecture.fixture.pricing.ExactPrice;
import dev.bursar.architecture.fixture.pricing.FloatParameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The money rule fails on floating point however it is spelled, and passes on exact money. */
class MoneyRuleTest {

    private static final String FIXTURES = "dev.bursar.architecture.fixture.pricing..";

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of(DoubleField.class, "pricePerToken"),
                Arguments.of(FloatParameter.class, "times"),
                Arguments.of(BoxedReturn.class, "asNumber"),
                Arguments.of(DoubleList.class, "tierPrices"),
                Arguments.of(BigDecimalFromDouble.class, "BigDecimal.valueOf(double)"),
                Arguments.of(BigDecimalFromDouble.class, "BigDecimal.<init>(double)"),
                Arguments.of(BigDecimalFromDouble.class, "BigDecimal.doubleValue()"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("violations")
    void the_rule_fails_on_floating_point(Class<?> fixture, String offendingMember) {
        EvaluationResult result = MoneyRule.noFloatingPointIn(FIXTURES).evaluate(new ClassFileImporter().importClasses(fixture));

        assertThat(result.hasViolation()).as("the rule fails on " + fixture.getSimpleName()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains(offendingMember);
    }

    @Test
    void the_rule_passes_on_exact_money() {
        JavaClasses exact = new ClassFileImporter().importClasses(ExactPrice.class);

        assertThat(MoneyRule.noFloatingPointIn(FIXTURES).evaluate(exact).getFailureReport().getDetails()).isEmpty();
    }
}
