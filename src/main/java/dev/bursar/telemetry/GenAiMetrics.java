package dev.bursar.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /** The attributes of one series; {@code errorType} null when the attempt answered. */
    record Key(String operation, String provider, String requestModel, String responseModel, String errorType) { }

    /** Duration, input and output attributes of a key: built once, not per attempt (models and providers are few). */
    private record Series(Attributes duration, Attributes input, Attributes output) { }

    private static final int MAX_KEPT = 4096;
    private final Map<Key, Series> series = new ConcurrentHashMap<>();

    void record(Key key, long inputTokens, long outputTokens, boolean hasUsage, double seconds) {
        Series s = series.get(key);
        if (s == null) {
            // A provider may name any response model: past a bound, series are built per call instead of kept.
            s = series.size() < MAX_KEPT ? series.computeIfAbsent(key, GenAiMetrics::series) : series(key);
        }
        duration.record(seconds, s.duration());
        if (hasUsage) {
            tokens.record(inputTokens, s.input());
            tokens.record(outputTokens, s.output());
        }
    }

    private static Series series(Key k) {
        AttributesBuilder b = Attributes.builder().put(GenAi.OPERATION, k.operation()).put(GenAi.PROVIDER, k.provider())
                .put(GenAi.REQUEST_MODEL, k.requestModel()).put(GenAi.RESPONSE_MODEL, k.responseModel());
        Attributes base = b.build();
        Attributes withError = k.errorType() == null ? base : base.toBuilder().put(GenAi.ERROR_TYPE, k.errorType()).build();
        return new Series(withError, base.toBuilder().put(GenAi.TOKEN_TYPE, "input").build(),
                base.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
    }
}
