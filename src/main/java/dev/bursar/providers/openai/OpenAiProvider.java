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
import java.util.Optional;

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
        ObjectNode body = call.body();
        body.put("model", call.upstreamModel());
        ObjectNode answer = client.post("/chat/completions", body, call.timeout());
        JsonNode rawUsage = answer.get("usage");
        Optional<Usage> reported = OpenAiUsage.parse(rawUsage);
        Usage usage = reported.orElseGet(() -> LocalUsage.ofChat(body, answer, call.upstreamModel()));
        return new ProviderReply(answer, usage, reported.isPresent() ? rawUsage : null, reported.isEmpty(), false,
                finishReason(answer), -1);
    }

    @Override
    public ProviderReply stream(ChatCall call, StreamSink sink) {
        return new OpenAiStream(client, call, sink).run();
    }

    @Override
    public ProviderReply embed(ChatCall call) {
        ObjectNode body = call.body();
        body.put("model", call.upstreamModel());
        ObjectNode answer = client.post("/embeddings", body, call.timeout());
        JsonNode rawUsage = answer.get("usage");
        Optional<Usage> reported = OpenAiUsage.parse(rawUsage);
        Usage usage = reported.orElseGet(() -> LocalUsage.ofEmbedding(body, call.upstreamModel()));
        return new ProviderReply(answer, usage, reported.isPresent() ? rawUsage : null, reported.isEmpty(), false,
                null, -1);
    }

    private static String finishReason(ObjectNode answer) {
        JsonNode reason = answer.path("choices").path(0).path("finish_reason");
        return reason.isTextual() ? reason.asText() : null;
    }
}
