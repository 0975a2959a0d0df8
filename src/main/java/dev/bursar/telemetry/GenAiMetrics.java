package dev.bursar.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;

/**
 * The GenAI client metrics, recorded once per provider attempt (Bursar is the provider's client):
 * {@code gen_ai.client.token.usage} and {@code gen_ai.client.operation.duration}, with the conventions' bucket
 * boundaries.
 */
final class GenAiMetrics {

    private final LongHistogram tokens;
    private final DoubleHistogram duration;

    GenAiMetrics(Meter meter) {
        List<Long> tokenBuckets = new ArrayList<>();
        for (long b = 1; b <= 67_108_864L; b *= 4) {
            tokenBuckets.add(b);
        }
        List<Double> secondBuckets = new ArrayList<>();
        for (int i = 0; i <= 13; i++) {
            // 0.01, 0.02, 0.04, ... 81.92: exact in decimal, so computed from integers
            secondBuckets.add((1L << i) / 100.0);
        }
        this.tokens = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs()
                .setUnit("{token}")
                .setDescription("Number of input and output tokens used (billable), per provider attempt.")
                .setExplicitBucketBoundariesAdvice(tokenBuckets)
                .build();
        this.duration = meter.histogramBuilder("gen_ai.client.operation.duration")
                .setUnit("s")
                .setDescription("Duration of GenAI client operations (one provider attempt).")
                .setExplicitBucketBoundariesAdvice(secondBuckets)
                .build();
    }

    void record(Attributes base, String errorType, long inputTokens, long outputTokens, boolean hasUsage, double seconds) {
        AttributesBuilder b = base.toBuilder();
        if (errorType != null) {
            b.put(GenAi.ERROR_TYPE, errorType);
        }
        duration.record(seconds, b.build());
        if (hasUsage) {
            tokens.record(inputTokens, base.toBuilder().put(GenAi.TOKEN_TYPE, "input").build());
            tokens.record(outputTokens, base.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
        }
    }
}
