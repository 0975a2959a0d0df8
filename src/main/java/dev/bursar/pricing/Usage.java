package dev.bursar.pricing;

/**
 * Token counts of one call, by price class.
 *
 * <p>{@code inputTokens} is the whole prompt. Cached reads and cache writes are <em>parts</em> of it, never
 * added on top: each provider adapter maps its own usage fields into this convention (OpenAI's
 * {@code cached_tokens} already sits inside {@code prompt_tokens}; Anthropic reports
 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens} beside {@code input_tokens}, so the
 * adapter adds them). {@code reasoningTokens} is likewise a part of {@code outputTokens}, kept for reporting.
 */
public record Usage(
        long inputTokens,
        long cachedInputTokens,
        long cacheWrite5mTokens,
        long cacheWrite1hTokens,
        long outputTokens,
        long reasoningTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0);

    public Usage {
        if (inputTokens < 0 || cachedInputTokens < 0 || cacheWrite5mTokens < 0 || cacheWrite1hTokens < 0
                || outputTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
        if (cachedInputTokens + cacheWrite5mTokens + cacheWrite1hTokens > inputTokens) {
            throw new IllegalArgumentException("cached and cache-write tokens are parts of the input tokens ("
                    + cachedInputTokens + " + " + cacheWrite5mTokens + " + " + cacheWrite1hTokens + " > " + inputTokens + ")");
        }
        if (reasoningTokens > outputTokens) {
            throw new IllegalArgumentException("reasoning tokens are part of the output tokens");
        }
    }

    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, 0, 0, 0, outputTokens, 0);
    }

    /** Input tokens billed at the plain input price. */
    public long uncachedInputTokens() {
        return inputTokens - cachedInputTokens - cacheWrite5mTokens - cacheWrite1hTokens;
    }

    public long cacheWriteTokens() {
        return cacheWrite5mTokens + cacheWrite1hTokens;
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public Usage plus(Usage o) {
        return new Usage(inputTokens + o.inputTokens, cachedInputTokens + o.cachedInputTokens,
                cacheWrite5mTokens + o.cacheWrite5mTokens, cacheWrite1hTokens + o.cacheWrite1hTokens,
                outputTokens + o.outputTokens, reasoningTokens + o.reasoningTokens);
    }
}
