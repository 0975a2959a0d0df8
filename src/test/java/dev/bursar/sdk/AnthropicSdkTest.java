package dev.bursar.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK against a running Bursar: native passthrough, and bridged to an OpenAI-wire provider. */
class AnthropicSdkTest {

    /**
     * claude-3-5-sonnet at $3 input, $0.30 cache read, $3.75 cache write (5 min), $15 output per 1M. Anthropic reports
     * input 2,000 beside 50,000 cache reads and 10,000 cache writes, output 500:
     * 2,000 × 3 + 50,000 × 0.30 + 10,000 × 3.75 + 500 × 15 = 6,000 + 15,000 + 37,500 + 7,500 millionths = $0.066.
     */
    static final BigDecimal GOLDEN_COST = new BigDecimal("0.066");

    FakeUpstream upstream;
    RunningBursar bursar;
    AnthropicClient client;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
        bursar = RunningBursar.start("""
                providers:
                  - { name: anthropic, type: anthropic, base-url: "%s", api-key: sk-ant-upstream }
                  - { name: sim, type: sim }
                models:
                  - { name: claude-3-5-sonnet-20241022, provider: anthropic }
                keys:
                  - { key: sdk-key, customer: initech, feature: summaries }
                """.formatted(upstream.baseUrl()));
        client = AnthropicOkHttpClient.builder().baseUrl(bursar.baseUrl()).apiKey("sdk-key").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        client.close();
        bursar.close();
        upstream.close();
    }

    static MessageCreateParams params(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(100).system("Be brief.").addUserMessage("Hello").build();
    }

    @Test
    void a_native_message_is_passed_through_and_priced_with_cache_reads_and_writes() {
        upstream.on("/v1/messages", Reply.json(200, Golden.text("gateway/anthropic-message.json")));

        Message m = client.messages().create(params("claude-3-5-sonnet-20241022"));

        assertThat(m.content().get(0).text().get().text()).isEqualTo("Hello! How can I help you today?");
        assertThat(m.usage().cacheReadInputTokens()).hasValue(50000L);
        assertThat(upstream.last().header("x-api-key")).isEqualTo("sk-ant-upstream");
        assertThat(spend("initech")).isEqualByComparingTo(GOLDEN_COST);
    }

    @Test
    void a_model_on_an_openai_wire_provider_is_bridged_whole_and_streamed() {
        Message whole = client.messages().create(params("gpt-4o-mini"));

        List<RawMessageStreamEvent> events = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(params("gpt-4o-mini"))) {
            s.stream().forEach(e -> {
                events.add(e);
                if (e.isContentBlockDelta()) {
                    e.asContentBlockDelta().delta().text().ifPresent(t -> text.append(t.text()));
                }
            });
        }

        assertThat(whole.content()).isNotEmpty();
        assertThat(whole.usage().outputTokens()).isPositive();
        assertThat(events.get(0).isMessageStart()).isTrue();
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        assertThat(text.toString()).isNotBlank();
        assertThat(spend("initech")).isPositive();
    }

    @Test
    void errors_reach_the_sdk_as_its_own_exceptions() {
        upstream.on("/v1/messages", Reply.json(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}"));

        InternalServerException upstreamDown = catchThrowableOfType(InternalServerException.class,
                () -> client.messages().create(params("claude-3-5-sonnet-20241022")));
        AnthropicClient wrong = AnthropicOkHttpClient.builder().baseUrl(bursar.baseUrl()).apiKey("nope").maxRetries(0).build();
        UnauthorizedException badKey;
        try {
            badKey = catchThrowableOfType(UnauthorizedException.class, () -> wrong.messages().create(params("claude-3-5-sonnet-20241022")));
        } finally {
            wrong.close();
        }

        assertThat(upstreamDown).isNotNull();
        assertThat(upstreamDown.getMessage()).contains("anthropic");
        assertThat(badKey).isNotNull();
    }

    BigDecimal spend(String customer) {
        List<SpendRow> rows = bursar.bursar().storage().ledger().spend(new SpendQuery(List.of(Dimension.CUSTOMER),
                Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600)));
        return rows.stream().filter(r -> r.group().get(0).equals(customer)).map(SpendRow::costUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
