package dev.bursar.providers.sim;

import static dev.bursar.providers.sim.SimFixtures.call;
import static dev.bursar.providers.sim.SimFixtures.sim;
import static dev.bursar.providers.sim.SimFixtures.streamRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.SimConfig;
import dev.bursar.providers.ProviderReply;
import dev.bursar.tokens.TokenCounter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimStreamTest {

    private final TokenCounter counter = TokenCounter.forModel(SimFixtures.MODEL);

    @Test
    void a_stream_sends_role_content_finish_usage_then_done_and_settles_right_before_done() {
        SimFixtures.Sink sink = new SimFixtures.Sink(-1);

        ProviderReply reply = sim().stream(call(streamRequest()), sink);

        List<JsonNode> chunks = sink.jsonEvents();
        assertThat(sink.events.getLast()).isEqualTo("data: [DONE]\n\n");
        assertThat(chunks.getFirst().path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.getLast();
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("completion_tokens").asLong()).isEqualTo(reply.usage().outputTokens());
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks.stream().map(c -> c.path("id").asText()).distinct()).hasSize(1);
        assertThat(sink.settled).hasSize(1);
        assertThat(sink.settledBefore).isEqualTo(sink.events.size() - 1);
        assertThat(reply.body()).isNull();
        assertThat(reply.ttftNanos()).isPositive();
    }

    @Test
    void streamed_text_is_the_whole_answer_in_deltas_of_a_few_tokens_and_usage_is_its_real_count() {
        SimFixtures.Sink sink = new SimFixtures.Sink(-1);
        ObjectNode request = streamRequest();

        ProviderReply reply = sim().stream(call(request), sink);

        StringBuilder text = new StringBuilder();
        int deltas = 0;
        for (JsonNode c : sink.jsonEvents()) {
            JsonNode content = c.path("choices").path(0).path("delta").path("content");
            if (content.isTextual() && !content.asText().isEmpty()) {
                assertThat(counter.count(content.asText())).isBetween(1, 12);
                text.append(content.asText());
                deltas++;
            }
        }
        assertThat(deltas).isGreaterThan(1);
        assertThat(reply.usage().outputTokens()).isEqualTo(counter.count(text.toString()));
        assertThat(reply.usage().inputTokens()).isEqualTo(counter.countOpenAiPrompt(request));
        ObjectNode whole = request.deepCopy();
        whole.remove("stream");
        whole.remove("stream_options");
        String wholeText = sim().chat(call(whole)).body().path("choices").path(0).path("message").path("content").asText();
        assertThat(text.toString()).as("a stream says what the whole call says").isEqualTo(wholeText);
    }

    @Test
    void without_include_usage_no_usage_chunk_is_sent_but_the_reply_has_the_usage() {
        SimFixtures.Sink sink = new SimFixtures.Sink(-1);
        ObjectNode request = streamRequest();
        request.remove("stream_options");

        ProviderReply reply = sim().stream(call(request), sink);

        assertThat(sink.events).noneMatch(e -> e.contains("\"usage\""));
        assertThat(reply.usage().outputTokens()).isPositive();
        assertThat(sink.settled).hasSize(1);
    }

    @Test
    void n_streams_every_choice_and_usage_counts_them_all() {
        SimFixtures.Sink sink = new SimFixtures.Sink(-1);
        ObjectNode request = streamRequest();
        request.put("n", 2);

        ProviderReply reply = sim().stream(call(request), sink);

        StringBuilder[] texts = {new StringBuilder(), new StringBuilder()};
        int finishes = 0;
        for (JsonNode c : sink.jsonEvents()) {
            for (JsonNode choice : c.path("choices")) {
                texts[choice.path("index").asInt()].append(choice.path("delta").path("content").asText(""));
                finishes += choice.path("finish_reason").isTextual() ? 1 : 0;
            }
        }
        assertThat(finishes).isEqualTo(2);
        assertThat(reply.usage().outputTokens()).isEqualTo(counter.count(texts[0].toString()) + counter.count(texts[1].toString()));
    }

    @Test
    void time_to_first_token_is_honoured() {
        SimFixtures.Sink sink = new SimFixtures.Sink(-1);
        long start = System.nanoTime();

        sim(new SimConfig(200, 0, 0, 0, 0, 0, 1)).stream(call(streamRequest()), sink);

        assertThat((sink.atNanos.getFirst() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void tokens_per_second_paces_the_stream() {
        SimFixtures.Sink sink = new SimFixtures.Sink(-1);
        long start = System.nanoTime();

        ProviderReply reply = sim(new SimConfig(0, 100, 0, 0, 0, 0, 1)).stream(call(streamRequest()), sink);

        long millis = (System.nanoTime() - start) / 1_000_000;
        long expected = reply.usage().outputTokens() * 1000 / 100;
        assertThat(millis).isGreaterThanOrEqualTo(expected * 8 / 10);
    }

    @Test
    void whole_calls_take_ttft_plus_generation_time() {
        long start = System.nanoTime();

        sim(new SimConfig(150, 0, 0, 0, 0, 0, 1)).chat(call(SimFixtures.chatRequest()));

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    @Test
    void a_client_leaving_mid_stream_returns_cancelled_with_the_tokens_sent_so_far() {
        ObjectNode request = streamRequest();
        request.remove("max_tokens");
        ((ObjectNode) request.withArray("messages").get(1)).put("content", "Describe our cost model in detail. ".repeat(30));
        SimFixtures.Sink full = new SimFixtures.Sink(-1);
        long fullOutput = sim().stream(call(request), full).usage().outputTokens();
        SimFixtures.Sink leaving = new SimFixtures.Sink(3);

        ProviderReply reply = sim().stream(call(request), leaving);

        assertThat(reply.clientCancelled()).isTrue();
        assertThat(leaving.settled).isEmpty();
        assertThat(reply.usage().inputTokens()).isEqualTo(counter.countOpenAiPrompt(request));
        StringBuilder sent = new StringBuilder();
        leaving.jsonEvents().forEach(c -> sent.append(c.path("choices").path(0).path("delta").path("content").asText("")));
        assertThat(reply.usage().outputTokens()).isEqualTo(counter.count(sent.toString())).isPositive().isLessThan(fullOutput);
    }
}
