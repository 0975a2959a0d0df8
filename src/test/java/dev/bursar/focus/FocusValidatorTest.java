package dev.bursar.focus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.csv.CsvWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The validator passes a correct FOCUS 1.2 row and names the column of each rule a broken row breaks. */
class FocusValidatorTest {

    /** A correct row, as Bursar's export writes one (with a tag that has a comma and a quote in it). */
    static Map<String, String> validRow() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("BilledCost", "0.0123");
        r.put("BillingAccountId", "openai");
        r.put("BillingAccountName", null);
        r.put("BillingCurrency", "USD");
        r.put("BillingPeriodEnd", "2026-12-01T00:00:00Z");
        r.put("BillingPeriodStart", "2026-11-01T00:00:00Z");
        r.put("ChargeCategory", "Usage");
        r.put("ChargeClass", null);
        r.put("ChargeDescription", "gpt-4o: 1000 input tokens (0 cached, 0 cache writes), 200 output tokens, ok");
        r.put("ChargePeriodEnd", "2026-11-05T11:00:00Z");
        r.put("ChargePeriodStart", "2026-11-05T10:00:00Z");
        r.put("ContractedCost", "0.0123");
        r.put("EffectiveCost", "0.0123");
        r.put("InvoiceIssuerName", "openai");
        r.put("ListCost", "0.0123");
        r.put("PricingQuantity", "1200");
        r.put("PricingUnit", "Tokens");
        r.put("ProviderName", "openai");
        r.put("PublisherName", "openai");
        r.put("ServiceCategory", "AI and Machine Learning");
        r.put("ServiceName", "LLM chat");
        r.put("ServiceSubcategory", "Generative AI");
        r.put("x_Customer", "acme, \"inc\"");
        return r;
    }

    static String csv(Map<String, String> row) {
        StringBuilder sb = new StringBuilder();
        CsvWriter w = new CsvWriter(sb);
        w.row(new ArrayList<>(row.keySet()));
        w.row(new ArrayList<>(row.values()));
        return sb.toString();
    }

    @Test
    void aCorrectRowPassesAndItsBilledCostIsSummedExactly() {
        FocusValidator.Result r = FocusValidator.validate(csv(validRow()) + csv(validRow()).lines().skip(1)
                .findFirst().orElseThrow() + "\r\n");

        assertThat(r.violations()).isEmpty();
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.billedCost()).isEqualByComparingTo("0.0246");
    }

    static Stream<Arguments> brokenRows() {
        return Stream.of(
                broken("BilledCost", r -> r.put("BilledCost", "1,5"), "is not a decimal"),
                broken("EffectiveCost", r -> r.put("EffectiveCost", "0.0124"), "differs from BilledCost"),
                broken("ListCost", r -> r.put("ListCost", null), "must not be null"),
                broken("ChargeCategory", r -> r.put("ChargeCategory", "usage"), "is not one of"),
                broken("ChargeClass", r -> r.put("ChargeClass", "Refund"), "must be null or 'Correction'"),
                broken("ServiceCategory", r -> r.put("ServiceCategory", "AI"), "not an allowed service category"),
                broken("BillingCurrency", r -> r.put("BillingCurrency", "usd"), "not an ISO 4217 code"),
                broken("ProviderName", r -> r.put("ProviderName", null), "must not be null"),
                broken("ChargePeriodStart", r -> r.put("ChargePeriodStart", "2026-11-05 10:00"), "not a UTC date/time"),
                broken("ChargePeriodEnd", r -> r.put("ChargePeriodEnd", "2026-11-05T10:00:00Z"),
                        "must be after ChargePeriodStart"),
                broken("ChargePeriodStart", r -> r.put("ChargePeriodStart", "2026-10-31T23:00:00Z"),
                        "is before BillingPeriodStart"),
                broken("ChargePeriodEnd", r -> {
                    r.put("ChargePeriodStart", "2026-11-30T23:00:00Z");
                    r.put("ChargePeriodEnd", "2026-12-01T01:00:00Z");
                }, "is after BillingPeriodEnd"),
                broken("PricingQuantity", r -> r.put("PricingQuantity", "1.2k"), "is not a decimal"),
                broken("PricingQuantity", r -> {
                    r.put("PricingQuantity", null);
                    r.put("PricingUnit", null);
                }, "must not be null for Usage"),
                broken("PricingUnit", r -> r.put("PricingUnit", null), "null exactly when PricingQuantity is"),
                broken("PublisherName", r -> r.remove("PublisherName"), "Mandatory column missing"),
                broken("Customer", r -> r.put("Customer", "acme"), "neither a FOCUS 1.2 column nor an x_"),
                broken("ServiceSubcategory", r -> {
                    r.remove("ServiceSubcategory");
                    r.put("ServiceSubcategory", "Generative AI");
                }, "a FOCUS column after custom x_ columns"));
    }

    private static Arguments broken(String column, Consumer<Map<String, String>> change, String message) {
        return Arguments.of(column, change, message);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("brokenRows")
    void aWrongColumnIsNamed(String column, Consumer<Map<String, String>> change, String message) {
        Map<String, String> row = validRow();
        change.accept(row);

        List<FocusValidator.Violation> v = FocusValidator.validate(csv(row)).violations();

        assertThat(v).as(v.toString()).anySatisfy(x -> {
            assertThat(x.column()).isEqualTo(column);
            assertThat(x.message()).contains(message);
        });
    }
}
