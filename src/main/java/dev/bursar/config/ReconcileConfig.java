package dev.bursar.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scheduled reconciliation (issue 12, part 2): with an admin key, the running gateway pulls the provider's own usage
 * and cost reports for yesterday (UTC) every {@code every}, first at {@code hour}:00 UTC, and keeps them beside the
 * ledger.
 *
 * <pre>
 * reconcile:
 *   openai: { admin-key: ${OPENAI_ADMIN_KEY} }         # base-url: for a proxy or a test double
 *   anthropic: { admin-key: ${ANTHROPIC_ADMIN_KEY} }
 *   every: 1d
 *   hour: 6             # UTC; providers finish the previous day's report in the early hours
 *   percent: 1          # a stored row is beyond tolerance past this percent of the provider's number...
 *   min-usd: 0.01       # ...and (for dollars) past this amount, as bursar reconcile's --tolerance-pct/-usd
 *   retry-days: 7       # a failed day is retried at every cycle for this long
 * </pre>
 *
 * @param openai    OpenAI's Admin API ({@code /v1/organization/costs}, {@code /v1/organization/usage/completions})
 * @param anthropic Anthropic's Admin API ({@code /v1/organizations/cost_report}, {@code .../usage_report/messages})
 */
public record ReconcileConfig(Admin openai, Admin anthropic, Duration every, Integer hour, BigDecimal percent,
                              BigDecimal minUsd, Integer retryDays) {

    /** One provider's Admin API: the admin key (not the inference key) and, optionally, another API root. */
    public record Admin(String adminKey, String baseUrl) {

        /** True when a key is given (an empty {@code ${VAR:-}} leaves the provider out). */
        public boolean configured() {
            return adminKey != null && !adminKey.isBlank();
        }
    }

    public ReconcileConfig {
        every = every == null ? Duration.ofDays(1) : every;
        hour = hour == null ? 6 : hour;
        percent = percent == null ? BigDecimal.ONE : percent;
        minUsd = minUsd == null ? new BigDecimal("0.01") : minUsd;
        retryDays = retryDays == null ? 7 : retryDays;
        if (every.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("every must be at least 1m, got " + every);
        }
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour is the UTC hour of the day's pull, 0 to 23, got " + hour);
        }
        if (percent.signum() < 0 || minUsd.signum() < 0) {
            throw new IllegalArgumentException("percent and min-usd cannot be negative");
        }
        if (retryDays < 1) {
            throw new IllegalArgumentException("retry-days must be at least 1, got " + retryDays);
        }
    }

    public static ReconcileConfig off() {
        return new ReconcileConfig(null, null, null, null, null, null, null);
    }

    /** The providers with an admin key, by catalog provider name ("openai", "anthropic"). */
    public Map<String, Admin> admins() {
        Map<String, Admin> out = new LinkedHashMap<>();
        if (openai != null && openai.configured()) {
            out.put("openai", openai);
        }
        if (anthropic != null && anthropic.configured()) {
            out.put("anthropic", anthropic);
        }
        return out;
    }

    private static final java.util.regex.Pattern WHOLE_REF =
            java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /**
     * Leaves out a provider whose {@code admin-key} is exactly {@code ${VAR}} with VAR unset, with a warning: the
     * documented config names both providers, and a deployment with one admin key should still start (as provider
     * api-keys do, see {@link UnsetProviderKeys}). Any other missing variable stays an error.
     */
    static com.fasterxml.jackson.databind.JsonNode leaveOutUnsetKeys(com.fasterxml.jackson.databind.JsonNode tree,
            Map<String, String> env, String source, java.util.function.Consumer<String> warn) {
        if (!(tree.get("reconcile") instanceof com.fasterxml.jackson.databind.node.ObjectNode reconcile)) {
            return tree;
        }
        for (String provider : java.util.List.of("openai", "anthropic")) {
            com.fasterxml.jackson.databind.JsonNode key = reconcile.path(provider).path("admin-key");
            java.util.regex.Matcher m = WHOLE_REF.matcher(key.isTextual() ? key.asText().strip() : "");
            if (m.matches() && env.get(m.group(1)) == null) {
                reconcile.remove(provider);
                warn.accept(source + ": reconcile." + provider + " left out: its admin-key refers to " + m.group(1)
                        + ", which is not set; " + provider + "'s reports are not pulled");
            }
        }
        return tree;
    }

    /** True when at least one provider has an admin key: only then does the gateway pull. */
    public boolean enabled() {
        return !admins().isEmpty();
    }
}
