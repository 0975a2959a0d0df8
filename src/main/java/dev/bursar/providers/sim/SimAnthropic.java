package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.wire.ClientWire;
import dev.bursar.wire.anthropic.AnthropicBridge;
import dev.bursar.wire.anthropic.BridgeStreamSink;
import java.io.IOException;

/**
 * The sim speaking Anthropic's Messages wire ({@code anthropic-native: true}): a request is read through the same
 * bridge the gateway uses (so the sim answers exactly what it answers on the OpenAI wire), and the answer, whole or
 * streamed, is written as an Anthropic message whose usage reports cache writes and reads the way Anthropic does
 * ({@code input_tokens} without them, {@code cache_creation_input_tokens}, {@code cache_read_input_tokens}).
 */
final class SimAnthropic {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SimAnthropic() {
    }

    /** The call in OpenAI's shape, which the planner, the refusals and the stream writer read. */
    static ChatCall asOpenAi(ChatCall call) {
        return new ChatCall(ClientWire.OPENAI, AnthropicBridge.toOpenAiRequest(call.body()), call.upstreamModel(),
                call.timeouts(), call.hints());
    }

    /** The name the client asked for, which an Anthropic message repeats. */
    static String clientModel(ChatCall call) {
        return call.body().path("model").asText(call.upstreamModel());
    }

    static ProviderReply whole(SimAnswer answer, ChatCall call) {
        ObjectNode completion = SimJson.completion(answer);
        completion.remove("usage"); // the answer's own usage, with cache writes, is used instead
        ObjectNode message = AnthropicBridge.toAnthropicResponse(completion, clientModel(call), answer.usage());
        message.set("usage", usage(answer.usage()));
        return new ProviderReply(message, answer.usage(), message.get("usage"), false, false,
                message.path("stop_reason").asText(null), -1);
    }

    /** Anthropic's usage block: input without the cached parts, writes split by lifetime as the API does. */
    static ObjectNode usage(Usage u) {
        ObjectNode usage = NODES.objectNode();
        usage.put("input_tokens", u.uncachedInputTokens());
        usage.put("cache_creation_input_tokens", u.cacheWriteTokens());
        usage.put("cache_read_input_tokens", u.cachedInputTokens());
        usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", u.cacheWrite5mTokens())
                .put("ephemeral_1h_input_tokens", u.cacheWrite1hTokens());
        usage.put("output_tokens", u.outputTokens());
        return usage;
    }

    /** A stream written in OpenAI chunks by {@link SimStream}, sent to the client as Anthropic events. */
    static final class Sink implements StreamSink {

        private final StreamSink client;
        private final BridgeStreamSink bridge;

        Sink(StreamSink client, String clientModel) {
            this.client = client;
            this.bridge = AnthropicBridge.anthropicStreamOver(client::send, clientModel);
        }

        @Override
        public void send(byte[] openAiEvent) throws IOException {
            bridge.send(openAiEvent);
        }

        @Override
        public void beforeLastEvent(ProviderReply reply) {
            if (bridge.settle(reply.usage(), reply.finishReason())) {
                client.beforeLastEvent(anthropic(reply));
            }
        }

        /** The reply with Anthropic's usage block as its raw usage. */
        static ProviderReply anthropic(ProviderReply reply) {
            return new ProviderReply(reply.body(), reply.usage(), usage(reply.usage()), reply.usageEstimated(),
                    reply.clientCancelled(), reply.finishReason(), reply.ttftNanos());
        }
    }
}
