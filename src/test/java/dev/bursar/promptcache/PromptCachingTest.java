package dev.bursar.promptcache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.CacheConfig;
import dev.bursar.config.ExactCacheConfig;
import dev.bursar.config.Switch;
import dev.bursar.ledger.Endpoint;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.providers.Timeouts;
import dev.bursar.routing.Route;
import dev.bursar.testing.MutableClock;
import dev.bursar.wire.ClientWire;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code anthropic-prompt-cache: auto}: which requests get a breakpoint, and what the breakpoint looks like. */
class PromptCachingTest {

    static final String LONG = LongPrompts.system("the billing desk", 60);
    final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    final PromptCaching auto = new PromptCaching(true, new StablePrompts(100), clock);
    final Route sonnet = route("claude-sonnet-4-5", true);

    static Route route(String model, boolean speaksAnthropic) {
        Provider provider = new Provider() {
            @Override
            public String name() {
                return "p";
            }

            @Override
            public boolean speaks(ClientWire wire) {
                return wire == ClientWire.OPENAI || speaksAnthropic;
            }

            @Override
            public ProviderReply chat(ChatCall call) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ProviderReply stream(ChatCall call, StreamSink sink) {
                throw new UnsupportedOperationException();
            }
        };
        return new Route(model, model, provider, model, "configured", Timeouts.DEFAULTS);
    }

    /** The body the provider gets for one more request with {@code body}, on the Anthropic wire, to {@code route}. */
    ObjectNode send(PromptCaching caching, ObjectNode body, Route route) {
        return caching.prefix(ClientWire.ANTHROPIC, Endpoint.MESSAGES, route.priceModel(), body)
                .prepare(body, ClientWire.ANTHROPIC, route);
    }

    @Test
    void a_long_system_prompt_is_marked_from_its_second_sighting_within_five_minutes_on() {
        ObjectNode body = LongPrompts.anthropic(LONG, "Hi");
        String original = body.toString();

        ObjectNode first = send(auto, body, sonnet);
        ObjectNode second = send(auto, body, sonnet);

        assertThat(first).as("a one-off prompt would only pay the write premium").isSameAs(body);
        assertThat(second.get("system")).isEqualTo(LongPrompts.JSON.valueToTree(new Object[] {
                java.util.Map.of("type", "text", "text", LONG, "cache_control", java.util.Map.of("type", "ephemeral"))}));
        assertThat(second.get("messages")).isEqualTo(body.get("messages"));
        assertThat(body.toString()).as("the client's request is never changed").isEqualTo(original);
    }

    @Test
    void a_prompt_last_seen_more_than_five_minutes_ago_is_not_marked_but_seen_again_it_is() {
        ObjectNode body = LongPrompts.anthropic(LONG, "Hi");
        send(auto, body, sonnet);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThat(send(auto, body, sonnet)).isSameAs(body);
        clock.advance(Duration.ofMinutes(4));
        assertThat(marked(send(auto, body, sonnet))).isTrue();
    }

    @Test
    void block_system_prompts_get_the_breakpoint_on_their_last_block_only() {
        ObjectNode body = LongPrompts.parse("""
                {"model":"claude-sonnet-4-5","max_tokens":10,"system":[{"type":"text","text":"Intro."},
                 {"type":"text","text":%s}],"messages":[{"role":"user","content":"Hi"}]}
                """.formatted(LongPrompts.JSON.valueToTree(LONG)));
        send(auto, body, sonnet);

        JsonNode system = send(auto, body, sonnet).get("system");

        assertThat(system.get(0)).isEqualTo(body.get("system").get(0));
        assertThat(system.get(1).path("text").asText()).isEqualTo(LONG);
        assertThat(system.get(1).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(body.get("system").get(1).has("cache_control")).isFalse();
    }

    @Test
    void a_request_with_a_breakpoint_of_its_own_anywhere_is_never_changed() {
        ObjectNode inMessage = LongPrompts.parse("""
                {"model":"claude-sonnet-4-5","max_tokens":10,"system":%s,
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}]}
                """.formatted(LongPrompts.JSON.valueToTree(LONG)));
        ObjectNode automatic = LongPrompts.anthropic(LONG, "Hi");
        automatic.putObject("cache_control").put("type", "ephemeral");

        for (ObjectNode body : new ObjectNode[] {inMessage, automatic}) {
            for (int i = 0; i < 3; i++) {
                assertThat(send(auto, body, sonnet)).isSameAs(body);
            }
        }
    }

    @Test
    void nothing_is_marked_through_the_openai_bridge_on_the_openai_wire_or_when_the_switch_is_off() {
        ObjectNode body = LongPrompts.anthropic(LONG, "Hi");
        Route bridged = route("claude-sonnet-4-5", false);
        PromptCaching off = PromptCaching.of(new CacheConfig(ExactCacheConfig.defaults(), null, false, Switch.OFF), clock);
        ObjectNode openAi = LongPrompts.openAi(LONG, "Hi");

        for (int i = 0; i < 3; i++) {
            assertThat(send(auto, body, bridged)).isSameAs(body);
            assertThat(send(off, body, sonnet)).isSameAs(body);
            RequestPrefix p = auto.prefix(ClientWire.OPENAI, Endpoint.CHAT, "gpt-4o", openAi);
            assertThat(p.prepare(openAi, ClientWire.OPENAI, route("gpt-4o", true))).isSameAs(openAi);
            assertThat(p.recorded()).as("recorded all the same").isNotNull();
        }
    }

    @Test
    void a_prompt_under_the_served_models_minimum_is_not_marked() {
        // About 60 × 26 ≈ 1,800 tokens: enough for Sonnet 4.5 (1,024), not for Haiku 4.5 (4,096).
        ObjectNode body = LongPrompts.anthropic(LONG, "Hi");
        Route haiku = route("claude-haiku-4-5", true);

        send(auto, body, haiku);
        assertThat(send(auto, body, haiku)).isSameAs(body);
    }

    @Test
    void stability_is_per_served_model_and_retries_of_one_request_are_not_sightings() {
        ObjectNode body = LongPrompts.anthropic(LONG, "Hi");
        Route opus = route("claude-opus-4-1", true);
        RequestPrefix once = auto.prefix(ClientWire.ANTHROPIC, Endpoint.MESSAGES, "claude-sonnet-4-5", body);

        assertThat(once.prepare(body, ClientWire.ANTHROPIC, sonnet)).isSameAs(body);
        assertThat(once.prepare(body, ClientWire.ANTHROPIC, sonnet)).as("a retry").isSameAs(body);
        assertThat(marked(send(auto, body, opus))).as("first time on this model").isFalse();
        assertThat(marked(send(auto, body, sonnet))).isTrue();
    }

    @Test
    void embeddings_and_short_prompts_have_no_prefix() {
        assertThat(auto.prefix(ClientWire.OPENAI, Endpoint.EMBEDDINGS, "text-embedding-3-small",
                LongPrompts.parse("{\"input\":%s}".formatted(LongPrompts.JSON.valueToTree(LONG)))).recorded()).isNull();
        assertThat(auto.prefix(ClientWire.ANTHROPIC, Endpoint.MESSAGES, "claude-sonnet-4-5",
                LongPrompts.anthropic("Be brief.", "Hi")).recorded()).isNull();
    }

    @Test
    void a_prefix_is_hashed_at_its_first_sighting_and_counted_once_from_its_second() {
        ObjectNode body = LongPrompts.anthropic(LONG, "Hi");
        PromptCaching caching = PromptCaching.recordOnly(clock);

        var first = caching.prefix(ClientWire.ANTHROPIC, Endpoint.MESSAGES, "claude-sonnet-4-5", body).recorded();
        var second = caching.prefix(ClientWire.ANTHROPIC, Endpoint.MESSAGES, "claude-sonnet-4-5",
                LongPrompts.anthropic(LONG, "Another question")).recorded();

        assertThat(first.tokens()).isEmpty();
        assertThat(second.hash()).isEqualTo(first.hash());
        assertThat(second).isEqualTo(PrefixFingerprint.of(ClientWire.ANTHROPIC, "claude-sonnet-4-5", body).orElseThrow());
    }

    @Test
    void counts_are_taken_once_per_prefix_and_model_and_forgotten_least_recently_used_first() {
        PrefixCounts counts = new PrefixCounts(2);
        int[] counted = new int[1];
        java.util.function.IntSupplier count = () -> ++counted[0] * 1000;

        assertThat(counts.tokens("m", "a", count)).isEqualTo(PrefixCounts.FIRST_SIGHTING);
        assertThat(counts.tokens("m", "a", count)).isEqualTo(1000);
        assertThat(counts.tokens("m", "a", count)).isEqualTo(1000);
        assertThat(counts.tokens("other-model", "a", count)).isEqualTo(PrefixCounts.FIRST_SIGHTING);
        assertThat(counted[0]).isEqualTo(1);
        counts.tokens("m", "b", count);
        assertThat(counts.size()).isEqualTo(2);
        assertThat(counts.tokens("m", "a", count)).as("forgotten: new again").isEqualTo(PrefixCounts.FIRST_SIGHTING);
    }

    @Test
    void the_stability_memory_is_bounded_forgetting_the_least_recently_seen() {
        StablePrompts stable = new StablePrompts(2);
        Instant t = clock.instant();
        stable.seenAgain("m", "a", t);
        stable.seenAgain("m", "b", t);
        stable.seenAgain("m", "a", t);
        stable.seenAgain("m", "c", t);

        assertThat(stable.size()).isEqualTo(2);
        assertThat(stable.seenAgain("m", "a", t)).isTrue();
        assertThat(stable.seenAgain("m", "b", t)).as("forgotten").isFalse();
    }

    private static boolean marked(ObjectNode body) {
        return body.path("system").path(0).has("cache_control");
    }
}
