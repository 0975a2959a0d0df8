package dev.bursar.providers.anthropic;

import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Collects what an adapter streams; behaves like a client that leaves after {@code failAfter} events (-1: never). */
final class AnthropicProviderTestSink implements StreamSink {
    final List<String> events = new ArrayList<>();
    ProviderReply settled;
    int settledBeforeEvent = -1;
    private final int failAfter;

    AnthropicProviderTestSink(int failAfter) {
        this.failAfter = failAfter;
    }

    @Override
    public void send(byte[] sseEvent) throws IOException {
        if (failAfter >= 0 && events.size() >= failAfter) {
            throw new IOException("client went away");
        }
        events.add(new String(sseEvent, StandardCharsets.UTF_8));
    }

    @Override
    public void beforeLastEvent(ProviderReply reply) {
        if (settled != null) {
            throw new AssertionError("beforeLastEvent called twice");
        }
        settled = reply;
        settledBeforeEvent = events.size();
    }
}
