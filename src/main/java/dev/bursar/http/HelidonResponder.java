package dev.bursar.http;

import dev.bursar.gateway.Responder;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes the pipeline's answers to a Helidon response: whole JSON, or SSE flushed event by event. */
final class HelidonResponder implements Responder {

    static final HeaderName REQUEST_ID = HeaderNames.create("X-Bursar-Request-Id");
    static final HeaderName COST = HeaderNames.create("X-Bursar-Cost-Usd");
    static final HeaderName MODEL = HeaderNames.create("X-Bursar-Model");

    private final ServerResponse res;
    private OutputStream stream;

    HelidonResponder(ServerResponse res) {
        this.res = res;
    }

    @Override
    public void whole(int status, BursarHeaders headers, byte[] jsonBody) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        bursarHeaders(headers);
        res.send(jsonBody);
    }

    /**
     * Helidon shows a handler no connection state: a client that is gone shows only as a failed write, and a write
     * into a connection the client closed still succeeds (it only provokes the client's reset). So the headers go
     * out with the first byte of the body, then all of the body but its last byte: by then a reset has come back (on
     * a nearby network) and that write fails if the client left. The last byte follows the booking.
     */
    @Override
    public boolean whole(int status, BursarHeaders headers, byte[] jsonBody, Delivery beforeLastByte) {
        if (jsonBody.length < 2) {
            return Responder.super.whole(status, headers, jsonBody, beforeLastByte);
        }
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        bursarHeaders(headers);
        res.contentLength(jsonBody.length);
        OutputStream body = null;
        boolean there;
        try {
            body = res.outputStream();
            // Two writes on purpose: the first provokes a gone client's reset, the second sees it.
            body.write(jsonBody, 0, 1);
            body.flush();
            body.write(jsonBody, 1, jsonBody.length - 2);
            body.flush();
            there = true;
        } catch (IOException | RuntimeException clientGone) {
            there = false;
        }
        beforeLastByte.clientThere(there);
        if (!there) {
            closeQuietly(body);
        } else {
            try {
                body.write(jsonBody, jsonBody.length - 1, 1);
                body.close();
            } catch (IOException | RuntimeException clientGone) {
                return true; // booked as taken: all but one byte reached it
            }
        }
        return there;
    }

    @Override
    public EventStream openStream(BursarHeaders headers) {
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        bursarHeaders(headers);
        stream = res.outputStream();
        return new EventStream() {
            @Override
            public void send(byte[] event, boolean flush) throws IOException {
                try {
                    stream.write(event);
                    if (flush) {
                        stream.flush();
                    }
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                } catch (RuntimeException e) {
                    throw gone(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    stream.flush();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                } catch (RuntimeException e) {
                    throw gone(e);
                }
            }
        };
    }

    /** Helidon reports a closed socket with its own unchecked exceptions: to the adapter it is a gone client. */
    private static IOException gone(RuntimeException e) {
        return new IOException("client connection closed: " + e.getMessage(), e);
    }

    private static void closeQuietly(OutputStream body) {
        try {
            if (body != null) {
                body.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // the client is gone; nothing left to tell it
        }
    }

    /** Ends a streamed response, if one was started. */
    void finish() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException | RuntimeException ignored) {
                // the client is gone; nothing left to tell it
            }
        }
    }

    private void bursarHeaders(BursarHeaders h) {
        res.header(REQUEST_ID, h.requestId());
        h.extra().forEach((name, value) -> res.header(name, value));
        if (h.costUsd() != null) {
            res.header(COST, h.costUsd());
        }
        if (h.model() != null && !h.model().isEmpty()) {
            res.header(MODEL, h.model());
        }
    }
}
