package dev.bursar.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * The conditions of one routing rule; every condition given must hold, an absent one is not tested. A tag condition
 * takes a string or a list (any of them matches); the token thresholds are inclusive and count the prompt locally.
 *
 * @param key            key ids
 * @param maxInputTokens matches prompts of at most this many tokens
 * @param minInputTokens matches prompts of at least this many tokens
 * @param hasTools       whether the request defines tools
 * @param hasImages      whether any message carries an image
 * @param header         a request header and the value(s) it must have
 */
public record WhenConfig(
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> feature,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> customer,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> team,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> user,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> environment,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> key,
        Long maxInputTokens,
        Long minInputTokens,
        Boolean hasTools,
        Boolean hasImages,
        HeaderCondition header) {

    public WhenConfig {
        feature = values("feature", feature);
        customer = values("customer", customer);
        team = values("team", team);
        user = values("user", user);
        environment = values("environment", environment);
        key = values("key", key);
        if (maxInputTokens != null && maxInputTokens < 0 || minInputTokens != null && minInputTokens < 0) {
            throw new IllegalArgumentException("max-input-tokens and min-input-tokens must not be negative");
        }
    }

    /** Whether a condition needs the prompt's token count (counting is skipped when none does). */
    public boolean countsTokens() {
        return maxInputTokens != null || minInputTokens != null;
    }

    private static List<String> values(String name, List<String> given) {
        if (given == null) {
            return null;
        }
        if (given.isEmpty() || given.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new IllegalArgumentException("'" + name + "' must be a value or a non-empty list of values");
        }
        return List.copyOf(given);
    }

    /** {@code header: { name: X-Tier, value: gold }}: the header's name is case-insensitive, its value is not. */
    public record HeaderCondition(
            String name,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> value) {
        public HeaderCondition {
            if (name == null || name.isBlank() || value == null || value.isEmpty()) {
                throw new IllegalArgumentException("header needs 'name' and 'value'");
            }
            value = List.copyOf(value);
        }
    }
}
