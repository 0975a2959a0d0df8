package dev.bursar.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.config.ProviderConfig;
import dev.bursar.config.ProviderType;
import dev.bursar.providers.UpstreamHttp;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiClientTest {

    @AutoClose
    private final UpstreamHttp http = new UpstreamHttp();

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
