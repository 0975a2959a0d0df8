package dev.bursar.pricing;

import java.util.List;

/**
 * What the catalog knows about a model besides its prices.
 *
 * @param id              canonical catalog id, e.g. {@code gpt-4o}, {@code claude-3-5-sonnet-20241022}
 * @param provider        {@code openai}, {@code anthropic}, {@code google}, {@code deepseek} or {@code mistral}
 * @param mode            {@code chat} or {@code embedding}
 * @param contextWindow   max input tokens
 * @param maxOutputTokens max output tokens per call
 * @param aliases         other names that resolve to this model (dated snapshots, "-latest" names)
 */
public record ModelInfo(String id, String provider, String mode, long contextWindow, long maxOutputTokens, List<String> aliases) {
    public ModelInfo {
        aliases = List.copyOf(aliases);
    }
}
