package dev.bursar.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK, unchanged but for its base URL, against a running Bursar whose upstream replays
 * OpenAI's wire. Expected costs are worked out by hand from the catalog's list prices.
 */
class OpenAiSdkTest {

    /** gpt-4o-mini at $0.15 / $0.075 cached / $0.60 per 1M: 176 × 0.15 + 1024 × 0.075 + 300 × 0.60 = $0.0002832. */
    static final BigDecimal GOLDEN_COST = new BigDecimal("0.0002832");

    FakeUpstream upstream;
    RunningBursar bursar;
    OpenAIClient client;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        bursar = RunningBursar.start("""
                providers:
                  - { name: openai, type: openai, base-url: "%s/v1", api-key: sk-upstream }
                  - { name: sim, type: sim }
                models:
                  - { name: gpt-4o-mini, provider: openai }
                keys:
                  - { key: sdk-key, customer: acme, feature: support-bot, environment: prod }
                """.formatted(upstream.baseUrl()));
        client = OpenAIOkHttpClient.builder().baseUrl(bursar.baseUrl() + "/v1").apiKey("sdk-key").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        client.close();
        bursar.close();
        upstream.close();
    }

    static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("What is the capital of France?")
                .maxCompletionTokens(50).build();
    }

    @Test
    void a_whole_completion_comes_back_unchanged_with_its_exact_cost() {
        upstream.on("/v1/chat/completions", Reply.json(200, Golden.text("gateway/openai-chat-response.json")));

        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(params("gpt-4o-mini"));
        ChatCompletion completion = raw.parse();

        assertThat(completion.choices().get(0).message().content()).hasValue("The capital of France is Paris.");
        assertThat(completion.usage().get().promptTokens()).isEqualTo(1200);
        assertThat(raw.headers().values("X-Bursar-Cost-Usd")).containsExactly(GOLDEN_COST.toPlainString());
        assertThat(spendOfCustomer("acme")).isEqualByComparingTo(GOLDEN_COST);
    }

    @Test
    void a_streamed_completion_arrives_chunk_by_chunk_and_is_priced_from_its_usage() {
        upstream.on("/v1/chat/completions", Reply.sse(FakeUpstream.sseEvents(Golden.text("gateway/openai-stream.sse")), Duration.ofMillis(2)));
        ChatCompletionCreateParams p = params("gpt-4o-mini").toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();

        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(p)) {
            stream.stream().forEach(c -> {
                chunks.add(c);
                c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
            });
        }

        assertThat(text.toString()).isEqualTo("The capital of France is Paris.");
        assertThat(chunks.get(chunks.size() - 1).usage()).as("the client asked for usage and gets it").isPresent();
        assertThat(spendOfCustomer("acme")).isEqualByComparingTo(GOLDEN_COST);
    }

    @Test
    void sim_models_work_through_the_sdk_whole_and_streamed() {
        ChatCompletion whole = client.chat().completions().create(params("gemini-2.5-flash"));
        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params("gemini-2.5-flash"))) {
            stream.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(streamed::append)));
        }

        assertThat(whole.choices().get(0).message().content()).isPresent();
        assertThat(streamed.toString()).isNotBlank();
        assertThat(spendOfCustomer("acme")).isPositive();
    }

    @Test
    void upstream_rate_limits_reach_the_sdk_as_its_own_exception() {
        upstream.on("/v1/chat/completions", Reply.json(429,
                "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1.\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));

        RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> client.chat().completions().create(params("gpt-4o-mini")));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("Rate limit reached");
    }

    @Test
    void a_wrong_key_and_an_unknown_model_reach_the_sdk_as_its_own_exceptions() {
        OpenAIClient wrongKey = OpenAIOkHttpClient.builder().baseUrl(bursar.baseUrl() + "/v1").apiKey("nope").maxRetries(0).build();
        try {
            assertThat(catchThrowableOfType(UnauthorizedException.class,
                    () -> wrongKey.chat().completions().create(params("gpt-4o-mini")))).isNotNull();
        } finally {
            wrongKey.close();
        }
        NotFoundException nf = catchThrowableOfType(NotFoundException.class, () -> client.chat().completions().create(params("gpt-9-ultra")));
        assertThat(nf).isNotNull();
        assertThat(nf.code()).hasValue("model_not_found");
    }

    BigDecimal spendOfCustomer(String customer) {
        List<SpendRow> rows = bursar.bursar().storage().ledger().spend(new SpendQuery(List.of(Dimension.CUSTOMER),
                Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600)));
        return rows.stream().filter(r -> r.group().get(0).equals(customer)).map(SpendRow::costUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
