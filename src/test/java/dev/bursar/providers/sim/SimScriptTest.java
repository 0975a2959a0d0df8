package dev.bursar.providers.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.config.ConfigException;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import dev.bursar.testing.TempDirs;
import dev.bursar.tokens.TokenCounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sim: { script: FILE }} through the whole gateway: whole and streamed, OpenAI and Anthropic clients. */
class SimScriptTest {

    static final String SCRIPT = """
            # scripted answers for the tests below
            {"match": "What is the capital of France?", "model": "gpt-4o-mini", "answer": "Lyon"}
            {"match": "What is the capital of France?", "answer": "Paris"}
            {"match_regex": "(?i)\\\\bsum of 2 and 2\\\\b", "answer": "The answer is 4."}
            {"match": "Say a long thing", "answer": "one two three four five six seven eight nine ten eleven twelve"}
            """;

    static Path dir;
    static RunningBursar bursar;

    @BeforeAll
    static void start() throws IOException {
        dir = TempDirs.create("sim-script");
        Path script = Files.writeString(dir.resolve("script.jsonl"), SCRIPT);
        bursar = RunningBursar.start("""
                providers:
                  - { name: sim, type: sim, sim: { script: "${SCRIPT}" } }
                  - { name: native, type: sim, sim: { script: "${SCRIPT}", anthropic-native: true } }
                models:
                  - { name: claude-native, provider: native, upstream: claude-3-5-haiku-20241022 }
                """, Map.of("SCRIPT", script.toString()));
    }

    @AfterAll
    static void stop() {
        bursar.close();
        TempDirs.delete(dir);
    }

    static String chat(String model, String question, boolean stream, int maxTokens) {
        return """
                {"model":"%s","stream":%s,"max_tokens":%d,"messages":[{"role":"system","content":"Be terse."},
                 {"role":"user","content":"%s"}]}""".formatted(model, stream, maxTokens, question);
    }

    @Test
    void a_whole_call_gets_the_first_scripted_answer_that_matches_its_model_and_prompt() {
        assertThat(openAiText(bursar.post("/v1/chat/completions", chat("gpt-4o-mini", "What is the capital of France?", false, 50)).body()))
                .isEqualTo("Lyon");
        assertThat(openAiText(bursar.post("/v1/chat/completions", chat("gpt-4o", "  What is the capital of France?\\n", false, 50)).body()))
                .isEqualTo("Paris");
        assertThat(openAiText(bursar.post("/v1/chat/completions", chat("gpt-4o", "What is the SUM of 2 and 2, please", false, 50)).body()))
                .isEqualTo("The answer is 4.");
    }

    @Test
    void a_prompt_no_line_matches_gets_the_generated_answer() {
        String text = openAiText(bursar.post("/v1/chat/completions", chat("gpt-4o", "What is the capital of Spain?", false, 50)).body());

        assertThat(text).isNotIn("Lyon", "Paris").isNotBlank();
    }

    @Test
    void a_stream_sends_the_scripted_text_and_its_usage_is_the_real_token_count() {
        var r = bursar.post("/v1/chat/completions", chat("gpt-4o-mini", "What is the capital of France?", true, 50)
                .replace("\"stream\":true", "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        StringBuilder text = new StringBuilder();
        JsonNode usage = null;
        for (JsonNode event : events(r.body())) {
            event.path("choices").forEach(c -> text.append(c.path("delta").path("content").asText("")));
            if (event.hasNonNull("usage")) {
                usage = event.get("usage");
            }
        }
        assertThat(text).hasToString("Lyon");
        assertThat(usage).isNotNull();
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(TokenCounter.forModel("gpt-4o-mini").count("Lyon"));
    }

    @Test
    void max_tokens_cuts_a_scripted_answer_at_a_word_and_says_length() {
        JsonNode body = json(bursar.post("/v1/chat/completions", chat("gpt-4o", "Say a long thing", false, 3)).body());

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("one two three");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void an_anthropic_client_gets_the_scripted_text_through_the_bridge_and_from_a_native_sim() {
        String request = """
                {"model":"%s","max_tokens":50,"stream":%s,"messages":[{"role":"user","content":"What is the capital of France?"}]}""";
        for (String model : List.of("claude-3-5-haiku-20241022", "claude-native")) {
            var whole = bursar.post("/v1/messages", request.formatted(model, false), "anthropic-version", "2023-06-01");
            assertThat(json(whole.body()).at("/content/0/text").asText()).as(model).isEqualTo("Paris");

            var streamed = bursar.post("/v1/messages", request.formatted(model, true), "anthropic-version", "2023-06-01");
            StringBuilder text = new StringBuilder();
            events(streamed.body()).forEach(e -> text.append(e.path("delta").path("text").asText("")));
            assertThat(text).as(model).hasToString("Paris");
        }
    }

    @Test
    void a_bad_script_line_fails_the_start_naming_the_file_and_line() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), """
                {"match": "a", "answer": "b"}

                {"match": "a", "match_regex": "b", "answer": "c"}
                """);

        assertThatThrownBy(() -> RunningBursar.start("providers: [ { name: sim, type: sim, sim: { script: \"" + bad + "\" } } ]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.jsonl line 3").hasMessageContaining("exactly one of match");
    }

    @Test
    void script_lines_refuse_unknown_keys_bad_regexes_and_missing_answers() {
        assertThatThrownBy(() -> SimScript.parse("{\"match\":\"a\",\"answr\":\"b\"}", "here"))
                .hasMessageContaining("unknown key 'answr'");
        assertThatThrownBy(() -> SimScript.parse("{\"match_regex\":\"(\",\"answer\":\"b\"}", "here"))
                .hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> SimScript.parse("{\"match\":\"a\"}", "here")).hasMessageContaining("answer");
        assertThatThrownBy(() -> SimScript.parse("[1]", "here")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> SimScript.load("sim", dir.resolve("missing.jsonl").toString()))
                .hasMessageContaining("cannot read it");
    }

    static String openAiText(String body) {
        return json(body).at("/choices/0/message/content").asText();
    }

    static List<JsonNode> events(String sse) {
        return sse.lines().filter(l -> l.startsWith("data: ") && !l.equals("data: [DONE]"))
                .map(l -> json(l.substring(6))).toList();
    }

    static JsonNode json(String s) {
        try {
            return Golden.JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + s, e);
        }
    }
}
