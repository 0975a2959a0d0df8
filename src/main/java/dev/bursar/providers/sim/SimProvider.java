package dev.bursar.providers.sim;

import dev.bursar.config.ProviderConfig;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;

/** PLACEHOLDER: replaced by the adapter's owner. */
public final class SimProvider implements Provider {
    private final String name;

    public SimProvider(ProviderConfig config) {
        this.name = config.name();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProviderReply chat(ChatCall call) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProviderReply stream(ChatCall call, StreamSink sink) {
        throw new UnsupportedOperationException();
    }
}
