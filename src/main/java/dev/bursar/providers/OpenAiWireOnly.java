package dev.bursar.providers;

import dev.bursar.wire.ClientWire;

/** The check of adapters that answer the OpenAI wire only; other clients reach them through the gateway's bridge. */
public final class OpenAiWireOnly {

    private OpenAiWireOnly() {
    }

    /**
     * Refuses a call in another wire with a {@link ProviderError.BadRequest} that says how to route it.
     *
     * @param adapter how the message names the adapter, e.g. "the Gemini adapter"
     */
    public static void require(ChatCall call, String provider, String adapter) {
        if (call.wire() != ClientWire.OPENAI) {
            throw new ProviderException(new ProviderError.BadRequest(provider, 0,
                    adapter + " answers the OpenAI wire only; route " + call.wire() + " clients through the OpenAI bridge", null));
        }
    }
}
