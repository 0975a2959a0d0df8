package dev.bursar.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.CutStreamUsage;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.SseReader;
import dev.bursar.providers.StreamGapWatchdog;
import dev.bursar.providers.StreamSink;
import dev.bursar.providers.UpstreamHttp;
import dev.bursar.tokens.TokenCounter;
import dev.bursar.wire.SseFrames;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** One streamed Gemini call: reads the SSE body event by event and forwards each as OpenAI chunks at once. */
final class GeminiStreamCall {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String provider;
    private final ChatCall call;
    private final StreamSink sink;
    private final GeminiChunkTranslator translator;
    private final long startNanos = System.nanoTime();
    private long ttftNanos = -1;
    private int sent;

    GeminiStreamCall(String provider, ChatCall call, StreamSink sink, long created) {
        this.provider = provider;
        this.call = call;
        this.sink = sink;
        this.translator = new GeminiChunkTranslator(call.upstreamModel(), created);
    }

    ProviderReply run(InputStream body, UpstreamHttp http, long startNanos) {
        try (body; SseReader reader = new SseReader(body);
             StreamGapWatchdog watchdog = http.watch(body, call.timeouts(), startNanos)) {
            while (true) {
                watchdog.waiting();
                Optional<SseReader.Event> event = read(reader, watchdog);
                watchdog.received();
                if (event.isEmpty()) {
                    break;
                }
                if (!forward(parse(event.get().data()))) {
                    return partialReply(true);
                }
            }
            if (watchdog.fired()) {
                throw failure(new ProviderError.Timeout(provider, 0, gapMessage(watchdog), null), null);
            }
        } catch (IOException closeFailed) {
            // closing an abandoned upstream body: nothing left to do
        }
        if (!translator.finished()) {
            throw failure(new ProviderError.Malformed(provider, 200,
                    "Gemini ended the stream before a finishReason: the answer is incomplete", null), null);
        }
        return finish();
    }

    private Optional<SseReader.Event> read(SseReader reader, StreamGapWatchdog watchdog) {
        try {
            return reader.next();
        } catch (IOException e) {
            if (watchdog.fired()) {
                throw failure(new ProviderError.Timeout(provider, 0, gapMessage(watchdog), null), e);
            }
            throw failure(new ProviderError.Malformed(provider, 200,
                    "Gemini cut the stream: " + e.getMessage(), null), e);
        }
    }

    private JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw failure(new ProviderError.Malformed(provider, 200, "Gemini sent a stream event that is not JSON", data), e);
        }
    }

    /** Sends the chunk's events; false when the client went away. */
    private boolean forward(JsonNode chunk) {
        for (byte[] event : translator.translate(chunk)) {
            if (!send(event)) {
                return false;
            }
        }
        return true;
    }

    private boolean send(byte[] event) {
        try {
            sink.send(event);
            if (ttftNanos < 0 && sent > 0) {
                ttftNanos = System.nanoTime() - startNanos;
            }
            sent++;
            return true;
        } catch (IOException clientGone) {
            return false;
        }
    }

    private ProviderReply finish() {
        JsonNode raw = translator.lastUsage().orElse(null);
        boolean estimated = raw == null;
        Usage usage = estimated ? counted() : GeminiUsage.of(raw);
        ProviderReply reply = new ProviderReply(null, usage, raw, estimated, false, translator.finishReason(), ttftNanos);
        if (includeUsage() && !send(translator.usageEvent(usage))) {
            return partialReply(true);
        }
        sink.beforeLastEvent(reply);
        send(SseFrames.done());
        return reply;
    }

    private boolean includeUsage() {
        return call.body().path("stream_options").path("include_usage").asBoolean(false);
    }

    private ProviderReply partialReply(boolean cancelled) {
        return new ProviderReply(null, partialUsage(), translator.lastUsage().orElse(null), true, cancelled,
                translator.finishReason(), ttftNanos);
    }

    /**
     * Usage of an unfinished stream: Gemini's own prompt count when a chunk carried it, else a local count; output
     * is the larger of what Gemini reported so far and the tokens of the text already streamed.
     */
    private Usage partialUsage() {
        Usage counted = counted();
        return translator.lastUsage().map(GeminiUsage::of)
                .map(u -> u.inputTokens() > 0 ? u : new Usage(1, 0, 0, 0, u.outputTokens(), u.reasoningTokens()))
                .map(u -> CutStreamUsage.outputAtLeast(u, counted.outputTokens()))
                .orElse(counted);
    }

    private Usage counted() {
        TokenCounter counter = TokenCounter.forModel(call.upstreamModel());
        return Usage.of(counter.countOpenAiPrompt(call.body()), counter.count(translator.streamedText()));
    }

    private ProviderException failure(ProviderError error, Throwable cause) {
        return new ProviderException(error, partialUsage(), sent > 0, cause);
    }

    private static String gapMessage(StreamGapWatchdog watchdog) {
        return "Gemini: " + watchdog.expiry() + "; raise the provider's timeouts if the model is slow";
    }
}
