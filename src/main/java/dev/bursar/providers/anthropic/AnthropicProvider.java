package dev.bursar.providers.anthropic;

import dev.bursar.config.ProviderConfig;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.providers.UpstreamHttp;

/** PLACEHOLDER: replaced by the adapter's owner. */
public final class AnthropicProvider implements Provider {
    private final String name;

    public AnthropicProvider(ProviderConfig config, UpstreamHttp http) {
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
