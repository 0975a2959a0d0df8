package dev.bursar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.testing.ServeProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bursar serve` with a provider whose key variable is unset: one warning line, and the gateway serves from the sim. */
class ServeUnsetKeyTest {

    @Test
    void serve_warns_about_the_left_out_provider_and_answers_its_models_from_the_sim(@TempDir Path dir) throws Exception {
        String yaml = """
                storage: { sqlite: "%s" }
                providers:
                  - { name: openai, type: openai, api-key: "${BURSAR_TEST_NEVER_SET_KEY}" }
                models:
                  - { name: gpt-4o-mini, provider: openai }
                """.formatted(dir.resolve("bursar.db"));
        try (ServeProcess serve = ServeProcess.start(dir, "serve", yaml, Map.of("BURSAR_MASTER_KEY", "bm-unset"));
             HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serve.baseUrl() + "/v1/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"model":"gpt-4o-mini","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}"""))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(serve.log().lines().filter(l -> l.startsWith("bursar: warning: ")))
                    .singleElement().asString()
                    .contains("provider 'openai' left out", "BURSAR_TEST_NEVER_SET_KEY", "not set", "[gpt-4o-mini]");
        }
    }
}
