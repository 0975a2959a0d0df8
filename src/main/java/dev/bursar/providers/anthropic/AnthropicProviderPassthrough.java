package dev.bursar.providers.anthropic;

import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import java.io.IOException;
import java.util.List;

/** Anthropic client, Anthropic provider: every event goes out as it came in, unparsed unless usage needs it. */
final class AnthropicProviderPassthrough implements AnthropicProviderStreamOut {

    @Override
    public void forward(AnthropicWireEvent event, StreamSink sink) throws IOException {
        sink.send(event.sseBytes());
    }

    @Override
    public List<byte[]> closing(ProviderReply reply) {
        return List.of();
    }

    @Override
    public byte[] last(AnthropicWireEvent messageStop) {
        return messageStop.sseBytes();
    }

    @Override
    public String finishReason(String stopReason) {
        return stopReason;
    }
}
