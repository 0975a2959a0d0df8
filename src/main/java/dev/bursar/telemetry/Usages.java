package dev.bursar.telemetry;

import dev.bursar.pricing.Usage;
import io.opentelemetry.api.trace.Span;

/** Bursar's token classes as the GenAI usage attributes: the same convention (cache and reasoning are parts). */
final class Usages {

    private Usages() {
    }

    static void put(Span span, Usage u) {
        span.setAttribute(GenAi.INPUT_TOKENS, u.inputTokens());
        span.setAttribute(GenAi.OUTPUT_TOKENS, u.outputTokens());
        if (u.cachedInputTokens() > 0) {
            span.setAttribute(GenAi.CACHE_READ_TOKENS, u.cachedInputTokens());
        }
        if (u.cacheWriteTokens() > 0) {
            span.setAttribute(GenAi.CACHE_CREATION_TOKENS, u.cacheWriteTokens());
        }
        if (u.reasoningTokens() > 0) {
            span.setAttribute(GenAi.REASONING_TOKENS, u.reasoningTokens());
        }
    }
}
