package dev.bursar.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How a virtual model picks the model that serves a request.
 * <ul>
 *   <li>{@code strategy: rules} tries {@code rules} in order, the first whose {@code when} holds wins, else
 *       {@code default}.</li>
 *   <li>{@code strategy: learned} scores each prompt with the shipped router and sends it to {@code weak} below a
 *       threshold, to {@code strong} at or above it. The threshold comes from {@code quality-target} (the share of
 *       the strong model's quality to keep, default 0.95) unless {@code threshold} sets it directly.</li>
 * </ul>
 */
public record RouteConfig(String strategy, List<RuleConfig> rules, @JsonProperty("default") String defaultModel,
                          String strong, String weak, @JsonProperty("quality-target") Double qualityTarget,
                          Double threshold) {

    public static final List<String> STRATEGIES = List.of("rules", "learned");
    public static final double DEFAULT_QUALITY_TARGET = 0.95;

    public RouteConfig {
        if (strategy == null || !STRATEGIES.contains(strategy)) {
            throw new IllegalArgumentException("route.strategy must be one of " + STRATEGIES + ", got "
                    + (strategy == null ? "nothing" : "'" + strategy + "'"));
        }
        rules = rules == null ? List.of() : List.copyOf(rules);
        if (strategy.equals("rules")) {
            requireRules(rules, defaultModel, strong, weak, qualityTarget, threshold);
        } else {
            requireLearned(rules, defaultModel, strong, weak, qualityTarget, threshold);
            qualityTarget = qualityTarget == null ? DEFAULT_QUALITY_TARGET : qualityTarget;
        }
    }

    /** Rules with a default. */
    public RouteConfig(String strategy, List<RuleConfig> rules, String defaultModel) {
        this(strategy, rules, defaultModel, null, null, null, null);
    }

    public boolean learned() {
        return strategy.equals("learned");
    }

    private static void requireRules(List<RuleConfig> rules, String defaultModel, String strong, String weak,
                                     Double qualityTarget, Double threshold) {
        if (defaultModel == null || defaultModel.isBlank()) {
            throw new IllegalArgumentException("route.default is required: the model a request goes to when no rule matches");
        }
        if (strong != null || weak != null || qualityTarget != null || threshold != null) {
            throw new IllegalArgumentException("'strong', 'weak', 'quality-target' and 'threshold' belong to"
                    + " 'strategy: learned'");
        }
    }

    private static void requireLearned(List<RuleConfig> rules, String defaultModel, String strong, String weak,
                                       Double qualityTarget, Double threshold) {
        if (strong == null || strong.isBlank() || weak == null || weak.isBlank()) {
            throw new IllegalArgumentException("'strategy: learned' needs 'strong' and 'weak': the models a prompt goes"
                    + " to when it needs the better one, and when it does not");
        }
        if (!rules.isEmpty() || defaultModel != null) {
            throw new IllegalArgumentException("'rules' and 'default' belong to 'strategy: rules'");
        }
        if (qualityTarget != null && !(qualityTarget > 0 && qualityTarget <= 1)) {
            throw new IllegalArgumentException("route.quality-target is the share of the strong model's quality to keep,"
                    + " in (0, 1]; got " + qualityTarget);
        }
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("route.threshold is a score in [0, 1]; got " + threshold);
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
