package dev.bursar.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.ledger.Endpoint;
import dev.bursar.testing.Golden;
import dev.bursar.wire.ClientWire;
import org.junit.jupiter.api.Test;

/** The exact key changes with everything that changes the answer, and with nothing that does not. */
class ExactKeyTest {

    static String key(String body) {
        return key("customer=acme", body);
    }

    static String key(String scope, String body) {
        try {
            JsonNode json = Golden.JSON.readTree(body);
            return ExactKey.of(scope, ClientWire.OPENAI, Endpoint.CHAT, "openai", "gpt-4o", json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final String BASE = """
            {"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":0,"max_tokens":50}""";

    @Test
    void key_order_number_spelling_and_delivery_fields_do_not_split_entries() {
        assertThat(key("""
                {"max_tokens":50.0,"temperature":0.0,"messages":[{"content":"Hi","role":"user"}],"model":"alias",
                 "stream":true,"stream_options":{"include_usage":true},"metadata":{"x":"y"},"user":"u-9"}"""))
                .isEqualTo(key(BASE));
    }

    @Test
    void every_parameter_that_changes_the_answer_changes_the_key() {
        String base = key(BASE);
        for (String other : new String[] {
                """
                {"messages":[{"role":"user","content":"Hi!"}],"temperature":0,"max_tokens":50}""",
                """
                {"messages":[{"role":"user","content":"Hi"}],"temperature":0.1,"max_tokens":50}""",
                """
                {"messages":[{"role":"user","content":"Hi"}],"temperature":0,"max_tokens":51}""",
                """
                {"messages":[{"role":"user","content":"Hi"}],"temperature":0,"max_tokens":50,"seed":1}""",
                """
                {"messages":[{"role":"user","content":"Hi"}],"temperature":0,"max_tokens":50,"stop":["x"]}""",
                """
                {"messages":[{"role":"user","content":"Hi"}],"temperature":0,"max_tokens":50,"top_p":0.5}""",
                """
                {"messages":[{"role":"user","content":"Hi"}],"temperature":0,"max_tokens":50,"response_format":{"type":"json_object"}}""",
                """
                {"messages":[{"role":"user","content":"Hi"}],"temperature":0,"max_tokens":50,"tools":[{"type":"function","function":{"name":"f"}}]}""",
                """
                {"messages":[{"role":"system","content":"Be brief"},{"role":"user","content":"Hi"}],"temperature":0,"max_tokens":50}""",
                """
                {"messages":[{"role":"user","content":"Hi"}],"temperature":0,"max_tokens":50,"some_future_parameter":true}"""}) {
            assertThat(key(other)).as(other).isNotEqualTo(base);
        }
    }

    @Test
    void the_scope_model_and_wire_are_part_of_the_key() throws Exception {
        JsonNode body = Golden.JSON.readTree(BASE);
        String k = ExactKey.of("customer=acme", ClientWire.OPENAI, Endpoint.CHAT, "openai", "gpt-4o", body);
        assertThat(ExactKey.of("customer=globex", ClientWire.OPENAI, Endpoint.CHAT, "openai", "gpt-4o", body)).isNotEqualTo(k);
        assertThat(ExactKey.of("customer=acme", ClientWire.OPENAI, Endpoint.CHAT, "openai", "gpt-4o-mini", body)).isNotEqualTo(k);
        assertThat(ExactKey.of("customer=acme", ClientWire.OPENAI, Endpoint.CHAT, "openai-eu", "gpt-4o", body)).isNotEqualTo(k);
        assertThat(ExactKey.of("customer=acme", ClientWire.ANTHROPIC, Endpoint.MESSAGES, "openai", "gpt-4o", body)).isNotEqualTo(k);
    }

    @Test
    void a_string_and_the_same_text_as_a_number_are_different() {
        assertThat(key("""
                {"messages":[{"role":"user","content":"1"}]}""")).isNotEqualTo(key("""
                {"messages":[{"role":"user","content":1}]}"""));
    }
}
