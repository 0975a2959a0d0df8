package dev.bursar.providers.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.SimConfig;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RecordingSink;
import dev.bursar.wire.ClientWire;
import dev.bursar.wire.SseFrames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code anthropic-native: true}: the sim on Anthropic's wire caches only where {@code cache_control} asks. */
class SimAnthropicCacheTest {

    static final SimConfig NATIVE = new SimConfig(0, 0, 0, 0, 0, 0, 42, true);
    static final String SYSTEM = rules(60);

    final SimFixtures.ManualClock clock = new SimFixtures.ManualClock();
    final SimProvider sim = SimFixtures.sim(NATIVE, clock);

    static String rules(int n) {
        StringBuilder sb = new StringBuilder("You are the support assistant of the billing desk.\n");
        for (int i = 1; i <= n; i++) {
            sb.append("Rule ").append(i).append(": answer politely, cite the policy section and never promise a refund.\n");
        }
        return sb.toString();
    }

    static ObjectNode request(String model, String ttl, boolean marked, String question) {
        ObjectNode body = Golden.JSON.createObjectNode().put("model", model).put("max_tokens", 50);
        ObjectNode block = body.putArray("system").addObject().put("type", "text").put("text", SYSTEM);
        if (marked) {
            ObjectNode control = block.putObject("cache_control").put("type", "ephemeral");
            if (ttl != null) {
                control.put("ttl", ttl);
            }
        }
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        return body;
    }

    static ChatCall call(ObjectNode body) {
        return new ChatCall(ClientWire.ANTHROPIC, body, body.path("model").asText(), Duration.ofSeconds(10), Map.of());
    }

    ProviderReply chat(ObjectNode body) {
        return sim.chat(call(body));
    }

    @Test
    void a_breakpoint_writes_the_prefix_first_and_reads_it_later_within_five_minutes() {
        ProviderReply first = chat(request("claude-sonnet-4-5", null, true, "Hi"));
        ProviderReply second = chat(request("claude-sonnet-4-5", null, true, "Where is my invoice?"));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        ProviderReply expired = chat(request("claude-sonnet-4-5", null, true, "Hi"));

        long prefix = first.usage().cacheWrite5mTokens();
        assertThat(prefix).isGreaterThanOrEqualTo(1024);
        assertThat(first.usage().cachedInputTokens()).isZero();
        assertThat(second.usage().cachedInputTokens()).isEqualTo(prefix);
        assertThat(second.usage().cacheWriteTokens()).isZero();
        assertThat(expired.usage().cacheWrite5mTokens()).as("expired: written again").isEqualTo(prefix);

        JsonNode usage = second.body().path("usage");
        assertThat(second.body().path("type").asText()).isEqualTo("message");
        assertThat(second.body().path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(prefix);
        assertThat(usage.path("cache_creation_input_tokens").asLong()).isZero();
        assertThat(usage.path("input_tokens").asLong()).as("Anthropic reports the uncached rest only")
                .isEqualTo(second.usage().inputTokens() - prefix);
        assertThat(second.rawUsage()).isEqualTo(usage);
        assertThat(first.body().path("usage").path("cache_creation").path("ephemeral_5m_input_tokens").asLong())
                .isEqualTo(prefix);
    }

    @Test
    void without_a_breakpoint_nothing_is_cached_however_often_the_prompt_comes() {
        for (int i = 0; i < 3; i++) {
            Usage u = chat(request("claude-sonnet-4-5", null, false, "Hi")).usage();
            assertThat(u.cachedInputTokens() + u.cacheWriteTokens()).isZero();
        }
    }

    @Test
    void a_one_hour_breakpoint_is_written_at_the_one_hour_class_and_outlives_five_minutes() {
        ProviderReply first = chat(request("claude-sonnet-4-5", "1h", true, "Hi"));
        clock.advance(Duration.ofMinutes(30));
        ProviderReply later = chat(request("claude-sonnet-4-5", "1h", true, "Hi"));

        assertThat(first.usage().cacheWrite1hTokens()).isGreaterThanOrEqualTo(1024);
        assertThat(first.usage().cacheWrite5mTokens()).isZero();
        assertThat(first.rawUsage().path("cache_creation").path("ephemeral_1h_input_tokens").asLong())
                .isEqualTo(first.usage().cacheWrite1hTokens());
        assertThat(later.usage().cachedInputTokens()).isEqualTo(first.usage().cacheWrite1hTokens());
    }

    @Test
    void a_breakpoint_on_a_prefix_under_the_models_minimum_is_ignored() {
        // About 1,700 tokens: cacheable for Sonnet 4.5 (1,024), not for Haiku 4.5 (4,096).
        for (int i = 0; i < 2; i++) {
            Usage u = chat(request("claude-haiku-4-5", null, true, "Hi")).usage();
            assertThat(u.cachedInputTokens() + u.cacheWriteTokens()).isZero();
        }
    }

    @Test
    void a_stream_reports_the_cache_read_in_message_delta_and_settles_with_anthropics_usage() {
        chat(request("claude-sonnet-4-5", null, true, "Hi"));
        ObjectNode body = request("claude-sonnet-4-5", null, true, "Hi");
        body.put("stream", true);
        RecordingSink sink = new RecordingSink();

        ProviderReply reply = sim.stream(call(body), sink);

        JsonNode delta = sink.events().stream().filter(e -> e.startsWith("event: message_delta"))
                .map(e -> json(SseFrames.dataOf(e.getBytes(StandardCharsets.UTF_8)))).findFirst().orElseThrow();
        assertThat(sink.events().getFirst()).startsWith("event: message_start");
        assertThat(sink.events().getLast()).startsWith("event: message_stop");
        assertThat(delta.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(reply.usage().cachedInputTokens())
                .isGreaterThanOrEqualTo(1024);
        assertThat(sink.settled().rawUsage().path("cache_read_input_tokens").asLong())
                .isEqualTo(reply.usage().cachedInputTokens());
    }

    private static JsonNode json(String text) {
        try {
            return Golden.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_sim_speaks_anthropics_wire_only_when_configured_to() {
        SimProvider bridged = SimFixtures.sim(SimConfig.defaults(), clock);

        assertThat(sim.speaks(ClientWire.ANTHROPIC)).isTrue();
        assertThat(bridged.speaks(ClientWire.ANTHROPIC)).isFalse();
        assertThatThrownBy(() -> bridged.chat(call(request("claude-sonnet-4-5", null, true, "Hi"))))
                .isInstanceOf(ProviderException.class).hasMessageContaining("OpenAI wire only");
    }
}
