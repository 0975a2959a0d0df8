package dev.bursar.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact cache through the official SDKs: the same request twice (whole, then streamed, on both wires) is a miss
 * and then a hit whose content is the first answer's, whose X-Bursar-Saved-Usd is the first call's cost, and which is
 * booked at cost 0 with that saving; another customer's identical request is a miss.
 */
class ExactCacheSdkTest {

    static RunningBursar bursar;
    static OpenAIClient acme;
    static OpenAIClient globex;
    static AnthropicClient acmeAnthropic;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { ttft-millis: 0, tokens-per-second: 100000 } }
                models:
                  - { name: gpt-4o-mini, provider: sim }
                  - { name: claude-3-5-haiku-20241022, provider: sim }
                keys:
                  - { key: acme-key, customer: acme }
                  - { key: globex-key, customer: globex }
                cache:
                  exact: { ttl: 1h, max-entries: 1000 }
                """);
        acme = OpenAIOkHttpClient.builder().baseUrl(bursar.baseUrl() + "/v1").apiKey("acme-key").maxRetries(0).build();
        globex = OpenAIOkHttpClient.builder().baseUrl(bursar.baseUrl() + "/v1").apiKey("globex-key").maxRetries(0).build();
        acmeAnthropic = AnthropicOkHttpClient.builder().baseUrl(bursar.baseUrl()).apiKey("acme-key").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        acme.close();
        globex.close();
        acmeAnthropic.close();
        bursar.close();
    }

    static ChatCompletionCreateParams openAiParams(String question) {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(question)
                .temperature(0).maxCompletionTokens(60).build();
    }

    List<JsonNode> rowsOf(String requestIdA, String requestIdB) {
        return bursar.ledgerRows().stream().filter(r -> r.path("request_id").asText().equals(requestIdA)
                || r.path("request_id").asText().equals(requestIdB)).toList();
    }

    @Test
    void openai_same_request_is_a_miss_then_an_exact_hit_whole_and_streamed() {
        ChatCompletionCreateParams params = openAiParams("What is the capital of France?");
        var first = acme.chat().completions().withRawResponse().create(params);
        var second = acme.chat().completions().withRawResponse().create(params);

        assertThat(first.headers().values("X-Bursar-Cache")).containsExactly("miss");
        assertThat(second.headers().values("X-Bursar-Cache")).containsExactly("hit-exact");
        ChatCompletion a = first.parse();
        ChatCompletion b = second.parse();
        assertThat(b.choices().get(0).message().content()).isEqualTo(a.choices().get(0).message().content());
        assertThat(b.id()).isEqualTo(a.id());
        String cost = first.headers().values("X-Bursar-Cost-Usd").get(0);
        assertThat(new BigDecimal(cost)).isPositive();
        assertThat(second.headers().values("X-Bursar-Saved-Usd")).containsExactly(cost);
        assertThat(second.headers().values("X-Bursar-Cost-Usd")).containsExactly("0");

        StringBuilder text = new StringBuilder();
        long[] usageTokens = {0};
        ChatCompletionCreateParams streamed = params.toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (var s = acme.chat().completions().createStreaming(streamed)) {
            s.stream().forEach(c -> {
                c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append));
                c.usage().ifPresent(u -> usageTokens[0] = u.totalTokens());
            });
        }
        assertThat(text.toString()).isEqualTo(a.choices().get(0).message().content().orElseThrow());
        assertThat(usageTokens[0]).isEqualTo(a.usage().orElseThrow().totalTokens());

        var other = globex.chat().completions().withRawResponse().create(params);
        assertThat(other.headers().values("X-Bursar-Cache")).containsExactly("miss");

        String firstId = first.headers().values("X-Bursar-Request-Id").get(0);
        String secondId = second.headers().values("X-Bursar-Request-Id").get(0);
        List<JsonNode> rows = rowsOf(firstId, secondId);
        assertThat(rows).hasSize(2);
        JsonNode miss = rows.get(0);
        JsonNode hit = rows.get(1);
        assertThat(miss.path("cache").asText()).isEqualTo("miss");
        assertThat(miss.path("cost_usd").asText()).isEqualTo(cost);
        assertThat(hit.path("cache").asText()).isEqualTo("hit-exact");
        assertThat(new BigDecimal(hit.path("cost_usd").asText())).isZero();
        assertThat(hit.path("saved_usd").asText()).isEqualTo(cost);
        assertThat(hit.path("input_tokens").asLong()).isZero();
        assertThat(hit.path("provider").asText()).isEqualTo("cache");
        assertThat(hit.path("customer").asText()).isEqualTo("acme");
    }

    @Test
    void anthropic_streamed_first_then_whole_is_an_exact_hit_with_the_same_content() {
        MessageCreateParams params = MessageCreateParams.builder().model("claude-3-5-haiku-20241022").maxTokens(60)
                .addUserMessage("Name three prime numbers.").build();
        StringBuilder streamedText = new StringBuilder();
        try (var s = acmeAnthropic.messages().createStreaming(params)) {
            s.stream().forEach(e -> {
                if (e.isContentBlockDelta()) {
                    e.asContentBlockDelta().delta().text().ifPresent(t -> streamedText.append(t.text()));
                }
            });
        }
        HttpResponseFor<Message> whole = acmeAnthropic.messages().withRawResponse().create(params);
        assertThat(whole.headers().values("X-Bursar-Cache")).containsExactly("hit-exact");
        Message m = whole.parse();
        assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo(streamedText.toString());
        assertThat(m.usage().outputTokens()).isPositive();

        StringBuilder replayed = new StringBuilder();
        try (var s = acmeAnthropic.messages().createStreaming(params)) {
            s.stream().forEach(e -> {
                if (e.isContentBlockDelta()) {
                    e.asContentBlockDelta().delta().text().ifPresent(t -> replayed.append(t.text()));
                }
            });
        }
        assertThat(replayed.toString()).isEqualTo(streamedText.toString());
        JsonNode hit = bursar.ledgerRows().getLast();
        assertThat(hit.path("cache").asText()).isEqualTo("hit-exact");
        assertThat(hit.path("stream").asBoolean()).isTrue();
        assertThat(new BigDecimal(hit.path("saved_usd").asText())).isPositive();
    }
}
