package dev.bursar.focus;

import java.math.BigDecimal;
import java.time.Instant;

/** The column rules {@link FocusValidator} applies to each data row. */
final class FocusRules {

    private FocusRules() {
    }

    static void check(FocusValidator.Row row) {
        types(row);
        values(row);
        periods(row);
        pricing(row);
        costs(row);
    }

    private static void types(FocusValidator.Row row) {
        for (String m : FocusValidator.metrics()) {
            String s = row.text(m);
            if (s == null) {
                row.fail(m, "must not be null");
            } else if (row.decimal(m) == null) {
                row.fail(m, "'" + s + "' is not a decimal");
            }
        }
        for (String c : FocusValidator.notNull()) {
            if (row.text(c) == null || row.text(c).isBlank()) {
                row.fail(c, "must not be null");
            }
        }
        for (String p : FocusValidator.periods()) {
            if (row.time(p) == null) {
                row.fail(p, "'" + row.text(p) + "' is not a UTC date/time (YYYY-MM-DDTHH:mm:ssZ)");
            }
        }
    }

    private static void values(FocusValidator.Row row) {
        String category = row.text("ChargeCategory");
        if (category != null && !FocusValidator.CHARGE_CATEGORIES.contains(category)) {
            row.fail("ChargeCategory", "'" + category + "' is not one of " + FocusValidator.CHARGE_CATEGORIES);
        }
        String chargeClass = row.text("ChargeClass");
        if (chargeClass != null && !chargeClass.equals("Correction")) {
            row.fail("ChargeClass", "must be null or 'Correction', not '" + chargeClass + "'");
        }
        String service = row.text("ServiceCategory");
        if (service != null && !FocusValidator.SERVICE_CATEGORIES.contains(service)) {
            row.fail("ServiceCategory", "'" + service + "' is not an allowed service category");
        }
        String currency = row.text("BillingCurrency");
        if (currency != null && !FocusValidator.currency(currency)) {
            row.fail("BillingCurrency", "'" + currency + "' is not an ISO 4217 code");
        }
    }

    private static void periods(FocusValidator.Row row) {
        Instant billingStart = row.time("BillingPeriodStart");
        Instant billingEnd = row.time("BillingPeriodEnd");
        Instant chargeStart = row.time("ChargePeriodStart");
        Instant chargeEnd = row.time("ChargePeriodEnd");
        if (billingStart != null && billingEnd != null && !billingStart.isBefore(billingEnd)) {
            row.fail("BillingPeriodEnd", "must be after BillingPeriodStart");
        }
        if (chargeStart != null && chargeEnd != null && !chargeStart.isBefore(chargeEnd)) {
            row.fail("ChargePeriodEnd", "must be after ChargePeriodStart");
        }
        if (billingStart != null && chargeStart != null && chargeStart.isBefore(billingStart)) {
            row.fail("ChargePeriodStart", "is before BillingPeriodStart");
        }
        if (billingEnd != null && chargeEnd != null && chargeEnd.isAfter(billingEnd)) {
            row.fail("ChargePeriodEnd", "is after BillingPeriodEnd");
        }
    }

    /** PricingQuantity is a decimal, not null for Usage and Purchase; PricingUnit is null exactly when it is. */
    private static void pricing(FocusValidator.Row row) {
        String quantity = row.text("PricingQuantity");
        String category = row.text("ChargeCategory");
        if (quantity != null && row.decimal("PricingQuantity") == null) {
            row.fail("PricingQuantity", "'" + quantity + "' is not a decimal");
        }
        if (quantity == null && ("Usage".equals(category) || "Purchase".equals(category))
                && row.text("ChargeClass") == null) {
            row.fail("PricingQuantity", "must not be null for " + category);
        }
        if ((quantity == null) != (row.text("PricingUnit") == null)) {
            row.fail("PricingUnit", "must be null exactly when PricingQuantity is");
        }
    }

    /** Without commitment discounts (Bursar has none), a usage row's effective cost is what was billed. */
    private static void costs(FocusValidator.Row row) {
        BigDecimal billed = row.decimal("BilledCost");
        BigDecimal effective = row.decimal("EffectiveCost");
        if ("Usage".equals(row.text("ChargeCategory")) && row.text("CommitmentDiscountId") == null
                && billed != null && effective != null && billed.compareTo(effective) != 0) {
            row.fail("EffectiveCost", effective.toPlainString() + " differs from BilledCost " + billed.toPlainString());
        }
    }
}
