package dev.bursar.routing.learned;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The shipped router, as {@code /routing/learned-router.json} holds it: the model that serves traffic (trained on
 * every labelled prompt), the five cross-validation models {@code bursar route eval} scores held-out prompts with,
 * and the calibration that turns a quality target into a threshold.
 *
 * @param embedding   the sentence embedding the features come from; the router refuses another one
 * @param window      the word pieces of each prompt the embedding reads (its last ones)
 * @param trainedOn   labelled prompts per benchmark
 * @param model       the serving model
 * @param folds       model {@code f} was trained on every prompt outside fold {@code f} (see {@link Folds})
 * @param calibration threshold → expected quality, from the held-out scores, fewest strong calls first
 */
public record RouterModelFile(
        int format,
        String embedding,
        int window,
        @JsonProperty("l2") double l2,
        @JsonProperty("trained_on") Map<String, Integer> trainedOn,
        Weights model,
        List<Weights> folds,
        List<Calibration> calibration) {

    public static final int FORMAT = 1;

    public record Weights(double[] weights, double bias) {
        LogisticModel toModel() {
            return new LogisticModel(weights, bias);
        }

        static Weights of(LogisticModel m) {
            return new Weights(m.weights(), m.bias());
        }
    }

    /**
     * At threshold {@code threshold}, prompts scoring at or above it go to the strong model: {@code strongShare} of
     * them, with {@code qualityRatio} of the strong model's quality (both averaged over the benchmarks, each equally).
     */
    public record Calibration(double threshold, @JsonProperty("strong_share") double strongShare,
                              @JsonProperty("quality_ratio") double qualityRatio) {
    }
}
