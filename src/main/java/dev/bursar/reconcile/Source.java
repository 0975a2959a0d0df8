package dev.bursar.reconcile;

/**
 * Which provider report a file holds. Usage reports carry tokens and no dollars; cost reports carry dollars and (as
 * Bursar reads them) no tokens, so a reconciliation compares whichever of the two its report has.
 */
public enum Source {
    /** OpenAI {@code GET /v1/organization/costs}: {@code amount.value} in dollars. */
    OPENAI_COSTS("openai", "--openai-costs", true),
    /** OpenAI {@code GET /v1/organization/usage/completions}, grouped by model. */
    OPENAI_USAGE("openai", "--openai-usage", false),
    /** Anthropic {@code GET /v1/organizations/cost_report}: {@code amount} in cents, as a decimal string. */
    ANTHROPIC_COST("anthropic", "--anthropic-cost", true),
    /** Anthropic {@code GET /v1/organizations/usage_report/messages}, grouped by model. */
    ANTHROPIC_USAGE("anthropic", "--anthropic-usage", false);

    private final String provider;
    private final String option;
    private final boolean dollars;

    Source(String provider, String option, boolean dollars) {
        this.provider = provider;
        this.option = option;
        this.dollars = dollars;
    }

    /** The source an option names without its dashes ({@code openai-costs}); the error lists the names. */
    public static Source named(String name) {
        for (Source s : values()) {
            if (s.option.substring(2).equals(name.strip().toLowerCase(java.util.Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown report '" + name + "'; use openai-costs, openai-usage,"
                + " anthropic-cost or anthropic-usage");
    }

    /** The catalog's provider name ({@code openai}, {@code anthropic}). */
    public String provider() {
        return provider;
    }

    /** The {@code bursar reconcile} option that reads this report. */
    public String option() {
        return option;
    }

    /** True for cost reports (dollars compared), false for usage reports (tokens compared). */
    public boolean dollars() {
        return dollars;
    }
}
