package dev.bursar.providers.sim;

import static dev.bursar.providers.sim.SimFixtures.MODEL;
import static dev.bursar.providers.sim.SimFixtures.call;
import static dev.bursar.providers.sim.SimFixtures.chatRequest;
import static dev.bursar.providers.sim.SimFixtures.sim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.providers.ProviderReply;
import dev.bursar.testing.Golden;
import dev.bursar.tokens.TokenCounter;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimChatTest {

    private final TokenCounter counter = TokenCounter.forModel(MODEL);

    @Test
    void the_same_request_gets_the_same_answer_except_id_and_created() {
        ProviderReply first = sim().chat(call(chatRequest()));
        ProviderReply second = sim().chat(call(chatRequest()));

        assertThat(Golden.without(second.body(), Set.of("id", "created")))
                .isEqualTo(Golden.without(first.body(), Set.of("id", "created")));
        assertThat(first.body().path("id").asText()).startsWith("chatcmpl-sim-");
        assertThat(second.body().path("id").asText()).isNotEqualTo(first.body().path("id").asText());
    }

    @Test
    void a_different_request_gets_a_different_answer() {
        ObjectNode other = chatRequest();
        ((ObjectNode) other.withArray("messages").get(1)).put("content", "How do tides work on the Atlantic coast?");

        assertThat(content(sim().chat(call(other)))).isNotEqualTo(content(sim().chat(call(chatRequest()))));
    }

    @Test
    void usage_is_the_real_token_count_of_the_prompt_and_of_the_written_text() {
        ObjectNode request = chatRequest();

        ProviderReply reply = sim().chat(call(request));

        assertThat(reply.usage().inputTokens()).isEqualTo(counter.countOpenAiPrompt(request));
        assertThat(reply.usage().outputTokens()).isEqualTo(counter.count(content(reply))).isPositive();
        JsonNode usage = reply.body().path("usage");
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(reply.usage().inputTokens());
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(reply.usage().outputTokens());
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(reply.usage().totalTokens());
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isZero();
        assertThat(usage.path("completion_tokens_details").has("reasoning_tokens")).isTrue();
        assertThat(reply.rawUsage()).isEqualTo(usage);
        assertThat(reply.usageEstimated()).isFalse();
    }

    @Test
    void the_answer_has_the_openai_completion_shape_and_names_the_upstream_model() {
        JsonNode body = sim().chat(call(chatRequest())).body();

        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.path("created").asLong()).isPositive();
        assertThat(body.path("system_fingerprint").asText()).startsWith("fp_sim_");
        assertThat(body.path("choices").path(0).path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(body.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void the_answer_echoes_the_topic_of_the_question() {
        assertThat(content(sim().chat(call(chatRequest())))).containsIgnoringCase("capital").containsIgnoringCase("france");
    }

    @Test
    void a_longer_prompt_gets_a_longer_answer() {
        ObjectNode longPrompt = chatRequest();
        longPrompt.remove("max_tokens");
        ((ObjectNode) longPrompt.withArray("messages").get(1)).put("content",
                "Summarise this report for the board. ".repeat(150));
        ObjectNode shortPrompt = chatRequest();
        shortPrompt.remove("max_tokens");

        long longAnswer = sim().chat(call(longPrompt)).usage().outputTokens();
        long shortAnswer = sim().chat(call(shortPrompt)).usage().outputTokens();

        assertThat(longAnswer).isGreaterThan(shortAnswer * 3);
        assertThat(longAnswer).isLessThanOrEqualTo(SimPlanner.LONGEST * 5 / 4 + 5);
    }

    @Test
    void max_tokens_caps_the_answer_and_reports_finish_reason_length() {
        ObjectNode request = chatRequest();
        ((ObjectNode) request.withArray("messages").get(1)).put("content", "Explain the whole budget process. ".repeat(40));
        request.put("max_tokens", 7);

        ProviderReply reply = sim().chat(call(request));

        assertThat(reply.usage().outputTokens()).isLessThanOrEqualTo(7).isEqualTo(counter.count(content(reply)));
        assertThat(reply.finishReason()).isEqualTo("length");
        assertThat(reply.body().path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void max_completion_tokens_caps_the_answer_too() {
        ObjectNode request = chatRequest();
        request.remove("max_tokens");
        request.put("max_completion_tokens", 4);
        ((ObjectNode) request.withArray("messages").get(1)).put("content", "Tell me everything about caching. ".repeat(30));

        ProviderReply reply = sim().chat(call(request));

        assertThat(reply.usage().outputTokens()).isLessThanOrEqualTo(4);
        assertThat(reply.finishReason()).isEqualTo("length");
    }

    @Test
    void n_gives_n_different_choices_and_usage_counts_them_all() {
        ObjectNode request = chatRequest();
        request.put("n", 3);

        ProviderReply reply = sim().chat(call(request));

        JsonNode choices = reply.body().path("choices");
        assertThat(choices).hasSize(3);
        long total = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(choices.get(i).path("index").asInt()).isEqualTo(i);
            total += counter.count(choices.get(i).path("message").path("content").asText());
        }
        assertThat(choices.get(0).path("message").path("content").asText())
                .isNotEqualTo(choices.get(1).path("message").path("content").asText());
        assertThat(reply.usage().outputTokens()).isEqualTo(total);
    }

    @Test
    void a_forced_tool_call_answers_with_json_arguments_that_fill_the_required_properties() throws Exception {
        ObjectNode request = chatRequest();
        request.set("tools", Golden.JSON.readTree("""
                [{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
                  "properties":{"city":{"type":"string"},"days":{"type":"integer"},"unit":{"type":"string","enum":["c","f"]},
                  "note":{"type":"string"}},
                  "required":["city","days","unit"]}}}]"""));
        request.put("tool_choice", "required");

        ProviderReply reply = sim().chat(call(request));

        JsonNode choice = reply.body().path("choices").path(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").isNull()).isTrue();
        JsonNode fn = choice.path("message").path("tool_calls").path(0).path("function");
        assertThat(fn.path("name").asText()).isEqualTo("get_weather");
        JsonNode args = Golden.JSON.readTree(fn.path("arguments").asText());
        assertThat(args.path("city").isTextual()).isTrue();
        assertThat(args.path("days").isInt()).isTrue();
        assertThat(args.path("unit").asText()).isIn("c", "f");
        assertThat(args.has("note")).as("optional properties are left out").isFalse();
        assertThat(reply.usage().outputTokens())
                .isEqualTo(counter.count("get_weather") + counter.count(fn.path("arguments").asText()));
    }

    private static String content(ProviderReply reply) {
        return reply.body().path("choices").path(0).path("message").path("content").asText();
    }
}
