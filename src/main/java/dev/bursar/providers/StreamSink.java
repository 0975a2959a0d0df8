package dev.bursar.providers;

import java.io.IOException;

/**
 * Where a streaming adapter writes each event for the client, already encoded in the client's wire as complete
 * SSE text ({@code "data: {...}\n\n"}, or {@code "event: x\ndata: {...}\n\n"} for Anthropic). Each call is
 * flushed to the client at once: streams are forwarded, never buffered. An adapter that already holds the next
 * event (it arrived in the same read) may {@link #send(byte[], boolean) hold} one back so that both leave in one
 * write; it flushes before it waits for the provider again.
 *
 * <p>An {@link IOException} from {@link #send} means the client went away: the adapter stops reading upstream,
 * closes it, and returns a reply with {@code clientCancelled = true} and the usage produced so far (counted by
 * the adapter if the provider had not sent it yet).
 */
public interface StreamSink {
    void send(byte[] sseEvent) throws IOException;

    /**
     * {@link #send(byte[])}, except that with {@code nextIsHere} the event may wait in the sink's buffer for the next
     * one, which the adapter has already received; the adapter must {@link #flush} before it waits for more.
     */
    default void send(byte[] sseEvent, boolean nextIsHere) throws IOException {
        send(sseEvent);
    }

    /** Writes out events held by {@link #send(byte[], boolean)}. */
    default void flush() throws IOException {
    }

    /**
     * Called exactly once on a stream that completes, right before its final event ({@code data: [DONE]} for
     * OpenAI, {@code message_stop} for Anthropic) is sent, with the reply the adapter is about to return. The
     * gateway writes the ledger row here, so a client that saw the end of the stream is always in the ledger.
     */
    void beforeLastEvent(ProviderReply reply);
}
