package dev.bursar.providers.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RecordingSink;
import dev.bursar.wire.ClientWire;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The raw upstream body of each refusal is the imitated vendor's own error shape. */
class SimRefusalsTest {

    private final SimProvider sim = SimFixtures.sim();

    private static ChatCall call(String model, String json) {
        try {
            return new ChatCall(ClientWire.OPENAI, (ObjectNode) Golden.JSON.readTree(json), model, Duration.ofSeconds(10), Map.of());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode raw(ProviderException e) throws Exception {
        return Golden.JSON.readTree(e.error().rawBody());
    }

    @Test
    void openai_models_refuse_in_openais_shape_with_its_code_and_param() throws Exception {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sim.chat(call("gpt-4",
                "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(9000) + "\"}]}")));

        assertThat(e.error()).isInstanceOf(ProviderError.BadRequest.class);
        assertThat(e.error().upstreamStatus()).isEqualTo(400);
        JsonNode error = raw(e).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("context_length_exceeded");
        assertThat(error.path("param").asText()).isEqualTo("messages");
    }

    @Test
    void anthropic_models_refuse_in_anthropics_shape() throws Exception {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sim.chat(call("claude-3-5-sonnet-20241022",
                "{\"model\":\"x\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":true}]}")));

        JsonNode body = raw(e);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asText()).startsWith("messages.0.content: Input should be");
    }

    @Test
    void google_models_refuse_in_googles_shape() throws Exception {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sim.chat(call("gemini-2.0-flash",
                "{\"model\":\"x\",\"max_tokens\":9000,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));

        JsonNode error = raw(e).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asText()).contains("maxOutputTokens value of 9000");
    }

    @Test
    void a_stream_is_refused_before_its_first_byte() {
        RecordingSink sink = new RecordingSink();
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sim.stream(call("gpt-4o-mini",
                "{\"model\":\"x\",\"stream\":true,\"max_tokens\":99999,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"),
                sink));

        assertThat(e.streamStarted()).isFalse();
        assertThat(sink.events()).isEmpty();
        assertThat(e.error().message()).contains("max_tokens is too large: 99999");
    }

    @Test
    void an_assistant_turn_without_content_is_fine_and_a_model_the_catalog_lacks_is_not_checked() {
        String body = "{\"model\":\"x\",\"max_tokens\":999999,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":null},{\"role\":\"user\",\"content\":\"Again\"}]}";

        assertThat(sim.chat(call("my-local-model", body)).usage().outputTokens()).isPositive();
    }
}
