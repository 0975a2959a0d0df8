package dev.bursar.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.pricing.Usage;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Anthropic reports input beside the cache counts; Bursar's whole prompt is their sum. */
class AnthropicUsageTest {

    private static JsonNode json(String text) {
        try {
            return AnthropicWire.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case | raw usage | input | cached | write 5m | write 1h | output
            "read and writes split by TTL | {\"input_tokens\":12,\"cache_creation_input_tokens\":2048,\"cache_read_input_tokens\":1536,\"cache_creation\":{\"ephemeral_5m_input_tokens\":1024,\"ephemeral_1h_input_tokens\":1024},\"output_tokens\":9} | 3596 | 1536 | 1024 | 1024 | 9",
            "1-hour writes only           | {\"input_tokens\":10,\"cache_creation_input_tokens\":500,\"cache_read_input_tokens\":0,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":500},\"output_tokens\":3} | 510 | 0 | 0 | 500 | 3",
            "no TTL breakdown: all 5m     | {\"input_tokens\":18,\"cache_creation_input_tokens\":4000,\"cache_read_input_tokens\":0,\"output_tokens\":57} | 4018 | 0 | 4000 | 0 | 57",
            "breakdown short of the total | {\"input_tokens\":1,\"cache_creation_input_tokens\":300,\"cache_creation\":{\"ephemeral_5m_input_tokens\":100,\"ephemeral_1h_input_tokens\":100},\"output_tokens\":2} | 301 | 0 | 200 | 100 | 2",
            "cache read only              | {\"input_tokens\":5,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":1000,\"output_tokens\":40} | 1005 | 1000 | 0 | 0 | 40",
            "no cache fields at all       | {\"input_tokens\":100,\"output_tokens\":20} | 100 | 0 | 0 | 0 | 20",
            "null cache fields            | {\"input_tokens\":7,\"cache_creation_input_tokens\":null,\"cache_read_input_tokens\":null,\"output_tokens\":1} | 7 | 0 | 0 | 0 | 1",
            "all zeros                    | {\"input_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":0} | 0 | 0 | 0 | 0 | 0"})
    void raw_usage_maps_to_bursars_token_classes(String what, String raw, long input, long cached, long write5m,
                                                 long write1h, long output) {
        Usage usage = AnthropicUsage.toUsage(json(raw));

        assertThat(usage).as(what).isEqualTo(new Usage(input, cached, write5m, write1h, output, 0));
    }

    @Test
    void the_cached_part_is_never_billed_again_as_plain_input() {
        Usage usage = AnthropicUsage.toUsage(json(
                "{\"input_tokens\":12,\"cache_creation_input_tokens\":2048,\"cache_read_input_tokens\":1536,\"output_tokens\":9}"));

        assertThat(usage.uncachedInputTokens()).isEqualTo(12);
        assertThat(usage.cacheWriteTokens()).isEqualTo(2048);
    }

    @Test
    void a_stream_keeps_the_start_counts_and_takes_the_cumulative_output_of_the_delta() {
        JsonNode start = json("{\"input_tokens\":25,\"cache_creation_input_tokens\":1200,\"cache_read_input_tokens\":3000,"
                + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":1200,\"ephemeral_1h_input_tokens\":0},"
                + "\"output_tokens\":1,\"service_tier\":\"standard\"}");
        JsonNode delta = json("{\"output_tokens\":9}");

        JsonNode merged = AnthropicUsage.merge(start, delta);

        assertThat(merged).isEqualTo(json("{\"input_tokens\":25,\"cache_creation_input_tokens\":1200,"
                + "\"cache_read_input_tokens\":3000,\"cache_creation\":{\"ephemeral_5m_input_tokens\":1200,"
                + "\"ephemeral_1h_input_tokens\":0},\"output_tokens\":9,\"service_tier\":\"standard\"}"));
        assertThat(AnthropicUsage.toUsage(merged)).isEqualTo(new Usage(4225, 3000, 1200, 0, 9, 0));
        assertThat(start.path("output_tokens").asInt()).as("the start block is not changed").isEqualTo(1);
    }

    @Test
    void a_delta_that_zeroes_or_nulls_the_input_counts_does_not_erase_them() {
        JsonNode start = json("{\"input_tokens\":25,\"cache_read_input_tokens\":3000,\"output_tokens\":1}");
        JsonNode delta = json("{\"input_tokens\":0,\"cache_read_input_tokens\":null,\"output_tokens\":30}");

        Usage usage = AnthropicUsage.toUsage(AnthropicUsage.merge(start, delta));

        assertThat(usage).isEqualTo(new Usage(3025, 3000, 0, 0, 30, 0));
    }

    @Test
    void openai_clients_see_the_whole_prompt_with_its_cached_part() {
        JsonNode openAi = AnthropicUsage.toOpenAi(new Usage(3596, 1536, 1024, 1024, 9, 0));

        assertThat(openAi).isEqualTo(json("{\"prompt_tokens\":3596,\"completion_tokens\":9,\"total_tokens\":3605,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1536}}"));
    }
}
