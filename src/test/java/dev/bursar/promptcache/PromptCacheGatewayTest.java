package dev.bursar.promptcache;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.ledger.PromptPrefixReader;
import dev.bursar.ledger.TimeRange;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.testing.RunningBursar;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end through a running gateway with the official Anthropic SDK: with {@code anthropic-prompt-cache: auto}
 * the second call of a long system prompt carries Bursar's breakpoint, and the ledger shows the cache write, then
 * the cache read, each priced exactly.
 */
class PromptCacheGatewayTest {

    /** claude-sonnet-4-5 in the bundled catalog, USD per million tokens. */
    static final BigDecimal INPUT = new BigDecimal("3");
    static final BigDecimal CACHE_WRITE_5M = new BigDecimal("3.75");
    static final BigDecimal CACHE_READ = new BigDecimal("0.3");
    static final BigDecimal OUTPUT = new BigDecimal("15");
    static final String SYSTEM = LongPrompts.system("the billing desk", 60);

    RunningBursar bursar;
    AnthropicClient client;

    void start(String cache) {
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { anthropic-native: true } }
                models:
                  - { name: claude-sonnet-4-5, provider: sim }
                keys:
                  - { key: app-key, customer: acme, feature: support }
                %s
                """.formatted(cache));
        client = AnthropicOkHttpClient.builder().baseUrl(bursar.baseUrl()).apiKey("app-key")
                .putHeader("X-Bursar-Prompt-Version", "v7").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        client.close();
        bursar.close();
    }

    static MessageCreateParams ask(String question) {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(60).system(SYSTEM)
                .addUserMessage(question).build();
    }

    @Test
    void three_calls_with_one_long_system_prompt_are_booked_uncached_then_a_cache_write_then_a_cache_read() {
        start("cache: { exact: { enabled: false }, anthropic-prompt-cache: auto }");

        Message first = client.messages().create(ask("Where is my invoice?"));
        Message second = client.messages().create(ask("Can I pay by card?"));
        Message third = client.messages().create(ask("Why was I charged twice?"));

        long prefix = second.usage().cacheCreationInputTokens().orElseThrow();
        assertThat(prefix).isGreaterThanOrEqualTo(1024);
        assertThat(first.usage().cacheCreationInputTokens()).hasValue(0L);
        assertThat(first.usage().cacheReadInputTokens()).hasValue(0L);
        assertThat(third.usage().cacheReadInputTokens()).hasValue(prefix);
        assertThat(third.usage().cacheCreationInputTokens()).hasValue(0L);

        List<JsonNode> rows = bursar.ledgerRows();
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(r -> r.get("cache_write_5m_tokens").asLong()).containsExactly(0L, prefix, 0L);
        assertThat(rows).extracting(r -> r.get("cached_input_tokens").asLong()).containsExactly(0L, 0L, prefix);
        for (JsonNode row : rows) {
            assertThat(new BigDecimal(row.get("cost_usd").asText())).as("exact at the catalog's prices")
                    .isEqualByComparingTo(cost(row));
        }
        assertThat(rows).extracting(r -> r.get("prefix_hash").asText()).containsOnly(rows.get(0).get("prefix_hash").asText());
        assertThat(rows.get(0).get("prefix_tokens").isNull()).as("first sighting: hashed, not counted").isTrue();
        assertThat(rows.get(1).get("prefix_tokens").asInt()).isGreaterThanOrEqualTo(1024);
        assertThat(rows.get(2).get("prefix_tokens")).isEqualTo(rows.get(1).get("prefix_tokens"));
    }

    @Test
    void the_advisor_reads_the_same_ledger_and_sees_the_reads_already_taken() {
        start("cache: { exact: { enabled: false }, anthropic-prompt-cache: auto }");
        client.messages().create(ask("Where is my invoice?"));
        client.messages().create(ask("Can I pay by card?"));
        client.messages().create(ask("Why was I charged twice?"));

        Advice advice = new CacheAdvisor(PriceCatalog.bundled()).advise(
                new PromptPrefixReader(bursar.bursar().storage().database()),
                new TimeRange(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(60)), CacheLifetime.FIVE_MINUTES);

        assertThat(advice.rows()).hasSize(1);
        AdviceRow row = advice.rows().getFirst();
        assertThat(row.group().feature()).isEqualTo("support");
        assertThat(row.group().promptVersion()).isEqualTo("v7");
        assertThat(row.providerCaching()).isEqualTo("explicit (cache_control)");
        assertThat(row.calls()).isEqualTo(3);
        assertThat(row.reuses()).isEqualTo(2);
        assertThat(row.cachedTokens()).isPositive();
        assertThat(row.costs().savedAlready()).as("one read saved more than one write cost extra").isPositive();
        assertThat(row.breakEven()).hasValue(2);
    }

    @Test
    void a_stream_after_the_write_reads_the_prefix_too() {
        start("cache: { exact: { enabled: false }, anthropic-prompt-cache: auto }");
        client.messages().create(ask("Where is my invoice?"));
        client.messages().create(ask("Can I pay by card?"));

        long read = 0;
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(ask("Why was I charged twice?"))) {
            for (RawMessageStreamEvent e : (Iterable<RawMessageStreamEvent>) s.stream()::iterator) {
                if (e.isMessageDelta()) {
                    read = e.asMessageDelta().usage().cacheReadInputTokens().orElse(0L);
                }
            }
        }

        JsonNode row = bursar.ledgerRows().getLast();
        assertThat(read).isGreaterThanOrEqualTo(1024);
        assertThat(row.get("stream").asBoolean()).isTrue();
        assertThat(row.get("cached_input_tokens").asLong()).isEqualTo(read);
        assertThat(new BigDecimal(row.get("cost_usd").asText())).isEqualByComparingTo(cost(row));
    }

    @Test
    void without_the_switch_nothing_is_cached_and_a_clients_own_breakpoint_is_left_as_it_is() {
        start("");
        for (String q : new String[] {"Where is my invoice?", "Can I pay by card?", "Why was I charged twice?"}) {
            client.messages().create(ask(q));
        }
        String own = """
                {"model":"claude-sonnet-4-5","max_tokens":20,
                 "system":[{"type":"text","text":%s,"cache_control":{"type":"ephemeral","ttl":"1h"}}],
                 "messages":[{"role":"user","content":"Hi"}]}""".formatted(LongPrompts.JSON.valueToTree(SYSTEM));
        for (int i = 0; i < 2; i++) {
            assertThat(bursar.post("/v1/messages", own, "x-api-key", "app-key").statusCode()).isEqualTo(200);
        }

        List<JsonNode> rows = bursar.ledgerRows();
        assertThat(rows.subList(0, 3)).allSatisfy(r -> {
            assertThat(r.get("cached_input_tokens").asLong()).isZero();
            assertThat(r.get("cache_write_5m_tokens").asLong()).isZero();
        });
        assertThat(rows.get(3).get("cache_write_1h_tokens").asLong()).as("the client's 1-hour breakpoint, untouched")
                .isGreaterThanOrEqualTo(1024);
        assertThat(rows.get(4).get("cached_input_tokens").asLong()).isEqualTo(rows.get(3).get("cache_write_1h_tokens").asLong());
    }

    /** The row's cost from its tokens at claude-sonnet-4-5's catalog prices. */
    static BigDecimal cost(JsonNode row) {
        long cached = row.get("cached_input_tokens").asLong();
        long write = row.get("cache_write_5m_tokens").asLong();
        long uncached = row.get("input_tokens").asLong() - cached - write;
        return BigDecimal.valueOf(uncached).multiply(INPUT).add(BigDecimal.valueOf(write).multiply(CACHE_WRITE_5M))
                .add(BigDecimal.valueOf(cached).multiply(CACHE_READ))
                .add(BigDecimal.valueOf(row.get("output_tokens").asLong()).multiply(OUTPUT)).movePointLeft(6);
    }
}
