package dev.bursar.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How a virtual model picks the model that serves a request: {@code strategy: rules} tries {@code rules} in order,
 * the first whose {@code when} holds wins, else {@code default}. Only {@code rules} exists now; a learned strategy is
 * planned, so the key is there and other values are refused with the allowed list.
 */
public record RouteConfig(String strategy, List<RuleConfig> rules, @JsonProperty("default") String defaultModel) {

    public static final List<String> STRATEGIES = List.of("rules");

    public RouteConfig {
        if (strategy == null || !STRATEGIES.contains(strategy)) {
            throw new IllegalArgumentException("route.strategy must be one of " + STRATEGIES + ", got "
                    + (strategy == null ? "nothing" : "'" + strategy + "'"));
        }
        rules = rules == null ? List.of() : List.copyOf(rules);
        if (defaultModel == null || defaultModel.isBlank()) {
            throw new IllegalArgumentException("route.default is required: the model a request goes to when no rule matches");
        }
    }

    /** One rule: when every condition of {@code when} holds, the request goes to {@code model}. */
    public record RuleConfig(WhenConfig when, String model) {
        public RuleConfig {
            if (when == null) {
                throw new IllegalArgumentException("a rule needs 'when' (write 'when: {}' to match every request)");
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("a rule needs 'model': the model its requests go to");
            }
        }
    }
}
