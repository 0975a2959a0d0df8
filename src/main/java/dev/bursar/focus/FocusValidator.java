package dev.bursar.focus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a FOCUS 1.2 CSV column by column against the rules of the Mandatory columns: presence, types, nulls,
 * allowed values, the period order {@code BillingPeriodStart <= ChargePeriodStart < ChargePeriodEnd <=
 * BillingPeriodEnd}, {@code PricingUnit} null exactly when {@code PricingQuantity} is, {@code BilledCost =
 * EffectiveCost} for usage without commitment discounts, and custom columns prefixed {@code x_} after the FOCUS ones.
 */
public final class FocusValidator {

    static final Set<String> CHARGE_CATEGORIES = Set.of("Usage", "Purchase", "Tax", "Credit", "Adjustment");
    static final Set<String> SERVICE_CATEGORIES = Set.of("AI and Machine Learning", "Analytics",
            "Business Applications", "Compute", "Databases", "Developer Tools", "Multicloud", "Identity",
            "Integration", "Internet of Things", "Management and Governance", "Media", "Migration", "Mobile",
            "Networking", "Security", "Storage", "Web", "Other");
    private static final List<String> METRICS = List.of("BilledCost", "EffectiveCost", "ListCost", "ContractedCost");
    private static final List<String> NOT_NULL = List.of("BillingAccountId", "BillingCurrency", "ChargeCategory",
            "InvoiceIssuerName", "ProviderName", "PublisherName", "ServiceName", "ServiceCategory");
    private static final List<String> PERIODS = List.of("BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart",
            "ChargePeriodEnd");
    /** FOCUS Date/Time format: ISO 8601 in UTC, {@code YYYY-MM-DDTHH:mm:ssZ}. */
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** One broken rule: {@code row} is 1 for the first data row, 0 for the header. */
    public record Violation(int row, String column, String message) {
        @Override
        public String toString() {
            return "row " + row + ", " + column + ": " + message;
        }
    }

    /** What was found, and the BilledCost total of the rows (exact). */
    public record Result(List<Violation> violations, int rows, BigDecimal billedCost) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private FocusValidator() {
    }

    public static Result validate(String csv) {
        List<List<String>> table = FocusCsv.parse(csv);
        List<Violation> v = new ArrayList<>();
        if (table.isEmpty()) {
            v.add(new Violation(0, "(header)", "no header row"));
            return new Result(v, 0, BigDecimal.ZERO);
        }
        Map<String, Integer> at = header(table.getFirst(), v);
        if (!v.isEmpty()) {
            return new Result(v, table.size() - 1, BigDecimal.ZERO);
        }
        BigDecimal billed = BigDecimal.ZERO;
        for (int r = 1; r < table.size(); r++) {
            List<String> cells = table.get(r);
            if (cells.size() != at.size()) {
                v.add(new Violation(r, "(row)", cells.size() + " cells for " + at.size() + " columns"));
                continue;
            }
            Row row = new Row(r, cells, at, v);
            FocusRules.check(row);
            billed = billed.add(row.decimal("BilledCost") == null ? BigDecimal.ZERO : row.decimal("BilledCost"));
        }
        return new Result(List.copyOf(v), table.size() - 1, billed);
    }

    private static Map<String, Integer> header(List<String> names, List<Violation> v) {
        Map<String, Integer> at = new HashMap<>();
        boolean custom = false;
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i) == null ? "" : names.get(i);
            at.put(n, i);
            if (n.startsWith("x_")) {
                custom = true;
            } else if (!FocusColumns.SPEC.contains(n)) {
                v.add(new Violation(0, n, "neither a FOCUS 1.2 column nor an x_ custom column"));
            } else if (custom) {
                v.add(new Violation(0, n, "a FOCUS column after custom x_ columns"));
            }
        }
        FocusColumns.MANDATORY.stream().filter(m -> !at.containsKey(m))
                .forEach(m -> v.add(new Violation(0, m, "Mandatory column missing")));
        return at;
    }

    /** One data row's cells by column name; reading a cell of the wrong type records the violation. */
    static final class Row {
        final int number;
        private final List<String> cells;
        private final Map<String, Integer> at;
        private final List<Violation> violations;

        Row(int number, List<String> cells, Map<String, Integer> at, List<Violation> violations) {
            this.number = number;
            this.cells = cells;
            this.at = at;
            this.violations = violations;
        }

        String text(String column) {
            Integer i = at.get(column);
            return i == null ? null : cells.get(i);
        }

        void fail(String column, String message) {
            violations.add(new Violation(number, column, message));
        }

        BigDecimal decimal(String column) {
            String s = text(column);
            if (s == null) {
                return null;
            }
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                return null; // reported by the type rule
            }
        }

        Instant time(String column) {
            String s = text(column);
            if (s == null || !DATE_TIME.matcher(s).matches()) {
                return null;
            }
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    static List<String> metrics() {
        return METRICS;
    }

    static List<String> notNull() {
        return NOT_NULL;
    }

    static List<String> periods() {
        return PERIODS;
    }

    static boolean currency(String s) {
        return CURRENCY.matcher(s).matches();
    }
}
