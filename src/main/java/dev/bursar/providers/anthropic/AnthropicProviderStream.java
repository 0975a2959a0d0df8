package dev.bursar.providers.anthropic;

import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.SseReader;
import dev.bursar.providers.StreamGapWatchdog;
import dev.bursar.providers.StreamSink;
import dev.bursar.providers.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads an Anthropic event stream as it arrives and hands each event to the client's side at once. Usage comes
 * from {@code message_start} and {@code message_delta}; {@code message_stop} ends the stream, and the reply is
 * settled with the sink right before the client's final event.
 */
final class AnthropicProviderStream {

    private final String provider;
    private final UpstreamHttp http;

    AnthropicProviderStream(String provider, UpstreamHttp http) {
        this.provider = provider;
        this.http = http;
    }

    ProviderReply run(AnthropicProviderCall call, AnthropicProviderStreamOut out, StreamSink sink) {
        long sentAt = System.nanoTime();
        UpstreamHttp.Streamed response = http.postStream(provider, call.uri(), call.headers(), call.body(), call.timeouts());
        if (response.status() / 100 != 2) {
            throw AnthropicWire.httpError(provider, response.status(), readAndClose(response.body()),
                    response.headers());
        }
        StreamGapWatchdog watch = http.watch(response.body(), call.timeouts(), sentAt);
        SseReader reader = new SseReader(response.body());
        try {
            return new Pump(reader, watch, new AnthropicProviderStreamTally(call.anthropicRequest(), call.model()),
                    out, sink, sentAt).run();
        } finally {
            watch.close();
            closeQuietly(reader);
        }
    }

    /** The state of one stream being pumped from upstream to the client. */
    private final class Pump {
        private final SseReader reader;
        private final StreamGapWatchdog watch;
        private final AnthropicProviderStreamTally tally;
        private final AnthropicProviderStreamOut out;
        private final StreamSink sink;
        private final long sentAt;
        private long ttftNanos = -1;
        private int received;
        private boolean started;

        Pump(SseReader reader, StreamGapWatchdog watch, AnthropicProviderStreamTally tally,
             AnthropicProviderStreamOut out, StreamSink sink, long sentAt) {
            this.reader = reader;
            this.watch = watch;
            this.tally = tally;
            this.out = out;
            this.sink = sink;
            this.sentAt = sentAt;
        }

        ProviderReply run() {
            while (true) {
                AnthropicWireEvent event = next();
                switch (event.name()) {
                    case "message_start" -> tally.start(event.json().path("message"));
                    case "content_block_delta" -> {
                        tally.content(event.data());
                        ttftNanos = ttftNanos < 0 ? System.nanoTime() - sentAt : ttftNanos;
                    }
                    case "message_delta" -> tally.delta(event.json());
                    case "error" -> throw new ProviderException(AnthropicWire.streamError(provider, event.data()),
                            tally.soFar().usage(), started, null);
                    case "message_stop" -> {
                        return finish(event);
                    }
                    default -> { } // ping, content_block_start/stop, and events newer than this adapter
                }
                try {
                    out.forward(event, sink);
                    started = true;
                } catch (IOException clientGone) {
                    return cancelled();
                }
            }
        }

        private AnthropicWireEvent next() {
            Optional<SseReader.Event> event;
            watch.waiting();
            try {
                event = reader.next();
            } catch (IOException e) {
                throw failed("the stream broke after " + received + " events: " + e.getMessage(), e);
            }
            watch.received();
            if (event.isEmpty()) {
                throw failed("the stream ended after " + received + " events without message_stop", null);
            }
            received++;
            return AnthropicWireEvent.of(event.get());
        }

        private ProviderException failed(String why, IOException cause) {
            ProviderError error = watch.fired()
                    ? new ProviderError.Timeout(provider, 200, provider + ": " + watch.expiry()
                            + " (after " + received + " events)", null)
                    : new ProviderError.Malformed(provider, 200, why, null);
            return new ProviderException(error, tally.soFar().usage(), started, cause);
        }

        private ProviderReply finish(AnthropicWireEvent messageStop) {
            var raw = tally.reported().orElseThrow(() -> failed("the stream ended without any usage", null));
            ProviderReply reply = new ProviderReply(null, AnthropicUsage.toUsage(raw), raw, false, false,
                    out.finishReason(tally.stopReason()), ttftNanos);
            try {
                for (byte[] event : out.closing(reply)) {
                    sink.send(event);
                }
            } catch (IOException clientGone) {
                return new ProviderReply(null, reply.usage(), raw, false, true, reply.finishReason(), ttftNanos);
            }
            sink.beforeLastEvent(reply);
            try {
                sink.send(out.last(messageStop));
            } catch (IOException clientGone) {
                // The stream is complete and settled; a client that left during the last event changes nothing.
            }
            return reply;
        }

        private ProviderReply cancelled() {
            AnthropicProviderStreamTally.SoFar soFar = tally.soFar();
            return new ProviderReply(null, soFar.usage(), soFar.raw(), soFar.estimated(), true,
                    out.finishReason(tally.stopReason()), ttftNanos);
        }
    }

    private static byte[] readAndClose(InputStream body) {
        try (body) {
            return body.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void closeQuietly(SseReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // closing a finished or broken upstream body; nothing left to save
        }
    }
}
