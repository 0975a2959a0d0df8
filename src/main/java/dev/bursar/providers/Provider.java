package dev.bursar.providers;

import dev.bursar.wire.ClientWire;

/**
 * The contract every provider adapter implements. An adapter receives the request in the client's wire
 * ({@link ChatCall#wire()}) and answers in it: when the provider speaks the same wire the body passes through with
 * only {@code model} (and, for streams, {@code stream_options.include_usage}) set; otherwise it is translated.
 * Failures are thrown as {@link ProviderException}. Adapters never touch the ledger: they report usage, the gateway
 * prices and records it.
 */
public interface Provider {

    /** The configured name of this provider instance ("openai", "anthropic", "sim", ...). */
    String name();

    /**
     * The client wires this adapter answers in. Every adapter speaks OpenAI's; an Anthropic client reaching an
     * adapter that does not speak Anthropic's is bridged by the gateway through the OpenAI wire.
     */
    default boolean speaks(ClientWire wire) {
        return wire == ClientWire.OPENAI;
    }

    /** A whole (non-streamed) chat call. */
    ProviderReply chat(ChatCall call);

    /**
     * A streamed chat call: events go to {@code sink} as they arrive from upstream. Returns once the stream ended
     * (or the client went away). Must always obtain the usage: OpenAI-compatible adapters set
     * {@code stream_options.include_usage} upstream and drop the usage chunk again if the client did not ask for it.
     */
    ProviderReply stream(ChatCall call, StreamSink sink);

    /** OpenAI-wire embeddings; adapters without embeddings answer with a {@link ProviderError.BadRequest}. */
    default ProviderReply embed(ChatCall call) {
        throw new ProviderException(new ProviderError.BadRequest(name(), 0,
                "provider '" + name() + "' does not serve embeddings", null));
    }
}
