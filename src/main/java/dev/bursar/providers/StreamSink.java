package dev.bursar.providers;

import java.io.IOException;

/**
 * Where a streaming adapter writes each event for the client, already encoded in the client's wire as complete
 * SSE text ({@code "data: {...}\n\n"}, or {@code "event: x\ndata: {...}\n\n"} for Anthropic). Each call is
 * flushed to the client at once: streams are forwarded, never buffered.
 *
 * <p>An {@link IOException} from {@link #send} means the client went away: the adapter stops reading upstream,
 * closes it, and returns a reply with {@code clientCancelled = true} and the usage produced so far (counted by
 * the adapter if the provider had not sent it yet).
 */
public interface StreamSink {
    void send(byte[] sseEvent) throws IOException;

    /**
     * Called exactly once on a stream that completes, right before its final event ({@code data: [DONE]} for
     * OpenAI, {@code message_stop} for Anthropic) is sent, with the reply the adapter is about to return. The
     * gateway writes the ledger row here, so a client that saw the end of the stream is always in the ledger.
     */
    void beforeLastEvent(ProviderReply reply);
}
