package dev.bursar.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.config.ProviderConfig;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderContractTest;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.testing.FakeUpstream;

class OpenAiProviderContractTest extends ProviderContractTest {

    @Override
    protected Provider newProvider(ProviderConfig config) {
        return new OpenAiProvider(config, http);
    }

    @Override
    protected String type() {
        return "openai";
    }

    @Override
    protected String upstreamModel() {
        return "gpt-4o-mini";
    }

    @Override
    protected String baseUrl(String fakeRoot) {
        return fakeRoot + "/v1";
    }

    @Override
    protected String chatPath() {
        return "/v1/chat/completions";
    }

    @Override
    protected String errorBody(int status, String message) {
        String type = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
        return """
                {"error":{"message":"%s","type":"%s","param":null,"code":null}}""".formatted(message, type);
    }

    @Override
    protected void assertUpstreamRequest(FakeUpstream.Recorded request) {
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.json().path("model").asText()).isEqualTo(upstreamModel());
    }
}
