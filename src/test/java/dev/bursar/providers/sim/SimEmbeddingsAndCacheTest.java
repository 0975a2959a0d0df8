package dev.bursar.providers.sim;

import static dev.bursar.providers.sim.SimFixtures.call;
import static dev.bursar.providers.sim.SimFixtures.chatRequest;
import static dev.bursar.providers.sim.SimFixtures.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.SimConfig;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.ProviderReply;
import dev.bursar.testing.Golden;
import dev.bursar.tokens.TokenCounter;
import dev.bursar.wire.ClientWire;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimEmbeddingsAndCacheTest {

    private static ProviderReply embed(String json) throws Exception {
        ObjectNode body = (ObjectNode) Golden.JSON.readTree(json);
        return sim().embed(new ChatCall(ClientWire.OPENAI, body, "text-embedding-3-small", Duration.ofSeconds(5), Map.of()));
    }

    @Test
    void equal_texts_get_equal_unit_vectors_and_different_texts_different_ones() throws Exception {
        ProviderReply reply = embed("""
                {"model":"e","input":["the cat sat","the cat sat","quarterly revenue grew"]}""");

        JsonNode data = reply.body().path("data");
        assertThat(data).hasSize(3);
        assertThat(data.get(0).path("embedding")).hasSize(SimEmbeddings.DEFAULT_DIMENSIONS);
        assertThat(data.get(1).path("embedding")).isEqualTo(data.get(0).path("embedding"));
        assertThat(data.get(2).path("embedding")).isNotEqualTo(data.get(0).path("embedding"));
        double norm = 0;
        for (JsonNode v : data.get(2).path("embedding")) {
            norm += v.asDouble() * v.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, within(1e-4));
        assertThat(embed("{\"model\":\"e\",\"input\":\"the cat sat\"}").body().path("data").path(0).path("embedding"))
                .as("same vector in a later call").isEqualTo(data.get(0).path("embedding"));
    }

    @Test
    void usage_is_the_token_count_of_the_inputs() throws Exception {
        TokenCounter counter = TokenCounter.forModel("text-embedding-3-small");

        ProviderReply reply = embed("{\"model\":\"e\",\"input\":[\"the cat sat\",\"quarterly revenue grew\"]}");

        long expected = counter.count("the cat sat") + counter.count("quarterly revenue grew");
        assertThat(reply.usage().inputTokens()).isEqualTo(expected);
        assertThat(reply.usage().outputTokens()).isZero();
        assertThat(reply.body().path("usage").path("prompt_tokens").asLong()).isEqualTo(expected);
        assertThat(embed("{\"model\":\"e\",\"input\":[[1,2,3,4]]}").usage().inputTokens()).isEqualTo(4);
    }

    @Test
    void the_requested_dimensions_and_base64_encoding_are_honoured() throws Exception {
        JsonNode floats = embed("{\"model\":\"e\",\"input\":\"hello\",\"dimensions\":64}").body().path("data").path(0);
        JsonNode b64 = embed("{\"model\":\"e\",\"input\":\"hello\",\"dimensions\":64,\"encoding_format\":\"base64\"}")
                .body().path("data").path(0);

        assertThat(floats.path("embedding")).hasSize(64);
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(b64.path("embedding").asText())).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(64 * 4);
        assertThat(bytes.getFloat(0)).isEqualTo(floats.path("embedding").path(0).floatValue());
    }

    private static ObjectNode longPromptRequest(String question) {
        ObjectNode request = chatRequest();
        ((ObjectNode) request.withArray("messages").get(0)).put("content",
                "You are the finance assistant of Bursar. Follow the house rules for every answer. ".repeat(120));
        ((ObjectNode) request.withArray("messages").get(1)).put("content", question);
        return request;
    }

    @Test
    void a_repeated_long_prompt_prefix_is_reported_as_cached_within_five_minutes() {
        SimFixtures.ManualClock clock = new SimFixtures.ManualClock();
        SimProvider sim = sim(SimConfig.defaults(), clock);
        TokenCounter counter = TokenCounter.forModel(SimFixtures.MODEL);

        ProviderReply first = sim.chat(call(longPromptRequest("What did we spend in May?")));
        clock.advance(Duration.ofMinutes(4));
        ProviderReply second = sim.chat(call(longPromptRequest("And in June?")));
        clock.advance(Duration.ofMinutes(6));
        ProviderReply third = sim.chat(call(longPromptRequest("And in July?")));

        assertThat(first.usage().cachedInputTokens()).isZero();
        long cached = second.usage().cachedInputTokens();
        assertThat(cached).isGreaterThanOrEqualTo(1024).isLessThan(second.usage().inputTokens());
        assertThat((cached - 1024) % 128).isZero();
        ObjectNode systemOnly = longPromptRequest("x");
        systemOnly.withArray("messages").remove(1);
        assertThat(cached).isLessThanOrEqualTo(counter.countOpenAiPrompt(systemOnly));
        assertThat(second.body().path("usage").path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(cached);
        assertThat(third.usage().cachedInputTokens()).as("the prefix expired after 5 minutes").isZero();
    }

    @Test
    void prompts_under_1024_tokens_are_never_cached() {
        SimProvider sim = sim();

        sim.chat(call(chatRequest()));
        ProviderReply again = sim.chat(call(chatRequest()));

        assertThat(again.usage().cachedInputTokens()).isZero();
    }
}
