package dev.bursar.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.wire.ClientWire;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticQueryTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void openai_user_turns_are_compared_by_meaning_and_the_rest_exactly() {
        SemanticQuery q = SemanticQuery.of(ClientWire.OPENAI, json("""
                {'model': 'gpt-4o-mini', 'messages': [
                  {'role': 'system', 'content': 'You are terse.'},
                  {'role': 'user', 'content': 'What is the Mona Lisa?'},
                  {'role': 'assistant', 'content': 'A portrait by Leonardo da Vinci.'},
                  {'role': 'user', 'content': [{'type': 'text', 'text': 'who painted it'}]}]}""")).orElseThrow();

        assertThat(q.conversation()).isEqualTo("What is the Mona Lisa?\nwho painted it");
        assertThat(q.fixed()).contains("You are terse.").contains("A portrait by Leonardo da Vinci.")
                .doesNotContain("Mona Lisa?");
    }

    @Test
    void anthropic_system_blocks_and_messages_read_alike() {
        SemanticQuery anthropic = SemanticQuery.of(ClientWire.ANTHROPIC, json("""
                {'model': 'claude', 'max_tokens': 10, 'system': [{'type': 'text', 'text': 'You are terse.', 'cache_control': {'type': 'ephemeral'}}],
                 'messages': [{'role': 'user', 'content': 'What is the Mona Lisa?'},
                              {'role': 'assistant', 'content': [{'type': 'text', 'text': 'A portrait.'}]},
                              {'role': 'user', 'content': 'who painted it'}]}""")).orElseThrow();
        SemanticQuery openai = SemanticQuery.of(ClientWire.OPENAI, json("""
                {'model': 'gpt', 'messages': [{'role': 'system', 'content': 'You are terse.'},
                  {'role': 'user', 'content': 'What is the Mona Lisa?'}, {'role': 'assistant', 'content': 'A portrait.'},
                  {'role': 'user', 'content': 'who painted it'}]}""")).orElseThrow();

        assertThat(anthropic).isEqualTo(openai);
    }

    @Test
    void another_system_prompt_or_earlier_answer_changes_the_exact_part() {
        SemanticQuery a = SemanticQuery.of(ClientWire.OPENAI, json("""
                {'messages': [{'role': 'user', 'content': 'What is it?'}, {'role': 'assistant', 'content': 'A painting.'},
                              {'role': 'user', 'content': 'who painted it'}]}""")).orElseThrow();
        SemanticQuery b = SemanticQuery.of(ClientWire.OPENAI, json("""
                {'messages': [{'role': 'user', 'content': 'What is it?'}, {'role': 'assistant', 'content': 'A fresco.'},
                              {'role': 'user', 'content': 'who painted it'}]}""")).orElseThrow();
        SemanticQuery c = SemanticQuery.of(ClientWire.OPENAI, json("""
                {'messages': [{'role': 'system', 'content': 'Answer in French.'}, {'role': 'user', 'content': 'What is it?'},
                              {'role': 'assistant', 'content': 'A painting.'}, {'role': 'user', 'content': 'who painted it'}]}""")).orElseThrow();

        assertThat(a.conversation()).isEqualTo(b.conversation()).isEqualTo(c.conversation());
        assertThat(a.fixed()).isNotEqualTo(b.fixed()).isNotEqualTo(c.fixed());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'messages': [{'role': 'user', 'content': [{'type': 'text', 'text': 'what is this'}, {'type': 'image_url', 'image_url': {'url': 'data:x'}}]}]}",
            "{'messages': [{'role': 'user', 'content': [{'type': 'input_audio', 'input_audio': {'data': 'x', 'format': 'wav'}}]}]}",
            "{'messages': [{'role': 'user', 'content': [{'type': 'file', 'file': {'file_id': 'f'}}]}]}",
            "{'messages': [{'role': 'user', 'content': 'weather?'}, {'role': 'assistant', 'tool_calls': [{'id': 't', 'type': 'function', 'function': {'name': 'w', 'arguments': '{}'}}]}, {'role': 'tool', 'tool_call_id': 't', 'content': 'sunny'}]}",
            "{'messages': [{'role': 'assistant', 'content': 'hello'}]}",
            "{'messages': [{'role': 'user', 'content': '   '}]}",
            "{'prompt': 'no messages'}"})
    void openai_requests_with_media_tool_results_or_no_user_text_are_not_cacheable(String body) {
        assertThat(SemanticQuery.of(ClientWire.OPENAI, json(body))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'messages': [{'role': 'user', 'content': [{'type': 'image', 'source': {'type': 'base64', 'media_type': 'image/png', 'data': 'x'}}, {'type': 'text', 'text': 'what is this'}]}]}",
            "{'messages': [{'role': 'user', 'content': [{'type': 'document', 'source': {'type': 'text', 'media_type': 'text/plain', 'data': 'x'}}]}]}",
            "{'messages': [{'role': 'user', 'content': 'weather?'}, {'role': 'assistant', 'content': [{'type': 'tool_use', 'id': 't', 'name': 'w', 'input': {}}]}, {'role': 'user', 'content': [{'type': 'tool_result', 'tool_use_id': 't', 'content': 'sunny'}]}]}"})
    void anthropic_requests_with_media_or_tool_results_are_not_cacheable(String body) {
        assertThat(SemanticQuery.of(ClientWire.ANTHROPIC, json(body))).isEmpty();
    }

    @Test
    void tool_definitions_are_part_of_the_exact_part() {
        Optional<SemanticQuery> with = SemanticQuery.of(ClientWire.OPENAI, json(
                "{'tools': [{'type': 'function', 'function': {'name': 'w'}}], 'messages': [{'role': 'user', 'content': 'weather?'}]}"));
        Optional<SemanticQuery> without = SemanticQuery.of(ClientWire.OPENAI, json("{'messages': [{'role': 'user', 'content': 'weather?'}]}"));

        assertThat(with.orElseThrow().fixed()).isNotEqualTo(without.orElseThrow().fixed());
    }
}
