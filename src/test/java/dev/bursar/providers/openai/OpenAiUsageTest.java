package dev.bursar.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.config.ProviderConfig;
import dev.bursar.config.ProviderType;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.testing.Golden;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiUsageTest {

    @AutoClose
    private final UpstreamHttp http = new UpstreamHttp();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "openai with cache      | {\"prompt_tokens\":2006,\"completion_tokens\":300,\"total_tokens\":2306,\"prompt_tokens_details\":{\"cached_tokens\":1920},\"completion_tokens_details\":{\"reasoning_tokens\":0}} | 2006 | 1920 | 300 | 0",
            "o-series reasoning     | {\"prompt_tokens\":75,\"completion_tokens\":1186,\"total_tokens\":1261,\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":1024}} | 75 | 0 | 1186 | 1024",
            "deepseek hit and miss  | {\"prompt_tokens\":1500,\"completion_tokens\":20,\"prompt_cache_hit_tokens\":1280,\"prompt_cache_miss_tokens\":220} | 1500 | 1280 | 20 | 0",
            "deepseek hit wins      | {\"prompt_tokens\":1500,\"completion_tokens\":20,\"prompt_tokens_details\":{\"cached_tokens\":0},\"prompt_cache_hit_tokens\":1280,\"prompt_cache_miss_tokens\":220} | 1500 | 1280 | 20 | 0",
            "hit and miss only      | {\"completion_tokens\":20,\"prompt_cache_hit_tokens\":64,\"prompt_cache_miss_tokens\":36} | 100 | 64 | 20 | 0",
            "bare vllm usage        | {\"prompt_tokens\":31,\"completion_tokens\":9,\"total_tokens\":40} | 31 | 0 | 9 | 0",
            "details beyond totals  | {\"prompt_tokens\":10,\"completion_tokens\":5,\"prompt_tokens_details\":{\"cached_tokens\":64},\"completion_tokens_details\":{\"reasoning_tokens\":9}} | 10 | 10 | 5 | 5",
            "embeddings             | {\"prompt_tokens\":8,\"total_tokens\":8} | 8 | 0 | 0 | 0"})
    void usage_blocks_map_to_bursars_token_classes(String name, String block, long input, long cached, long output, long reasoning)
            throws IOException {
        Usage usage = OpenAiUsage.parse(Golden.JSON.readTree(block)).orElseThrow();

        assertThat(usage).isEqualTo(new Usage(input, cached, 0, 0, output, reasoning));
    }

    @Test
    void a_missing_or_null_usage_block_gives_no_usage() throws IOException {
        assertThat(OpenAiUsage.parse(null)).isEmpty();
        assertThat(OpenAiUsage.parse(Golden.JSON.readTree("null"))).isEmpty();
        assertThat(OpenAiUsage.parse(Golden.JSON.readTree("{\"id\":1}").path("usage"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "openai      | {\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}} | Incorrect API key provided",
            "ollama      | {\"error\":\"model 'llama9' not found\"} | model 'llama9' not found",
            "fastapi     | {\"detail\":\"Not Found\"} | Not Found",
            "plain text  | Bad Gateway | HTTP 502: Bad Gateway"})
    void error_messages_are_found_in_every_compatible_servers_error_body(String name, String body, String message) {
        assertThat(OpenAiErrorBody.message(502, body)).isEqualTo(message);
    }

    @ParameterizedTest(name = "base url {0}")
    @CsvSource(nullValues = "null", value = {
            "null, https://api.openai.com/v1/chat/completions",
            "https://api.deepseek.com, https://api.deepseek.com/chat/completions",
            "http://localhost:11434/v1/, http://localhost:11434/v1/chat/completions"})
    void endpoints_hang_off_the_configured_base_url_or_openais(String baseUrl, String expected) {
        OpenAiClient client = new OpenAiClient(new ProviderConfig("p", ProviderType.OPENAI, baseUrl, null, Map.of(), null, null),
                http);

        assertThat(client.uri("/chat/completions")).hasToString(expected);
    }
}
