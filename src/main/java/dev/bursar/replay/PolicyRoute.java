package dev.bursar.replay;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One line of a policy's {@code routes:}: which requests it takes ({@code model}: the model the client asked for or
 * the one that answered; {@code feature}; both when both are given) and where they would go: {@code to} a model (a
 * plain switch), or {@code strategy: learned} between {@code strong} and {@code weak} at {@code quality-target}, as a
 * learned route in {@code bursar.yaml} says.
 */
public record PolicyRoute(String model, String feature, String to, String strategy, String strong, String weak,
                          BigDecimal qualityTarget) {

    static final String LEARNED = "learned";
    static final String SWITCH = "switch";

    public PolicyRoute {
        if (blank(model) && blank(feature)) {
            throw new IllegalArgumentException("a route needs 'model', 'feature' or both (which requests it takes)");
        }
        strategy = blank(strategy) ? (blank(to) ? LEARNED : SWITCH) : strategy.trim().toLowerCase(Locale.ROOT);
        switch (strategy) {
            case SWITCH -> {
                if (blank(to)) {
                    throw new IllegalArgumentException("a switch route needs 'to' (the model it sends requests to)");
                }
                if (!blank(strong) || !blank(weak) || qualityTarget != null) {
                    throw new IllegalArgumentException("'strong', 'weak' and 'quality-target' belong to strategy: learned");
                }
            }
            case LEARNED -> {
                if (blank(strong) || blank(weak)) {
                    throw new IllegalArgumentException("strategy: learned needs 'strong' and 'weak'");
                }
                if (!blank(to)) {
                    throw new IllegalArgumentException("strategy: learned chooses between strong and weak; 'to' is for a switch");
                }
                qualityTarget = qualityTarget == null ? new BigDecimal("0.95") : qualityTarget;
                if (qualityTarget.signum() <= 0 || qualityTarget.compareTo(BigDecimal.ONE) > 0) {
                    throw new IllegalArgumentException("quality-target must be in (0, 1], got " + qualityTarget.toPlainString());
                }
            }
            default -> throw new IllegalArgumentException("strategy must be 'learned' or 'switch', got '" + strategy + "'");
        }
    }

    boolean learned() {
        return strategy.equals(LEARNED);
    }

    /** Whether this route takes a request of {@code feature} that asked for {@code requested} and got {@code served}. */
    boolean takes(String requested, String served, String requestFeature) {
        boolean modelOk = blank(model) || model.equalsIgnoreCase(nonNull(requested)) || model.equalsIgnoreCase(nonNull(served));
        boolean featureOk = blank(feature) || feature.equals(requestFeature);
        return modelOk && featureOk;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
