package dev.bursar.promptcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.pricing.PromptCacheMinimum;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptCacheMinimumTest {

    @ParameterizedTest
    @CsvSource({
            "claude-sonnet-4-5-20250929, 1024",
            "claude-sonnet-4-20250514, 1024",
            "claude-3-7-sonnet-latest, 1024",
            "claude-opus-4-1, 1024",
            "claude-3-opus-20240229, 1024",
            "claude-sonnet-4-6, 2048",
            "claude-3-5-haiku-20241022, 2048",
            "anthropic/claude-3-haiku-20240307, 2048",
            "claude-haiku-4-5-20251001, 4096",
            "claude-opus-4-5, 4096",
            "claude-opus-4-6, 4096",
            "gpt-4o, 1024",
            "some-new-model, 1024"})
    void the_shortest_prefix_each_model_caches(String model, int tokens) {
        assertThat(PromptCacheMinimum.tokens(model)).isEqualTo(tokens);
    }
}
