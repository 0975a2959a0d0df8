package dev.bursar.promptcache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.ledger.PromptPrefix;
import dev.bursar.tokens.TokenCounter;
import dev.bursar.wire.ClientWire;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrefixFingerprintTest {

    static final String LONG = LongPrompts.system("the billing desk", 90);

    @Test
    void a_long_system_prompt_is_recorded_with_its_tokens_and_the_same_hash_whatever_the_question() {
        PromptPrefix first = PrefixFingerprint.of(ClientWire.OPENAI, "gpt-4o", LongPrompts.openAi(LONG, "Hi")).orElseThrow();
        PromptPrefix second = PrefixFingerprint.of(ClientWire.OPENAI, "gpt-4o",
                LongPrompts.openAi(LONG, "Where is my invoice?")).orElseThrow();

        assertThat(first).isEqualTo(second);
        assertThat(first.tokens().getAsInt()).isGreaterThanOrEqualTo(1024)
                .isLessThan(TokenCounter.forModel("gpt-4o").countOpenAiPrompt(LongPrompts.openAi(LONG, "Hi")));
        assertThat(first.hash()).hasSize(16);
    }

    @Test
    void another_system_prompt_has_another_hash_and_the_wires_prefixes_agree_in_size() {
        PromptPrefix billing = PrefixFingerprint.of(ClientWire.ANTHROPIC, "claude-sonnet-4-5",
                LongPrompts.anthropic(LONG, "Hi")).orElseThrow();
        PromptPrefix shipping = PrefixFingerprint.of(ClientWire.ANTHROPIC, "claude-sonnet-4-5",
                LongPrompts.anthropic(LongPrompts.system("the shipping desk", 90), "Hi")).orElseThrow();
        PromptPrefix openAi = PrefixFingerprint.of(ClientWire.OPENAI, "claude-sonnet-4-5",
                LongPrompts.openAi(LONG, "Hi")).orElseThrow();

        assertThat(billing.hash()).isNotEqualTo(shipping.hash());
        assertThat(Math.abs(billing.tokens().getAsInt() - openAi.tokens().getAsInt())).isLessThan(10);
    }

    @Test
    void a_short_prompt_and_a_long_conversation_after_a_short_system_prompt_have_no_prefix() {
        ObjectNode chat = LongPrompts.openAi("Be brief.", LONG);

        assertThat(PrefixFingerprint.of(ClientWire.OPENAI, "gpt-4o", LongPrompts.openAi("Be brief.", "Hi"))).isEmpty();
        assertThat(PrefixFingerprint.of(ClientWire.OPENAI, "gpt-4o", chat))
                .as("only the stable start counts: a long user message changes every time").isEmpty();
    }

    @Test
    void a_prompt_just_under_the_minimum_is_not_recorded() {
        // About 37 × 26 tokens of rules: long enough to be counted, a little short of 1,024 tokens.
        String almost = LongPrompts.system("the billing desk", 37);
        ObjectNode body = LongPrompts.openAi(almost, "Hi");
        int tokens = TokenCounter.forModel("gpt-4o").countOpenAiPrompt(LongPrompts.openAi(almost, "Hi"));

        assertThat(tokens).isBetween(PrefixFingerprint.MIN_TOKENS - 200, PrefixFingerprint.MIN_TOKENS - 1);
        assertThat(PrefixFingerprint.of(ClientWire.OPENAI, "gpt-4o", body)).isEmpty();
    }

    @Test
    void dense_scripts_are_counted_although_they_have_fewer_characters_than_tokens_would_suggest() {
        String chinese = "请仔细阅读以下客户服务规则并严格遵守每一条规定，不要承诺退款。".repeat(50);
        assertThat(chinese.length()).isLessThan(PrefixFingerprint.MIN_WEIGHT);

        Optional<PromptPrefix> prefix = PrefixFingerprint.of(ClientWire.OPENAI, "gpt-4o", LongPrompts.openAi(chinese, "你好"));

        assertThat(prefix).isPresent();
        assertThat(prefix.get().tokens().getAsInt()).isGreaterThanOrEqualTo(1024);
    }

    @Test
    void on_the_anthropic_wire_the_prefix_runs_to_the_last_breakpoint_and_the_breakpoint_itself_changes_no_hash() {
        ObjectNode plain = LongPrompts.parse("""
                {"model":"claude-sonnet-4-5","max_tokens":10,
                 "system":[{"type":"text","text":%s}],
                 "messages":[{"role":"user","content":[{"type":"text","text":%s}]},
                             {"role":"assistant","content":"Noted."},
                             {"role":"user","content":"And now?"}]}
                """.formatted(LongPrompts.JSON.valueToTree(LONG), LongPrompts.JSON.valueToTree(LONG)));
        ObjectNode systemMarked = plain.deepCopy();
        ((ObjectNode) systemMarked.withArray("system").get(0)).putObject("cache_control").put("type", "ephemeral");
        ObjectNode documentMarked = plain.deepCopy();
        ((ObjectNode) documentMarked.withArray("messages").get(0).withArray("content").get(0))
                .putObject("cache_control").put("type", "ephemeral");

        PromptPrefix system = PrefixFingerprint.of(ClientWire.ANTHROPIC, "claude-sonnet-4-5", plain).orElseThrow();
        PromptPrefix sameSystem = PrefixFingerprint.of(ClientWire.ANTHROPIC, "claude-sonnet-4-5", systemMarked).orElseThrow();
        PromptPrefix withDocument = PrefixFingerprint.of(ClientWire.ANTHROPIC, "claude-sonnet-4-5", documentMarked).orElseThrow();

        assertThat(sameSystem).isEqualTo(system);
        assertThat(withDocument.hash()).isNotEqualTo(system.hash());
        assertThat(withDocument.tokens().getAsInt()).isGreaterThan(system.tokens().getAsInt() * 19 / 10);
    }
}
