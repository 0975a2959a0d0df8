package dev.bursar.routing.learned;

/**
 * A logistic regression: the probability that the weak model falls short is {@code sigmoid(w · x + b)}.
 * Scoring is {@value RouterFeatures#SIZE} multiply-adds; the embedding before it is what costs.
 */
public record LogisticModel(double[] weights, double bias) {

    public LogisticModel {
        weights = weights.clone();
    }

    public double probability(double[] x) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }
}
