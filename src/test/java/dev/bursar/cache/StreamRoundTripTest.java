package dev.bursar.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A kept answer goes both ways: a stream the client received is put back together whole (so it can be kept), and a
 * whole answer is replayed as a stream that puts back together to the same answer. Checked on the wire samples the
 * adapters are tested with.
 */
class StreamRoundTripTest {

    static StreamCapture captured(List<byte[]> events) {
        StreamCapture c = new StreamCapture();
        events.forEach(c::add);
        return c;
    }

    static StreamCapture capturedFile(String golden) {
        StreamCapture c = new StreamCapture();
        FakeUpstream.sseEvents(Golden.text(golden)).forEach(e -> c.add(e.getBytes(StandardCharsets.UTF_8)));
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic-bridge/response-text-openai.json", "anthropic-bridge/response-tools-openai.json"})
    void an_openai_answer_replayed_as_a_stream_assembles_to_the_same_message(String file) {
        ObjectNode whole = Golden.json(file);
        JsonNode back = StreamAssembly.openAi(captured(StreamReplay.openAi(whole, true))).orElseThrow();

        JsonNode message = whole.get("choices").get(0).get("message");
        JsonNode again = back.get("choices").get(0).get("message");
        assertThat(again.get("content")).isEqualTo(message.get("content"));
        assertThat(again.path("tool_calls")).isEqualTo(message.path("tool_calls"));
        assertThat(back.get("choices").get(0).get("finish_reason")).isEqualTo(whole.get("choices").get(0).get("finish_reason"));
        assertThat(back.get("usage")).isEqualTo(whole.get("usage"));
        assertThat(back.get("id")).isEqualTo(whole.get("id"));
    }

    @Test
    void without_include_usage_the_replay_carries_no_usage_chunk_and_no_usage_fields() {
        ObjectNode whole = Golden.json("anthropic-bridge/response-text-openai.json");
        List<byte[]> events = StreamReplay.openAi(whole, false);
        String all = events.stream().map(e -> new String(e, StandardCharsets.UTF_8)).reduce("", String::concat);
        assertThat(all).doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic-bridge/response-text-anthropic.json", "anthropic-bridge/response-tools-anthropic.json",
            "anthropic/native-response.json"})
    void an_anthropic_answer_replayed_as_a_stream_assembles_to_the_same_message(String file) {
        ObjectNode whole = Golden.json(file);
        JsonNode back = StreamAssembly.anthropic(captured(StreamReplay.anthropic(whole))).orElseThrow();

        assertThat(back.get("content")).isEqualTo(whole.get("content"));
        assertThat(back.get("stop_reason")).isEqualTo(whole.get("stop_reason"));
        assertThat(back.path("usage").path("output_tokens")).isEqualTo(whole.path("usage").path("output_tokens"));
        assertThat(back.path("usage").path("input_tokens")).isEqualTo(whole.path("usage").path("input_tokens"));
    }

    @Test
    void a_real_openai_stream_with_tool_calls_assembles_whole() throws Exception {
        JsonNode whole = StreamAssembly.openAi(capturedFile("anthropic-bridge/stream-tools-openai.sse")).orElseThrow();
        JsonNode expected = Golden.json("anthropic-bridge/response-tools-openai.json").get("choices").get(0).get("message");
        JsonNode message = whole.get("choices").get(0).get("message");
        assertThat(message.get("content").asText()).isEqualTo(expected.get("content").asText());
        assertThat(message.get("tool_calls")).hasSize(expected.get("tool_calls").size());
        for (int i = 0; i < expected.get("tool_calls").size(); i++) {
            JsonNode fn = message.get("tool_calls").get(i).get("function");
            JsonNode want = expected.get("tool_calls").get(i).get("function");
            assertThat(fn.get("name")).isEqualTo(want.get("name"));
            // The stream sample's calls carry their own arguments: joined from the deltas, they are whole JSON.
            assertThat(Golden.JSON.readTree(fn.get("arguments").asText()).path("city").asText())
                    .isEqualTo(Golden.JSON.readTree(want.get("arguments").asText()).path("city").asText());
        }
    }

    @Test
    void a_real_anthropic_stream_assembles_whole() {
        JsonNode whole = StreamAssembly.anthropic(capturedFile("anthropic/native-stream.sse")).orElseThrow();
        assertThat(whole.get("content").get(0).get("type").asText()).isEqualTo("thinking");
        assertThat(whole.get("content").get(0).get("thinking").asText()).isNotBlank();
        assertThat(whole.get("content").get(whole.get("content").size() - 1).get("text").asText()).isNotBlank();
        assertThat(whole.get("stop_reason").asText()).isNotBlank();
        assertThat(whole.path("usage").path("output_tokens").asLong()).isPositive();
    }

    @Test
    void a_stream_that_ended_without_its_final_event_or_with_an_error_is_not_an_answer() {
        List<String> events = FakeUpstream.sseEvents(Golden.text("anthropic/native-stream.sse"));
        StreamCapture cut = new StreamCapture();
        events.subList(0, events.size() - 1).forEach(e -> cut.add(e.getBytes(StandardCharsets.UTF_8)));
        assertThat(StreamAssembly.anthropic(cut)).isEmpty();

        List<byte[]> openAi = StreamReplay.openAi(Golden.json("anthropic-bridge/response-text-openai.json"), false);
        assertThat(StreamAssembly.openAi(captured(openAi.subList(0, openAi.size() - 1)))).isEmpty();
        StreamCapture withError = captured(openAi.subList(0, 2));
        withError.add("data: {\"error\":{\"message\":\"boom\"}}\n\n".getBytes(StandardCharsets.UTF_8));
        withError.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(StreamAssembly.openAi(withError)).isEmpty();
    }
}
