package dev.bursar.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PromptTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String last(String body) throws Exception {
        return PromptText.lastUserText(JSON.readTree(body));
    }

    @Test
    void the_last_user_message_is_taken_not_the_system_prompt_or_the_assistant() throws Exception {
        assertThat(last("""
                {"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"first"},
                 {"role":"assistant","content":"ok"},{"role":"user","content":"second question"}]}""")).isEqualTo("second question");
    }

    @Test
    void text_parts_and_anthropic_blocks_are_joined_and_images_skipped() throws Exception {
        assertThat(last("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"What is"},
                 {"type":"image_url","image_url":{"url":"data:x"}},{"type":"text","text":"in this picture?"}]}]}"""))
                .isEqualTo("What is\nin this picture?");
        assertThat(last("""
                {"system":"s","messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]}"""))
                .isEqualTo("Hello");
    }

    @Test
    void a_body_without_a_user_message_gives_empty_text() throws Exception {
        assertThat(last("{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}")).isEmpty();
        assertThat(last("{}")).isEmpty();
    }
}
