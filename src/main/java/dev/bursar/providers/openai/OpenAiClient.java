package dev.bursar.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.ProviderConfig;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.StreamGapWatchdog;
import dev.bursar.providers.UpstreamHttp;
import java.io.IOException;
import java.net.URI;
import dev.bursar.providers.Timeouts;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Talks HTTP to one OpenAI-compatible server: endpoints, credentials, JSON bodies and error bodies. */
final class OpenAiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final String name;
    private final String base;
    private final Map<String, String> headers;
    private final UpstreamHttp http;
    private final Map<String, URI> uris = new ConcurrentHashMap<>();

    OpenAiClient(ProviderConfig config, UpstreamHttp http) {
        this.name = config.name();
        String url = config.baseUrl() == null || config.baseUrl().isBlank() ? DEFAULT_BASE_URL : config.baseUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        Map<String, String> h = new HashMap<>();
        if (config.apiKey() != null && !config.apiKey().isBlank()) {
            h.put("Authorization", "Bearer " + config.apiKey());
        }
        h.putAll(config.headers());
        this.headers = Map.copyOf(h);
        this.http = http;
    }

    String name() {
        return name;
    }

    /** A parsed 2xx answer and the bytes it was parsed from. */
    record Answer(ObjectNode json, byte[] raw) {
    }

    /** POSTs a JSON body and returns the parsed 2xx answer; other statuses become the provider's error. */
    Answer post(String endpoint, ObjectNode body, Timeouts timeouts) {
        return post(endpoint, body, timeouts, headers);
    }

    /** As {@link #post(String, ObjectNode, Timeouts)}, with the headers a call adds (its trace context). */
    Answer post(String endpoint, ObjectNode body, Timeouts timeouts, java.util.function.UnaryOperator<Map<String, String>> extra) {
        return post(endpoint, body, timeouts, extra.apply(headers));
    }

    private Answer post(String endpoint, ObjectNode body, Timeouts timeouts, Map<String, String> headers) {
        UpstreamHttp.Response r = http.post(name, uri(endpoint), headers, bytes(body), timeouts);
        if (r.status() / 100 != 2) {
            throw error(r.status(), r.bodyText(), r.headers());
        }
        try {
            JsonNode answer = JSON.readTree(r.body());
            if (answer instanceof ObjectNode object) {
                return new Answer(object, r.body());
            }
        } catch (JsonProcessingException e) {
            throw malformed(r.status(), "answer is not JSON: " + e.getOriginalMessage(), r.bodyText());
        } catch (IOException e) {
            throw malformed(r.status(), "answer is not JSON: " + e.getMessage(), r.bodyText());
        }
        throw malformed(r.status(), "answer is not a JSON object", r.bodyText());
    }

    /** Opens a streamed POST; the caller checks the status and closes the body. */
    StreamGapWatchdog watch(java.io.Closeable body, Timeouts timeouts, long startNanos) {
        return http.watch(body, timeouts, startNanos);
    }

    UpstreamHttp.Streamed postStream(String endpoint, ObjectNode body, Timeouts timeouts) {
        return http.postStream(name, uri(endpoint), headers, bytes(body), timeouts);
    }

    /** As {@link #postStream(String, ObjectNode, Timeouts)}, with the headers a call adds (its trace context). */
    UpstreamHttp.Streamed postStream(String endpoint, ObjectNode body, Timeouts timeouts,
                                     java.util.function.UnaryOperator<Map<String, String>> extra) {
        return http.postStream(name, uri(endpoint), extra.apply(headers), bytes(body), timeouts);
    }

    /** The provider's error for a non-2xx answer, with the message from its error body when there is one. */
    ProviderException error(int status, String rawBody, Map<String, String> upstreamHeaders) {
        return new ProviderException(ProviderError.fromStatus(name, status, OpenAiErrorBody.message(status, rawBody), rawBody),
                upstreamHeaders);
    }

    ProviderException malformed(int status, String why, String rawBody) {
        return new ProviderException(new ProviderError.Malformed(name, status, name + " " + why, rawBody));
    }

    URI uri(String endpoint) {
        // Parsed once per endpoint: URI.create showed up in the per-request profile.
        return uris.computeIfAbsent(endpoint, e -> URI.create(base + e));
    }

    private byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a request body", e);
        }
    }
}
