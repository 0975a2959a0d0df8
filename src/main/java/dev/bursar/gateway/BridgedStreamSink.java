package dev.bursar.gateway;

import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.wire.anthropic.AnthropicBridge;
import dev.bursar.wire.anthropic.BridgeStreamSink;
import java.io.IOException;

/**
 * An OpenAI-wire adapter's stream answered to an Anthropic client: the provider contract's {@link StreamSink} on one
 * side, the client wire's bridge on the other. It lives on the request path because that is where both meet; the
 * bridge itself knows no provider type.
 *
 * <p>The settlement reaches the client's sink (and so the ledger) only when message_delta reached the client.
 */
final class BridgedStreamSink implements StreamSink {

    private final StreamSink client;
    private final BridgeStreamSink bridge;

    BridgedStreamSink(StreamSink client, String clientModel) {
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
            client.beforeLastEvent(reply);
        }
    }
}
