package dev.bursar.gateway;

import java.io.IOException;
import java.util.Map;

/** How the pipeline answers, independent of the HTTP server. */
public interface Responder {

    /**
     * The Bursar headers every response carries; {@code costUsd} is null on streams (the cost comes at the end).
     * {@code extra} holds other headers of this answer (rate-limit state, retry advice).
     */
    record BursarHeaders(String requestId, String costUsd, String model, Map<String, String> extra) {
        public BursarHeaders(String requestId, String costUsd, String model) {
            this(requestId, costUsd, model, Map.of());
        }
    }

    void whole(int status, BursarHeaders headers, byte[] jsonBody);

    /**
     * A whole answer that has a ledger row: {@code beforeLastByte} runs once all but the last byte of the answer
     * was written, told whether the client was still there (false when a write failed because it has gone), so the
     * row is durable before the answer is complete and says whether it was taken. Returns the same.
     */
    default boolean whole(int status, BursarHeaders headers, byte[] jsonBody, Delivery beforeLastByte) {
        beforeLastByte.clientThere(true);
        whole(status, headers, jsonBody);
        return true;
    }

    /** Books a whole answer; see {@link #whole(int, BursarHeaders, byte[], Delivery)}. */
    @FunctionalInterface
    interface Delivery {
        void clientThere(boolean there);
    }

    /** Starts an SSE response (status 200); events written to the result are flushed one by one. */
    EventStream openStream(BursarHeaders headers);

    interface EventStream {
        /** Throws when the client has gone away. */
        default void send(byte[] sseEvent) throws IOException {
            send(sseEvent, true);
        }

        /** Writes the event; with {@code flush} false it may stay buffered until the next flush. */
        void send(byte[] sseEvent, boolean flush) throws IOException;

        void flush() throws IOException;
    }
}
