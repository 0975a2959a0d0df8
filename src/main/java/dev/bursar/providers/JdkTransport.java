package dev.bursar.providers;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The JDK's {@link HttpClient}: the original transport, kept so the gateway can switch back. */
final class JdkTransport implements UpstreamTransport {

    private final HttpClient client;

    JdkTransport(HttpClient client) {
        this.client = client;
    }

    static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public UpstreamHttp.Response post(URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts)
            throws IOException, InterruptedException {
        // The JDK client's connect timeout is the client's own; a request's timeout bounds its head.
        HttpResponse<byte[]> r = client.send(postRequest(uri, headers, body, timeouts.head(false)), HttpResponse.BodyHandlers.ofByteArray());
        return new UpstreamHttp.Response(r.statusCode(), r.body(), retryHeaders(r));
    }

    @Override
    public UpstreamHttp.Streamed postStream(URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> r = client.send(postRequest(uri, headers, body, timeouts.head(true)), HttpResponse.BodyHandlers.ofInputStream());
        return new UpstreamHttp.Streamed(r.statusCode(), r.body(), retryHeaders(r));
    }

    @Override
    public UpstreamHttp.Response get(URI uri, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(b::header);
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new UpstreamHttp.Response(r.statusCode(), r.body(), retryHeaders(r));
    }

    /** Only a refusal's headers are ever passed on; a success's are not read at all (it is the hot path). */
    private static Map<String, String> retryHeaders(HttpResponse<?> r) {
        if (r.statusCode() / 100 == 2) {
            return Map.of();
        }
        return RetryHeaders.pick(each -> r.headers().map().forEach((name, values) -> values.forEach(v -> each.accept(name, v))));
    }

    /** Now, not after the calls in flight: a stream still open at shutdown must not hold the gateway up. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    private static HttpRequest postRequest(URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return b.build();
    }
}
