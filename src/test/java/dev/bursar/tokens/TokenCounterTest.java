package dev.bursar.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;

class TokenCounterTest {

    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static final String SYSTEM = "You are a careful assistant for an online shop. Answer in two sentences at most.";

    @Test
    void gpt4o_counts_are_o200k_exactly_and_stay_exact_when_the_same_text_comes_again() {
        TokenCounter c = TokenCounter.forModel("gpt-4o");
        int expected = O200K.countTokensOrdinary(SYSTEM);
        assertThat(c.count(SYSTEM)).isEqualTo(expected);
        assertThat(c.count(new String(SYSTEM.toCharArray()))).as("a new String with the same text").isEqualTo(expected);
        assertThat(c.exact()).isTrue();
    }

    @Test
    void claude_counts_are_o200k_plus_15_percent_rounded_up_also_from_the_cache() {
        TokenCounter c = TokenCounter.forModel("claude-3-5-sonnet-20241022");
        int scaled = (int) ((O200K.countTokensOrdinary(SYSTEM) * 115L + 99) / 100);
        assertThat(c.count(SYSTEM)).isEqualTo(scaled);
        assertThat(c.count(SYSTEM)).isEqualTo(scaled);
        assertThat(c.exact()).isFalse();
    }

    @Test
    void counts_stay_right_after_the_cache_filled_up_and_started_afresh() {
        TokenCounter c = TokenCounter.forModel("gpt-4o-mini");
        String big = "lorem ipsum dolor sit amet ".repeat(2_000); // 54,000 chars
        for (int i = 0; i < 100; i++) { // 5.4M chars: more than the cache keeps
            String text = i + " " + big;
            assertThat(c.count(text)).isEqualTo(O200K.countTokensOrdinary(text));
        }
        assertThat(c.count(SYSTEM)).isEqualTo(O200K.countTokensOrdinary(SYSTEM));
    }

    @Test
    void a_chat_prompt_is_its_texts_plus_openais_framing() throws Exception {
        var body = new ObjectMapper().readTree("""
                {"model":"gpt-4o","messages":[{"role":"system","content":"%s"},{"role":"user","content":"Hi"}]}""".formatted(SYSTEM));
        int expected = 3 + O200K.countTokensOrdinary("system") + O200K.countTokensOrdinary(SYSTEM)
                + 3 + O200K.countTokensOrdinary("user") + O200K.countTokensOrdinary("Hi") + 3;
        assertThat(TokenCounter.forModel("gpt-4o").countOpenAiPrompt(body)).isEqualTo(expected);
    }
}
