package dev.bursar.ledger;

import dev.bursar.focus.FocusColumns;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One ledger row as one FOCUS 1.2 Usage charge, in {@link FocusColumns#all()} order. Every cost column is the
 * row's exact cost: Bursar books list price with no negotiated discount or commitment, so
 * {@code ListCost = ContractedCost = BilledCost = EffectiveCost}, and the export's BilledCost sums to the ledger's
 * total to the last digit. The charge period is the UTC hour of the attempt, the billing period its calendar month;
 * the tokens (input + output) are the {@code PricingQuantity} in {@code Tokens}, their classes in x_ columns.
 * The provider the call went to invoices, sells and publishes it; a cache hit (no provider) is Bursar's own.
 */
final class FocusRows {

    static final String CURRENCY = "USD";
    static final String UNIT = "Tokens";

    private FocusRows() {
    }

    static List<Object> values(UsageEvent e) {
        String provider = e.models().provider() == null || e.models().provider().isBlank() ? "bursar"
                : e.models().provider();
        BigDecimal cost = e.charge().costUsd();
        Instant hour = e.time().truncatedTo(ChronoUnit.HOURS);
        YearMonth month = YearMonth.from(e.time().atOffset(ZoneOffset.UTC));
        long tokens = e.usage().totalTokens();
        List<Object> v = new ArrayList<>(FocusColumns.all().size());
        v.add(cost); // BilledCost
        v.add(provider); // BillingAccountId: the provider account the call was billed to
        v.add(null); // BillingAccountName
        v.add(CURRENCY);
        v.add(month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString()); // BillingPeriodEnd
        v.add(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString()); // BillingPeriodStart
        v.add("Usage"); // ChargeCategory
        v.add(null); // ChargeClass: nothing is a correction
        v.add(description(e));
        v.add(hour.plus(1, ChronoUnit.HOURS).toString()); // ChargePeriodEnd
        v.add(hour.toString()); // ChargePeriodStart
        v.add(cost); // ContractedCost
        v.add(cost); // EffectiveCost
        v.add(provider); // InvoiceIssuerName
        v.add(cost); // ListCost
        v.add(tokens); // PricingQuantity
        v.add(UNIT);
        v.add(provider); // ProviderName
        v.add(provider); // PublisherName
        v.add("AI and Machine Learning"); // ServiceCategory
        v.add(serviceName(e));
        v.add("Usage-Based"); // ChargeFrequency
        v.add(tokens); // ConsumedQuantity
        v.add(UNIT); // ConsumedUnit
        v.add("Generative AI"); // ServiceSubcategory
        custom(v, e);
        return v;
    }

    private static void custom(List<Object> v, UsageEvent e) {
        var a = e.attribution();
        var u = e.usage();
        v.add(e.eventId());
        v.add(e.requestId());
        v.add(e.time().toString());
        v.add(a.keyId());
        v.add(a.customer());
        v.add(a.user());
        v.add(a.team());
        v.add(a.feature());
        v.add(a.environment());
        v.add(a.promptVersion());
        v.add(e.models().requested());
        v.add(e.models().served());
        v.add(e.call().endpoint() == null ? null : e.call().endpoint().label());
        v.add(e.outcome().status().label());
        v.add(CacheLabel.of(e.call().cacheOutcome()));
        v.add(u.inputTokens());
        v.add(u.cachedInputTokens());
        v.add(u.cacheWrite5mTokens());
        v.add(u.cacheWrite1hTokens());
        v.add(u.outputTokens());
        v.add(u.reasoningTokens());
        v.add(e.charge().priceVersion());
        v.add(e.charge().estimated());
        v.add(e.charge().savedUsd());
        for (int i = 0; i < 5; i++) {
            v.add(null); // x_CostItem .. x_CostSource: the books' cost item rows fill them, a call has none
        }
    }

    /** One service per endpoint and provider ("openai messages" would be a second service of the same provider). */
    private static String serviceName(UsageEvent e) {
        String endpoint = e.call().endpoint() == null ? "cache" : e.call().endpoint().label();
        return "LLM " + endpoint;
    }

    private static String description(UsageEvent e) {
        var u = e.usage();
        String model = e.models().served() == null ? "(no model)" : e.models().served();
        return model + ": " + u.inputTokens() + " input tokens (" + u.cachedInputTokens() + " cached, "
                + u.cacheWriteTokens() + " cache writes), " + u.outputTokens() + " output tokens, "
                + e.outcome().status().label() + (e.call().cacheOutcome() != null
                && e.call().cacheOutcome().startsWith("hit") ? ", answered from Bursar's cache" : "");
    }
}
