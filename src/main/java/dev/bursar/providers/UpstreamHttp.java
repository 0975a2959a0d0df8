package dev.bursar.providers;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The one HTTP client every adapter uses to reach its provider. Transport failures become {@link ProviderException}s
 * here, so adapters only deal with statuses and bodies.
 */
public final class UpstreamHttp {

    /** A whole upstream response. */
    public record Response(int status, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A streamed upstream response; the caller must close {@code body}. */
    public record Streamed(int status, InputStream body) {
    }

    private final HttpClient client;

    public UpstreamHttp() {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    public UpstreamHttp(HttpClient client) {
        this.client = client;
    }

    public Response post(String provider, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        HttpResponse<byte[]> r = send(provider, request(uri, headers, body, timeout), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.body());
    }

    /**
     * Opens a streamed POST. {@code timeout} bounds the wait for the response headers; the adapter bounds the
     * gaps between chunks itself.
     */
    public Streamed postStream(String provider, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        HttpResponse<InputStream> r = send(provider, request(uri, headers, body, timeout),
                HttpResponse.BodyHandlers.ofInputStream());
        return new Streamed(r.statusCode(), r.body());
    }

    public Response get(String provider, URI uri, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(b::header);
        HttpResponse<byte[]> r = send(provider, b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.body());
    }

    /** Sends one request; a transport failure becomes the provider's timeout or unreachable error. */
    private <T> HttpResponse<T> send(String provider, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        URI uri = request.uri();
        try {
            return client.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw timeout(provider, uri, request.timeout().orElseThrow(), e);
        } catch (IOException e) {
            throw unreachable(provider, uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(provider, uri, e);
        }
    }

    private static HttpRequest request(URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return b.build();
    }

    private static ProviderException timeout(String provider, URI uri, Duration timeout, Exception e) {
        return new ProviderException(new ProviderError.Timeout(provider, 0,
                "no answer from " + provider + " (" + uri.getHost() + ") within " + timeout.toMillis() + " ms", null),
                null, false, e);
    }

    private static ProviderException unreachable(String provider, URI uri, Exception e) {
        String why = e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
        return new ProviderException(new ProviderError.Upstream5xx(provider, 0,
                "cannot reach " + provider + " at " + uri.getScheme() + "://" + uri.getAuthority() + ": " + why, null),
                null, false, e);
    }
}
