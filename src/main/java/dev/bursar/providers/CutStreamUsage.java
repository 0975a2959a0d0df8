package dev.bursar.providers;

import dev.bursar.pricing.Usage;

/** The spend of a stream that ended early (client gone, provider cut), from what the provider had reported. */
public final class CutStreamUsage {

    private CutStreamUsage() {
    }

    /**
     * The provider's last report, with the output raised to the tokens already streamed: providers report output
     * late (Anthropic in {@code message_delta}, Gemini per chunk), and tokens the client saw were produced.
     */
    public static Usage outputAtLeast(Usage reported, long streamedOutputTokens) {
        return new Usage(reported.inputTokens(), reported.cachedInputTokens(), reported.cacheWrite5mTokens(),
                reported.cacheWrite1hTokens(), Math.max(reported.outputTokens(), streamedOutputTokens),
                reported.reasoningTokens());
    }
}
