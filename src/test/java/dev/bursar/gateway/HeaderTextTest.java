package dev.bursar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.testing.Golden;
import dev.bursar.testing.RawHttpClient;
import dev.bursar.testing.RunningBursar;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tag text: non-ASCII header values are refused rather than merged, and every tag value has a length limit. */
class HeaderTextTest {

    static RunningBursar bursar;

    @BeforeAll
    static void start() {
        bursar = RunningBursar.start("""
                providers: [ { name: sim, type: sim } ]
                keys: [ { key: backend-key } ]
                """);
    }

    @AfterAll
    static void stop() {
        bursar.close();
    }

    static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";
    static final String MESSAGES = "{\"model\":\"claude-3-5-haiku-20241022\",\"max_tokens\":20,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]%s}";

    @Test
    void a_non_ascii_header_value_is_refused_in_the_openai_shape_instead_of_merging_customers() throws IOException {
        long before = bursar.ledgerCount();

        RawHttpClient.Response r = raw("/v1/chat/completions", "Authorization: Bearer backend-key\r\nX-Bursar-Customer: müller\r\n", CHAT.formatted(""));

        assertThat(r.status()).isEqualTo(400);
        JsonNode err = json(r.text()).path("error");
        assertThat(err.path("param").asText()).isEqualTo("X-Bursar-Customer");
        assertThat(err.path("code").asText()).isEqualTo("invalid_header");
        assertThat(err.path("message").asText()).contains("ASCII").contains("metadata");
        assertThat(bursar.ledgerCount()).isEqualTo(before);
    }

    @Test
    void a_non_ascii_header_value_is_refused_in_the_anthropic_shape() throws IOException {
        RawHttpClient.Response r = raw("/v1/messages", "x-api-key: backend-key\r\nX-Bursar-Feature: résumé\r\n", MESSAGES.formatted(""));

        assertThat(r.status()).isEqualTo(400);
        JsonNode body = json(r.text());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asText()).contains("X-Bursar-Feature");
    }

    @Test
    void non_ascii_tags_in_metadata_are_kept_exactly_and_apart() {
        String müller = customerOf(bursar.post("/v1/chat/completions", CHAT.formatted(",\"metadata\":{\"customer\":\"müller\"}"),
                "Authorization", "Bearer backend-key"));
        String mäller = customerOf(bursar.post("/v1/messages", MESSAGES.formatted(",\"metadata\":{\"customer\":\"mäller\"}"),
                "x-api-key", "backend-key"));

        assertThat(müller).isEqualTo("müller");
        assertThat(mäller).isEqualTo("mäller");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            header           | X-Bursar-Customer | ''                                | X-Bursar-Customer
            metadata         | ''                | ,"metadata":{"customer":"%s"}     | metadata.customer
            prefixed         | ''                | ,"metadata":{"bursar_team":"%s"}  | metadata.bursar_team
            openai user      | ''                | ,"user":"%s"                      | user
            """)
    void a_tag_over_256_characters_is_refused_naming_the_tag_and_the_limit(String name, String header, String body, String param) {
        String tooLong = "c".repeat(257);
        long before = bursar.ledgerCount();

        HttpResponse<String> r = header.isEmpty()
                ? bursar.post("/v1/chat/completions", CHAT.formatted(body.formatted(tooLong)), "Authorization", "Bearer backend-key")
                : bursar.post("/v1/chat/completions", CHAT.formatted(""), "Authorization", "Bearer backend-key", header, tooLong);

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode err = json(r.body()).path("error");
        assertThat(err.path("param").asText()).isEqualTo(param);
        assertThat(err.path("code").asText()).isEqualTo("tag_too_long");
        assertThat(err.path("message").asText()).contains(param).contains("256");
        assertThat(bursar.ledgerCount()).isEqualTo(before);
    }

    @Test
    void a_tag_of_exactly_256_characters_is_stored_whole() {
        String longest = "c".repeat(256);

        String stored = customerOf(bursar.post("/v1/chat/completions", CHAT.formatted(""),
                "Authorization", "Bearer backend-key", "X-Bursar-Customer", longest));

        assertThat(stored).isEqualTo(longest);
    }

    @Test
    void headers_over_the_servers_limit_get_a_json_error_not_an_empty_body() throws IOException {
        RawHttpClient.Response r = raw("/v1/chat/completions", "Authorization: Bearer backend-key\r\nX-Bursar-Customer: " + "c".repeat(60_000) + "\r\n",
                CHAT.formatted(""));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("content-type")).startsWith("application/json");
        JsonNode err = json(r.text()).path("error");
        assertThat(err.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(err.path("message").asText()).contains("16 KB");
    }

    @Test
    void headers_over_the_servers_limit_on_the_anthropic_path_get_anthropics_error_shape() throws IOException {
        RawHttpClient.Response r = raw("/v1/messages", "x-api-key: backend-key\r\nX-Bursar-Customer: " + "c".repeat(60_000) + "\r\n",
                MESSAGES.formatted(""));

        assertThat(r.status()).isEqualTo(400);
        JsonNode body = json(r.text());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("message").asText()).contains("16 KB");
    }

    static String customerOf(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String requestId = r.headers().firstValue("x-bursar-request-id").orElseThrow();
        return bursar.ledgerRows().stream().filter(row -> row.path("request_id").asText().equals(requestId))
                .findFirst().orElseThrow().path("customer").asText();
    }

    /** POSTs JSON with exactly these extra header lines ({@code "Name: value\r\n"} each), their values as UTF-8 bytes. */
    static RawHttpClient.Response raw(String path, String headers, String body) throws IOException {
        List<RawHttpClient.Header> sent = new ArrayList<>();
        sent.add(RawHttpClient.Header.of("Content-Type", "application/json"));
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            sent.add(RawHttpClient.Header.of(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return new RawHttpClient(URI.create(bursar.baseUrl()).getPort())
                .send("POST", path, sent, body.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(String s) {
        try {
            return Golden.JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
