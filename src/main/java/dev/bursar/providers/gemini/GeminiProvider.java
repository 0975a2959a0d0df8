package dev.bursar.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.ProviderConfig;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.OpenAiWireOnly;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.tokens.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Google's Gemini API ({@code generateContent} / {@code streamGenerateContent?alt=sse}) behind the OpenAI chat wire:
 * requests and answers are translated both ways, usage is mapped by {@link GeminiUsage}.
 */
public final class GeminiProvider implements Provider {

    static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderConfig config;
    private final UpstreamHttp http;
    private final Clock clock;
    private final String baseUrl;
    private final Map<String, String> headers;

    public GeminiProvider(ProviderConfig config, UpstreamHttp http) {
        this(config, http, Clock.systemUTC());
    }

    /** {@code clock} stamps the {@code created} field of answers (fixed in tests). */
    GeminiProvider(ProviderConfig config, UpstreamHttp http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
        String base = config.baseUrl() == null || config.baseUrl().isBlank() ? DEFAULT_BASE_URL : config.baseUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        Map<String, String> h = new HashMap<>(config.headers());
        if (config.apiKey() != null && !config.apiKey().isBlank()) {
            h.put("x-goog-api-key", config.apiKey());
        }
        this.headers = Map.copyOf(h);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public ProviderReply chat(ChatCall call) {
        OpenAiWireOnly.require(call, name(), "the Gemini adapter");
        UpstreamHttp.Response r = http.post(name(), uri(call, ":generateContent"), headers, request(call), call.timeouts());
        if (r.status() / 100 != 2) {
            throw GeminiErrors.fromStatus(name(), r.status(), r.bodyText(), r.headers());
        }
        JsonNode answer = parse(r);
        JsonNode raw = answer.get("usageMetadata");
        boolean estimated = raw == null;
        Usage usage = estimated ? countLocally(call, answer) : GeminiUsage.of(raw);
        ObjectNode body = GeminiResponseMapper.toOpenAi(answer, call.upstreamModel(), clock.instant().getEpochSecond(), usage);
        String finish = body.path("choices").path(0).path("finish_reason").asText(null);
        return new ProviderReply(body, usage, raw, estimated, false, finish, -1);
    }

    @Override
    public ProviderReply stream(ChatCall call, StreamSink sink) {
        OpenAiWireOnly.require(call, name(), "the Gemini adapter");
        long start = System.nanoTime();
        UpstreamHttp.Streamed s = http.postStream(name(), uri(call, ":streamGenerateContent?alt=sse"), headers,
                request(call), call.timeouts());
        if (s.status() / 100 != 2) {
            throw GeminiErrors.fromStatus(name(), s.status(), drain(s.body()), s.headers());
        }
        return new GeminiStreamCall(name(), call, sink, clock.instant().getEpochSecond()).run(s.body(), http, start);
    }

    private byte[] request(ChatCall call) {
        ObjectNode request = GeminiRequestMapper.toGemini(name(), call.body());
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    private URI uri(ChatCall call, String method) {
        String model = call.upstreamModel().startsWith("models/") ? call.upstreamModel().substring(7) : call.upstreamModel();
        return URI.create(baseUrl + "/v1beta/models/" + model + method);
    }

    private JsonNode parse(UpstreamHttp.Response r) {
        try {
            JsonNode node = JSON.readTree(r.body());
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ProviderException(new ProviderError.Malformed(name(), r.status(),
                    "Gemini answered with a body that is not a GenerateContentResponse: " + e.getMessage(), r.bodyText()));
        }
    }

    private static Usage countLocally(ChatCall call, JsonNode answer) {
        TokenCounter counter = TokenCounter.forModel(call.upstreamModel());
        long output = 0;
        for (JsonNode candidate : answer.path("candidates")) {
            output += counter.count(GeminiParts.text(candidate.path("content").path("parts")));
        }
        return Usage.of(counter.countOpenAiPrompt(call.body()), output);
    }

    private static String drain(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
