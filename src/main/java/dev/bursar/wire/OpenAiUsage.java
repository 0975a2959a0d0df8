package dev.bursar.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.pricing.Usage;
import java.util.Optional;

/**
 * The one place where an OpenAI-wire usage block becomes a {@link Usage}. Public because every bridge that reads
 * OpenAI-wire answers (the Anthropic bridge, OpenAI-like adapters) must count tokens the same way.
 *
 * <p>OpenAI: {@code prompt_tokens} is the whole prompt and already contains
 * {@code prompt_tokens_details.cached_tokens}; {@code completion_tokens} contains
 * {@code completion_tokens_details.reasoning_tokens}. DeepSeek reports its cache as
 * {@code prompt_cache_hit_tokens} + {@code prompt_cache_miss_tokens} = {@code prompt_tokens}; when present, the
 * hit count wins over {@code cached_tokens}.
 */
public final class OpenAiUsage {

    private OpenAiUsage() {
    }

    /** The usage in Bursar's convention, or empty when the block is missing or {@code null}. */
    public static Optional<Usage> parse(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        long hit = usage.path("prompt_cache_hit_tokens").asLong(-1);
        long miss = usage.path("prompt_cache_miss_tokens").asLong(-1);
        long prompt = usage.path("prompt_tokens").asLong(hit >= 0 && miss >= 0 ? hit + miss : 0);
        long cached = hit >= 0 ? hit : usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        long output = usage.path("completion_tokens").asLong(0);
        long reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
        // Some compatible servers report details that exceed the totals; never let that break the invariants.
        return Optional.of(new Usage(Math.max(prompt, 0), clamp(cached, prompt), 0, 0,
                Math.max(output, 0), clamp(reasoning, output)));
    }

    private static long clamp(long part, long whole) {
        return Math.max(0, Math.min(part, whole));
    }
}
