package dev.bursar.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.SseReader;
import dev.bursar.providers.StreamGapWatchdog;
import dev.bursar.providers.StreamSink;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.wire.SseFrames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One streamed chat call on the OpenAI wire, client and provider alike: each upstream event is forwarded as it
 * arrives, with its text unchanged, and parsed once for usage. {@code include_usage} is forced upstream so the
 * usage is always known; its chunk is dropped again when the client did not ask for it.
 */
final class OpenAiStream {

    private final OpenAiClient client;
    private final ChatCall call;
    private final StreamSink sink;
    private final boolean clientWantsUsage;

    OpenAiStream(OpenAiClient client, ChatCall call, StreamSink sink) {
        this.client = client;
        this.call = call;
        this.sink = sink;
        this.clientWantsUsage = call.body().path("stream_options").path("include_usage").asBoolean(false);
    }

    ProviderReply run() {
        ObjectNode body = call.body();
        body.put("model", call.upstreamModel());
        JsonNode options = body.get("stream_options");
        ObjectNode streamOptions = options instanceof ObjectNode o ? o : body.putObject("stream_options");
        streamOptions.put("include_usage", true);
        long start = System.nanoTime();
        StreamTally tally = new StreamTally(body, call.upstreamModel(), start);
        UpstreamHttp.Streamed response = client.postStream("/chat/completions", body, call.timeouts(), call::withTraceHeaders);
        InputStream in = response.body();
        try (StreamGapWatchdog watchdog = client.watch(in, call.timeouts(), start)) {
            if (response.status() / 100 != 2) {
                throw client.error(response.status(), errorBody(in, watchdog, tally), response.headers());
            }
            return forward(new SseReader(in), watchdog, tally);
        } finally {
            closeQuietly(in);
        }
    }

    private String errorBody(InputStream in, StreamGapWatchdog watchdog, StreamTally tally) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure(e, tally, watchdog);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the call is over either way; a failing close must not turn a good reply into an error
        }
    }

    private ProviderReply forward(SseReader reader, StreamGapWatchdog watchdog, StreamTally tally) {
        boolean held = false;
        while (true) {
            if (held && !reader.eventBuffered()) {
                // Events that arrived together leave together; none waits while we wait for the provider.
                try {
                    sink.flush();
                } catch (IOException clientGone) {
                    return tally.cancelled();
                }
                held = false;
            }
            watchdog.waiting();
            Optional<SseReader.Event> event = next(reader, watchdog, tally);
            watchdog.received();
            if (event.isEmpty()) {
                throw cut(tally, "ended without data: [DONE]", null);
            }
            String data = event.get().data();
            if (data.isEmpty()) {
                continue;
            }
            if (data.equals("[DONE]")) {
                return finish(tally);
            }
            JsonNode chunk = parse(data, tally);
            boolean usageOnly = tally.accept(chunk);
            if (usageOnly && !clientWantsUsage) {
                continue;
            }
            try {
                held = reader.eventBuffered();
                sink.send(SseFrames.data(data), held);
                tally.sent();
            } catch (IOException clientGone) {
                return tally.cancelled();
            }
        }
    }

    private Optional<SseReader.Event> next(SseReader reader, StreamGapWatchdog watchdog, StreamTally tally) {
        try {
            return reader.next();
        } catch (IOException e) {
            throw failure(e, tally, watchdog);
        }
    }

    private ProviderReply finish(StreamTally tally) {
        ProviderReply reply = tally.completed();
        sink.beforeLastEvent(reply);
        try {
            sink.send(SseFrames.done());
            return reply;
        } catch (IOException clientGone) {
            // Everything was produced and reported; only the end marker did not reach the client.
            return new ProviderReply(null, reply.usage(), reply.rawUsage(), reply.usageEstimated(), true,
                    reply.finishReason(), reply.ttftNanos());
        }
    }

    private JsonNode parse(String data, StreamTally tally) {
        JsonNode chunk;
        try {
            chunk = OpenAiClient.JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw cut(tally, "sent an event that is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            // Some servers report a failure mid-stream as a data event with an OpenAI error body.
            String message = OpenAiErrorBody.message(200, data);
            throw new ProviderException(new ProviderError.Upstream5xx(client.name(), 200,
                    client.name() + " failed mid-stream: " + message, data),
                    tally.usageSoFar(), tally.started(), null);
        }
        return chunk;
    }

    private ProviderException failure(IOException e, StreamTally tally, StreamGapWatchdog watchdog) {
        if (watchdog.fired()) {
            return new ProviderException(new ProviderError.Timeout(client.name(), 200,
                    client.name() + ": " + watchdog.expiry() + " (after " + tally.sentEvents() + " events)", null),
                    tally.usageSoFar(), tally.started(), e);
        }
        return cut(tally, "stream broke: " + e.getMessage(), e);
    }

    private ProviderException cut(StreamTally tally, String why, Throwable cause) {
        return new ProviderException(new ProviderError.Malformed(client.name(), 200,
                client.name() + " " + why + " (after " + tally.sentEvents() + " events)", null),
                tally.usageSoFar(), tally.started(), cause);
    }
}
