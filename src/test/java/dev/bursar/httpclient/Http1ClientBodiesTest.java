package dev.bursar.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.RawHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Http1ClientBodiesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final Http1Client client = new Http1Client();
    private RawHttpServer server;

    @AfterEach
    void stop() {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            content-length            | HTTP/1.1 200 OK\\r\\nContent-Length: 11\\r\\n\\r\\nhello world                                      | hello world | 1
            chunked                   | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nhello\\r\\n6\\r\\n world\\r\\n0\\r\\n\\r\\n   | hello world | 1
            chunk extension, trailer  | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nB;x=1\\r\\nhello world\\r\\n0\\r\\nX-T: 1\\r\\n\\r\\n | hello world | 1
            interim 100 skipped       | HTTP/1.1 100 Continue\\r\\n\\r\\nHTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok                   | ok          | 1
            read until close          | HTTP/1.1 200 OK\\r\\n\\r\\nuntil close                                                             | until close | 2
            connection close          | HTTP/1.1 200 OK\\r\\nConnection: close\\r\\nContent-Length: 2\\r\\n\\r\\nok                          | ok          | 2
            HTTP/1.0 without keep-alive | HTTP/1.0 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok                                            | ok          | 2
            """)
    void readsEachBodyFramingAndReusesTheConnectionOnlyWhenAllowed(String framing, String wire, String body,
                                                                    int connectionsForTwoCalls) throws Exception {
        // given a server that answers every request with this response, closing when the framing requires it
        String response = wire.strip().replace("\\r\\n", "\r\n");
        boolean closes = connectionsForTwoCalls == 2;
        server = RawHttpServer.start(conn -> {
            while (conn.readRequest().isPresent()) {
                conn.write(response);
                if (closes) {
                    conn.close();
                    return;
                }
            }
        });

        // when called twice
        Http1Response first = client.send(post("/x", "{}"), TIMEOUT);
        Http1Response second = client.send(post("/x", "{}"), TIMEOUT);

        // then both bodies are whole, and the connection was kept only for keep-alive framings
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(server.connections()).isEqualTo(connectionsForTwoCalls);
    }

    @Test
    void sendsHostLengthTypeKeepAliveAndUserHeadersWithTheBodyAndNoCompressionRequest() throws Exception {
        // given
        AtomicReference<RawHttpServer.Request> seen = new AtomicReference<>();
        server = RawHttpServer.start(conn -> {
            seen.set(conn.readRequest().orElseThrow());
            conn.respond(201, "{\"id\":1}");
        });

        // when
        Http1Response r = client.send(Http1Request.post(URI.create(server.baseUrl() + "/v1/chat?a=b%20c"),
                Map.of("Content-Type", "application/json", "X-Api-Key", "k1"), "{\"q\":1}".getBytes(StandardCharsets.UTF_8)), TIMEOUT);

        // then
        RawHttpServer.Request req = seen.get();
        assertThat(r.status()).isEqualTo(201);
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.target()).isEqualTo("/v1/chat?a=b%20c");
        assertThat(req.header("host")).contains("127.0.0.1:" + server.port());
        assertThat(req.header("content-length")).contains("7");
        assertThat(req.header("content-type")).contains("application/json");
        assertThat(req.header("connection")).contains("keep-alive");
        assertThat(req.header("x-api-key")).contains("k1");
        assertThat(req.header("accept-encoding")).isEmpty();
        assertThat(req.bodyText()).isEqualTo("{\"q\":1}");
    }

    @Test
    void responseHeadersMatchWhateverTheirCase() throws Exception {
        // given
        server = RawHttpServer.start(conn -> {
            conn.readRequest();
            conn.write("HTTP/1.1 429 Too Many\r\nretry-AFTER: 7\r\nx-Multi: a\r\nX-MULTI: b\r\nContent-Length: 0\r\n\r\n");
        });

        // when
        Http1Response r = client.send(Http1Request.get(URI.create(server.baseUrl() + "/"), Map.of()), TIMEOUT);

        // then
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.headers().first("Retry-After")).contains("7");
        assertThat(r.headers().all("x-multi")).containsExactly("a", "b");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void readsAChunkedStreamFromTheJdkServerWhole() throws Exception {
        // given a FakeUpstream streaming three SSE events in chunks
        List<String> events = List.of("data: 1\n\n", "data: 2\n\n", "data: [DONE]\n\n");
        try (FakeUpstream fake = FakeUpstream.start().on("/s", FakeUpstream.Reply.sse(events, Duration.ZERO))) {
            // when
            Http1Response r = client.send(Http1Request.post(URI.create(fake.baseUrl() + "/s"), Map.of(), new byte[0]), TIMEOUT);

            // then
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(String.join("", events));
            assertThat(fake.last().header("Content-Length")).isEqualTo("0");
        }
    }

    @Test
    void refusesHeadersTheClientOwnsWithAMessageSayingWhatToRemove() {
        server = RawHttpServer.start(RawHttpServer.answering(200, "{}"));
        Http1Request bad = Http1Request.post(URI.create(server.baseUrl()), Map.of("Content-Length", "3"), new byte[0]);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(bad, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Content-Length is set by the HTTP client");
    }

    private Http1Request post(String path, String body) {
        return Http1Request.post(URI.create(server.baseUrl() + path), Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
