package dev.bursar.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.ProviderConfig;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.wire.OpenAiUsage;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Any OpenAI-compatible server: OpenAI, DeepSeek, vLLM, Ollama, llama.cpp. Client and provider share the wire, so
 * bodies pass through with only {@code model} (and for streams {@code stream_options.include_usage}) set: tools,
 * response formats, sampling parameters and fields Bursar does not know survive untouched.
 */
public final class OpenAiProvider implements Provider {

    private final OpenAiClient client;

    public OpenAiProvider(ProviderConfig config, UpstreamHttp http) {
        this.client = new OpenAiClient(config, http);
    }

    @Override
    public String name() {
        return client.name();
    }

    @Override
    public ProviderReply chat(ChatCall call) {
        OpenAiClient.Answer answer = post(call, "/chat/completions");
        ObjectNode json = answer.json();
        return reply(answer, () -> LocalUsage.ofChat(call.body(), json, call.upstreamModel()), finishReason(json));
    }

    @Override
    public ProviderReply stream(ChatCall call, StreamSink sink) {
        return new OpenAiStream(client, call, sink).run();
    }

    @Override
    public ProviderReply embed(ChatCall call) {
        OpenAiClient.Answer answer = post(call, "/embeddings");
        return reply(answer, () -> LocalUsage.ofEmbedding(call.body(), call.upstreamModel()), null);
    }

    private OpenAiClient.Answer post(ChatCall call, String endpoint) {
        ObjectNode body = call.body();
        body.put("model", call.upstreamModel());
        return client.post(endpoint, body, call.timeouts(), call::withTraceHeaders);
    }

    /** A whole answer's reply: the server's usage when it sent one, else {@code counted} (an estimate). */
    private static ProviderReply reply(OpenAiClient.Answer answer, Supplier<Usage> counted, String finishReason) {
        JsonNode rawUsage = answer.json().get("usage");
        Optional<Usage> reported = OpenAiUsage.parse(rawUsage);
        // Same wire both ways and nothing changed in the answer: the provider's bytes go to the client as they came.
        return new ProviderReply(answer.json(), reported.orElseGet(counted), reported.isPresent() ? rawUsage : null,
                reported.isEmpty(), false, finishReason, -1, answer.raw());
    }

    private static String finishReason(ObjectNode answer) {
        JsonNode reason = answer.path("choices").path(0).path("finish_reason");
        return reason.isTextual() ? reason.asText() : null;
    }
}
