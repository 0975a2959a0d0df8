package dev.bursar.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bursar.testing.FakeUpstream;
import dev.bursar.testing.FakeUpstream.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both transports behave the same through UpstreamHttp: answers, streams, and the same errors in the same words. */
class UpstreamHttpTest {

    private FakeUpstream fake;

    static Stream<Arguments> transports() {
        return Stream.of(
                Arguments.of("http1 (default)", (Supplier<UpstreamHttp>) UpstreamHttp::new),
                Arguments.of("jdk", (Supplier<UpstreamHttp>) UpstreamHttp::jdk));
    }

    @BeforeEach
    void start() {
        fake = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void postReturnsStatusAndBodyAndSendsJsonWithTheCallersHeaders(String name, Supplier<UpstreamHttp> transport) {
        fake.on("/v1/chat", Reply.json(400, "{\"error\":\"bad\"}"));

        UpstreamHttp.Response r = transport.get().post("acme", uri("/v1/chat"), Map.of("x-api-key", "k"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.bodyText()).isEqualTo("{\"error\":\"bad\"}");
        assertThat(fake.last().header("Content-Type")).isEqualTo("application/json");
        assertThat(fake.last().header("x-api-key")).isEqualTo("k");
        assertThat(fake.last().bodyText()).isEqualTo("{\"a\":1}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void streamAndGetReturnTheWholeBody(String name, Supplier<UpstreamHttp> transport) throws IOException {
        fake.on("/s", Reply.sse(List.of("data: 1\n\n", "data: 2\n\n"), Duration.ofMillis(20)));
        fake.on("/models", Reply.json(200, "{\"data\":[]}"));
        UpstreamHttp http = transport.get();

        UpstreamHttp.Streamed s = http.postStream("acme", uri("/s"), Map.of(), new byte[0], Duration.ofSeconds(5));
        String streamed;
        try (InputStream body = s.body()) {
            streamed = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        UpstreamHttp.Response got = http.get("acme", uri("/models"), Map.of(), Duration.ofSeconds(5));

        assertThat(s.status()).isEqualTo(200);
        assertThat(streamed).isEqualTo("data: 1\n\ndata: 2\n\n");
        assertThat(got.bodyText()).isEqualTo("{\"data\":[]}");
        assertThat(fake.last().method()).isEqualTo("GET");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aSilentUpstreamIsATimeoutNamingProviderHostAndLimit(String name, Supplier<UpstreamHttp> transport) {
        fake.on("/slow", Reply.hang(Duration.ofSeconds(3)));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> transport.get().post("acme",
                uri("/slow"), Map.of(), new byte[0], Duration.ofMillis(300)));

        assertThat(e.error()).isInstanceOf(ProviderError.Timeout.class);
        assertThat(e.error().message()).isEqualTo("acme (127.0.0.1): no first token within 300ms (timeouts.first-token)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aSilentUpstreamStreamIsATimeoutToo(String name, Supplier<UpstreamHttp> transport) {
        fake.on("/slow", Reply.hang(Duration.ofSeconds(3)));

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> transport.get().postStream("acme",
                uri("/slow"), Map.of(), new byte[0], Duration.ofMillis(300)));

        assertThat(e.error()).isInstanceOf(ProviderError.Timeout.class);
        assertThat(e.error().message()).isEqualTo("acme (127.0.0.1): no first token within 300ms (timeouts.first-token)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aRefusedConnectionIsAnUpstream5xxSayingItCannotReachTheProvider(String name, Supplier<UpstreamHttp> transport)
            throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> transport.get().post("acme",
                URI.create("http://127.0.0.1:" + port + "/v1/chat"), Map.of(), new byte[0], Duration.ofSeconds(2)));

        assertThat(e.error()).isInstanceOf(ProviderError.Upstream5xx.class);
        assertThat(e.error().message()).isEqualTo("cannot reach acme at http://127.0.0.1:" + port + ": connection refused");
    }

    private URI uri(String path) {
        return URI.create(fake.baseUrl() + path);
    }
}
