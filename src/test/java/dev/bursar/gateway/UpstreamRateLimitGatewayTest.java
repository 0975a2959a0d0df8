package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RawHttpServer;
import dev.bursar.testing.RunningBursar;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upstream 429 Bursar gives up on reaches the client with the upstream's retry advice and rate-limit state, on
 * both wires; the sim's injected 429 carries them too. Bursar's own x-ratelimit-* headers only fill in when the
 * upstream sent none.
 */
class UpstreamRateLimitGatewayTest {

    static RawHttpServer openAiLike;
    static RawHttpServer anthropic;
    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        openAiLike = RawHttpServer.start(UpstreamRateLimitGatewayTest::openAi429);
        anthropic = RawHttpServer.start(UpstreamRateLimitGatewayTest::anthropic429);
        bursar = RunningBursar.start("""
                gateway: { max-attempts: 2 }
                providers:
                  - { name: sim, type: sim }
                  - { name: oai, type: openai, base-url: "%s/v1", api-key: k-oai }
                  - { name: ant, type: anthropic, base-url: "%s", api-key: k-ant }
                models:
                  - { name: gpt-4o-mini, provider: sim }
                  - { name: claude-3-5-haiku-20241022, provider: sim }
                  - { name: gpt-4o, provider: oai, upstream: with-state }
                  - { name: gpt-4.1, provider: oai, upstream: advice-only }
                  - { name: claude-3-5-sonnet-20241022, provider: ant }
                keys: [ { key: app-key, customer: acme } ]
                rate-limits:
                  - { scope: key, match: "*", rpm: 1000, tpm: 1000000 }
                """.formatted(openAiLike.baseUrl(), anthropic.baseUrl()));
    }

    @AfterAll
    static void stop() {
        bursar.close();
        openAiLike.close();
        anthropic.close();
    }

    static void openAi429(RawHttpServer.Conn conn) throws Exception {
        Optional<RawHttpServer.Request> r;
        while ((r = conn.readRequest()).isPresent()) {
            String body = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
            String state = r.get().bodyText().contains("with-state")
                    ? "x-ratelimit-limit-requests: 60\r\nx-ratelimit-remaining-requests: 0\r\nx-ratelimit-reset-requests: 1s\r\n" : "";
            conn.write("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nretry-after: 7\r\n"
                    + "retry-after-ms: 6500\r\nset-cookie: upstream=1\r\n" + state + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        }
    }

    static void anthropic429(RawHttpServer.Conn conn) throws Exception {
        while (conn.readRequest().isPresent()) {
            String body = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}";
            conn.write("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nretry-after: 12\r\n"
                    + "anthropic-ratelimit-requests-limit: 50\r\nanthropic-ratelimit-requests-remaining: 0\r\n"
                    + "anthropic-ratelimit-requests-reset: 2026-12-03T12:00:12Z\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        }
    }

    static final String CHAT = "{\"model\":\"%s\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    HttpResponse<String> openAiWire(String model, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer app-key";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return bursar.post("/v1/chat/completions", CHAT.formatted(model), all);
    }

    HttpResponse<String> anthropicWire(String model, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "x-api-key";
        all[1] = "app-key";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return bursar.post("/v1/messages", CHAT.formatted(model), all);
    }

    @Test
    void the_sims_429_sends_openai_style_retry_and_rate_limit_headers_on_both_wires() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {
                openAiWire("gpt-4o-mini", "X-Bursar-Sim-Fault", "429"),
                anthropicWire("claude-3-5-haiku-20241022", "X-Bursar-Sim-Fault", "429")}) {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("retry-after")).hasValue("3");
            assertThat(r.headers().firstValue("retry-after-ms")).hasValue("2400");
            assertThat(r.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("30000");
            assertThat(r.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("0");
            assertThat(r.headers().firstValue("x-ratelimit-reset-tokens")).hasValue("2.4s");
        }
        JsonNode anthropicBody = Golden.JSON.readTree(anthropicWire("claude-3-5-haiku-20241022", "X-Bursar-Sim-Fault", "429").body());
        assertThat(anthropicBody.path("error").path("type").asText()).isEqualTo("rate_limit_error");
    }

    @Test
    void an_upstream_429_passes_on_its_advice_and_its_rate_limit_state_over_bursars_own() throws Exception {
        HttpResponse<String> r = openAiWire("gpt-4o");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Golden.JSON.readTree(r.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(r.headers().firstValue("retry-after")).hasValue("7");
        assertThat(r.headers().firstValue("retry-after-ms")).hasValue("6500");
        assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).as("the upstream's limit, not Bursar's 1000").hasValue("60");
        assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(r.headers().firstValue("x-ratelimit-limit-tokens")).as("no half of Bursar's set mixed in").isEmpty();
        assertThat(r.headers().firstValue("set-cookie")).as("only retry advice is passed on").isEmpty();
    }

    @Test
    void without_upstream_rate_limit_state_bursars_own_headers_go_with_the_upstreams_advice() {
        HttpResponse<String> r = openAiWire("gpt-4.1");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).hasValue("7");
        assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).hasValue("1000");
        assertThat(r.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("1000000");
    }

    @Test
    void anthropics_429_headers_reach_clients_of_both_wires() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {
                anthropicWire("claude-3-5-sonnet-20241022"), openAiWire("claude-3-5-sonnet-20241022")}) {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("retry-after")).hasValue("12");
            assertThat(r.headers().firstValue("anthropic-ratelimit-requests-limit")).hasValue("50");
            assertThat(r.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
            assertThat(r.headers().firstValue("anthropic-ratelimit-requests-reset")).hasValue("2026-12-03T12:00:12Z");
        }
        JsonNode anthropicBody = Golden.JSON.readTree(anthropicWire("claude-3-5-sonnet-20241022").body());
        assertThat(anthropicBody.path("type").asText()).isEqualTo("error");
        assertThat(anthropicBody.path("error").path("type").asText()).isEqualTo("rate_limit_error");
    }
}
