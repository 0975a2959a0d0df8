package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RunningBursar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A web page the developer visits must not spend through a local gateway that accepts any key: browser-originated
 * requests are refused unless server.cors names the origin, and only JSON bodies are read.
 */
class CrossSiteGatewayTest {

    static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String MESSAGES = "{\"model\":\"claude-3-5-haiku-20241022\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String APP = "http://localhost:3000";

    static RunningBursar open;
    static RunningBursar withCors;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        // No keys: any bearer token is accepted, the default a developer runs with.
        open = RunningBursar.start("providers: [ { name: sim, type: sim } ]");
        withCors = RunningBursar.start("""
                server: { cors: [ "http://localhost:3000" ] }
                providers: [ { name: sim, type: sim } ]
                """);
    }

    @AfterAll
    static void stop() {
        open.close();
        withCors.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain; charset=utf-8"})
    void a_simple_cross_site_post_from_a_web_page_is_refused_and_costs_nothing(String type) {
        long before = open.ledgerCount();

        HttpResponse<String> r = send(open, "POST", "/v1/chat/completions", CHAT, "Content-Type", type,
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site", "Authorization", "Bearer anything");

        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode err = json(r.body()).path("error");
        assertThat(err.path("code").asText()).isEqualTo("cross_origin_refused");
        assertThat(err.path("message").asText()).contains("https://evil.example").contains("server.cors");
        assertThat(r.headers().firstValue("X-Bursar-Request-Id")).isPresent();
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(open.ledgerCount()).isEqualTo(before);
    }

    @Test
    void browser_requests_are_refused_in_each_wire_and_on_the_admin_api() {
        HttpResponse<String> anthropic = send(open, "POST", "/v1/messages", MESSAGES, "Content-Type", "application/json",
                "Origin", "https://evil.example", "x-api-key", "any");
        HttpResponse<String> fetchMetadataOnly = send(open, "POST", "/v1/chat/completions", CHAT,
                "Content-Type", "application/json", "Sec-Fetch-Site", "cross-site", "Authorization", "Bearer any");
        HttpResponse<String> admin = send(open, "GET", "/admin/keys", null, "Origin", "https://evil.example",
                "Authorization", "Bearer " + RunningBursar.MASTER_KEY);

        assertThat(anthropic.statusCode()).isEqualTo(403);
        assertThat(json(anthropic.body()).path("type").asText()).isEqualTo("error");
        assertThat(json(anthropic.body()).path("error").path("type").asText()).isEqualTo("permission_error");
        assertThat(fetchMetadataOnly.statusCode()).isEqualTo(403);
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(json(admin.body()).path("error").path("code").asText()).isEqualTo("cross_origin_refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonx", "text/json"})
    void non_json_bodies_are_refused_with_415_in_the_clients_wire(String type) {
        long before = open.ledgerCount();

        HttpResponse<String> openai = send(open, "POST", "/v1/chat/completions", CHAT, "Content-Type", type, "Authorization", "Bearer any");
        HttpResponse<String> anthropic = send(open, "POST", "/v1/messages", MESSAGES, "Content-Type", type, "x-api-key", "any");

        assertThat(openai.statusCode()).isEqualTo(415);
        assertThat(json(openai.body()).path("error").path("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(json(openai.body()).path("error").path("message").asText()).contains("application/json");
        assertThat(anthropic.statusCode()).isEqualTo(415);
        assertThat(json(anthropic.body()).path("type").asText()).isEqualTo("error");
        assertThat(json(anthropic.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(open.ledgerCount()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8", "<none>"})
    void json_with_any_charset_and_a_missing_content_type_are_served(String type) {
        HttpResponse<String> r = type.equals("<none>")
                ? send(open, "POST", "/v1/chat/completions", CHAT, "Authorization", "Bearer any")
                : send(open, "POST", "/v1/chat/completions", CHAT, "Content-Type", type, "Authorization", "Bearer any");

        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void an_allowed_origin_gets_its_preflight_answered_and_its_calls_served() {
        HttpResponse<String> preflight = send(withCors, "OPTIONS", "/v1/chat/completions", null, "Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type");
        HttpResponse<String> call = send(withCors, "POST", "/v1/chat/completions", CHAT, "Content-Type", "application/json",
                "Origin", APP, "Sec-Fetch-Site", "cross-site", "Authorization", "Bearer any");
        HttpResponse<String> other = send(withCors, "POST", "/v1/chat/completions", CHAT, "Content-Type", "application/json",
                "Origin", "http://localhost:3001", "Authorization", "Bearer any");

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("authorization");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(call.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("X-Bursar-Cost-Usd");
        assertThat(other.statusCode()).isEqualTo(403);
    }

    @Test
    void a_preflight_from_an_origin_not_listed_is_refused() {
        HttpResponse<String> r = send(withCors, "OPTIONS", "/v1/messages", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(json(r.body()).path("type").asText()).isEqualTo("error");
    }

    private HttpResponse<String> send(RunningBursar b, String method, String path, String body, String... headers) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(b.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String s) {
        try {
            return Golden.JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
