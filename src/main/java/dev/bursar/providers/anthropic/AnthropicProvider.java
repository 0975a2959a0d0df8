package dev.bursar.providers.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.ProviderConfig;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.tokens.TokenCounter;
import dev.bursar.wire.ClientWire;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's Messages API ({@code POST {base}/v1/messages}). An Anthropic client's request passes through with
 * only {@code model} replaced, and its answer and stream events come back untouched; an OpenAI client's request
 * is translated to Anthropic and the answer back to OpenAI's chat shape.
 */
public final class AnthropicProvider implements Provider {

    /** Hint keys carrying the client's own Anthropic headers, which win over the adapter's defaults. */
    public static final String HINT_VERSION = "anthropic-version";
    public static final String HINT_BETA = "anthropic-beta";

    private final ProviderConfig config;
    private final UpstreamHttp http;
    private final Clock clock;
    private final URI messagesUri;
    private final OpenAiToAnthropicRequest requestTranslator;

    public AnthropicProvider(ProviderConfig config, UpstreamHttp http) {
        this(config, http, Clock.systemUTC());
    }

    /** With a fixed clock, translated answers get a repeatable {@code created} timestamp (tests). */
    AnthropicProvider(ProviderConfig config, UpstreamHttp http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
        this.messagesUri = messagesUri(config.baseUrl());
        this.requestTranslator = new OpenAiToAnthropicRequest(config.name());
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public boolean speaks(ClientWire wire) {
        return wire == ClientWire.ANTHROPIC || wire == ClientWire.OPENAI;
    }

    @Override
    public ProviderReply chat(ChatCall call) {
        AnthropicProviderCall upstream = prepare(call);
        UpstreamHttp.Response response = http.post(name(), upstream.uri(), upstream.headers(), upstream.body(), upstream.timeouts());
        if (response.status() / 100 != 2) {
            throw AnthropicWire.httpError(name(), response.status(), response.body(), response.headers());
        }
        ObjectNode message = parseMessage(response);
        JsonNode rawUsage = message.get("usage");
        boolean estimated = rawUsage == null || !rawUsage.isObject();
        Usage usage = estimated ? countLocally(upstream, message) : AnthropicUsage.toUsage(rawUsage);
        String stopReason = message.path("stop_reason").asText(null);
        if (call.wire() == ClientWire.ANTHROPIC) {
            return new ProviderReply(message, usage, estimated ? null : rawUsage, estimated, false, stopReason, -1);
        }
        ObjectNode body = AnthropicToOpenAiResponse.translate(message, usage, clock.instant().getEpochSecond());
        return new ProviderReply(body, usage, estimated ? null : rawUsage, estimated, false,
                AnthropicWire.finishReasonToOpenAi(stopReason), -1);
    }

    @Override
    public ProviderReply stream(ChatCall call, StreamSink sink) {
        AnthropicProviderCall upstream = prepare(call);
        AnthropicProviderStreamOut out = call.wire() == ClientWire.ANTHROPIC
                ? new AnthropicProviderPassthrough()
                : new AnthropicToOpenAiStream(call.body().path("stream_options").path("include_usage").asBoolean(false),
                        clock.instant().getEpochSecond(), call.upstreamModel());
        return new AnthropicProviderStream(name(), http).run(upstream, out, sink);
    }

    private AnthropicProviderCall prepare(ChatCall call) {
        ObjectNode request;
        if (call.wire() == ClientWire.ANTHROPIC) {
            request = call.body();
            request.put("model", call.upstreamModel());
        } else {
            request = requestTranslator.translate(call.body(), call.upstreamModel());
        }
        try {
            return new AnthropicProviderCall(messagesUri, headers(call.hints()), AnthropicWire.JSON.writeValueAsBytes(request),
                    request, call.upstreamModel(), call.timeouts());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a request tree", e);
        }
    }

    /** Credentials and version first, then the configured headers, then the client's own Anthropic headers. */
    private Map<String, String> headers(Map<String, String> hints) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (config.apiKey() != null) {
            headers.put("x-api-key", config.apiKey());
        }
        headers.put("anthropic-version", AnthropicWire.DEFAULT_VERSION);
        headers.putAll(config.headers());
        String version = hints.get(HINT_VERSION);
        if (version != null && !version.isBlank()) {
            headers.put("anthropic-version", version);
        }
        String beta = hints.get(HINT_BETA);
        if (beta != null && !beta.isBlank()) {
            // Both the operator's and the client's betas apply; Anthropic takes a comma-separated list.
            headers.merge("anthropic-beta", beta, (configured, client) -> configured + "," + client);
        }
        for (String h : ChatCall.TRACE_HEADERS) {
            String v = hints.get(h);
            if (v != null && !v.isEmpty()) {
                headers.put(h, v);
            }
        }
        return headers;
    }

    private ObjectNode parseMessage(UpstreamHttp.Response response) {
        try {
            JsonNode node = AnthropicWire.JSON.readTree(response.body());
            if (node != null && node.isObject()) {
                return (ObjectNode) node;
            }
        } catch (IOException e) {
            // reported below with the body that could not be read
        }
        String text = response.bodyText();
        throw new ProviderException(new ProviderError.Malformed(name(), response.status(),
                "answer is not a JSON message: " + text.substring(0, Math.min(200, text.length())), text));
    }

    /** Anthropic always reports usage; should an answer lack it, the call is still paid for, so count it. */
    private static Usage countLocally(AnthropicProviderCall upstream, ObjectNode message) {
        TokenCounter counter = TokenCounter.forModel(upstream.model());
        long output = 0;
        for (JsonNode block : message.path("content")) {
            output += block.has("text") ? counter.count(block.get("text").asText()) : counter.count(block.path("input").toString());
        }
        return Usage.of(counter.countAnthropicPrompt(upstream.anthropicRequest()), output);
    }

    private static URI messagesUri(String baseUrl) {
        String base = baseUrl == null || baseUrl.isBlank() ? AnthropicWire.DEFAULT_BASE_URL : baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        // Accept a base configured with /v1 (as OpenAI's is) without doubling it.
        return URI.create(base.endsWith("/v1") ? base + "/messages" : base + AnthropicWire.MESSAGES_PATH);
    }
}
