package dev.bursar.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.config.ProviderConfig;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderContractTest;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.testing.FakeUpstream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

class GeminiProviderContractTest extends ProviderContractTest {

    static final Clock FIXED = Clock.fixed(Instant.ofEpochSecond(1_752_200_000L), ZoneOffset.UTC);
    static final Map<Integer, String> GOOGLE_STATUS = Map.of(400, "INVALID_ARGUMENT", 401, "UNAUTHENTICATED",
            403, "PERMISSION_DENIED", 404, "NOT_FOUND", 429, "RESOURCE_EXHAUSTED", 500, "INTERNAL", 503, "UNAVAILABLE");

    @Override
    protected Provider newProvider(ProviderConfig config) {
        return new GeminiProvider(config, http, FIXED);
    }

    @Override
    protected String type() {
        return "gemini";
    }

    @Override
    protected String upstreamModel() {
        return "gemini-2.5-flash";
    }

    @Override
    protected String chatPath() {
        return "/v1beta/models/gemini-2.5-flash:generateContent";
    }

    @Override
    protected String streamPath() {
        return "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
    }

    @Override
    protected String errorBody(int status, String message) {
        return """
                {"error": {"code": %d, "message": "%s", "status": "%s"}}
                """.formatted(status, message, GOOGLE_STATUS.getOrDefault(status, "UNKNOWN"));
    }

    @Override
    protected void assertUpstreamRequest(FakeUpstream.Recorded request) {
        assertKeyOnlyIn(request, "x-goog-api-key", "Gemini takes its key in x-goog-api-key only");
        JsonNode body = request.json();
        assertThat(body.has("model")).as("the model travels in the URL path").isFalse();
        assertThat(body.path("systemInstruction").path("parts").path(0).path("text").asText())
                .isEqualTo("You are a terse assistant. Answer in one sentence.");
        assertThat(body.path("contents").path(0).path("role").asText()).isEqualTo("user");
        JsonNode generation = body.path("generationConfig");
        assertThat(generation.path("maxOutputTokens").asInt()).isEqualTo(64);
        assertThat(generation.path("temperature").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(generation.path("topP").decimalValue()).isEqualByComparingTo("0.9");
        assertThat(generation.path("stopSequences").path(0).asText()).isEqualTo("\n\n");
    }
}
