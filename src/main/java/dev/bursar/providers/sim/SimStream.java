package dev.bursar.providers.sim;

import dev.bursar.config.SimConfig;
import dev.bursar.pricing.Usage;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.tokens.TokenCounter;
import dev.bursar.wire.SseFrames;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated stream: waits the time to first token, then sends each choice as content deltas of a few words,
 * pacing them at the configured tokens per second, then the finish chunks, the usage chunk if asked, and
 * {@code [DONE]}. A {@link SimFault#CUT} fails half-way through the first choice, as a dropped connection would.
 */
final class SimStream {

    private static final int WORDS_PER_DELTA = 3;

    private final String provider;
    private final ChatCall call;
    private final SimAnswer answer;
    private final SimConfig config;
    private final StreamSink sink;
    private final SimFault fault;
    private final TokenCounter counter;
    private final StringBuilder[] produced;
    private final long startNanos = System.nanoTime();
    private long ttftNanos = -1;
    private int toolTokens;
    private boolean started;

    SimStream(String provider, ChatCall call, SimAnswer answer, SimConfig config, StreamSink sink, SimFault fault) {
        this.provider = provider;
        this.call = call;
        this.answer = answer;
        this.config = config;
        this.sink = sink;
        this.fault = fault;
        this.counter = TokenCounter.forModel(call.upstreamModel());
        this.produced = new StringBuilder[answer.choices().size()];
        for (int i = 0; i < produced.length; i++) {
            produced[i] = new StringBuilder();
        }
    }

    ProviderReply run() {
        boolean includeUsage = call.body().path("stream_options").path("include_usage").asBoolean(false);
        pause(config.ttftMillis() * 1_000_000L);
        try {
            for (SimAnswer.Choice c : answer.choices()) {
                var role = SimJson.delta().put("role", "assistant").put("content", "");
                send(SimJson.chunk(answer, includeUsage, c.index(), role, null));
            }
            for (SimAnswer.Choice c : answer.choices()) {
                choice(c, includeUsage);
            }
            if (includeUsage) {
                send(SimJson.usageChunk(answer));
            }
        } catch (IOException clientGone) {
            Usage soFar = producedUsage();
            return new ProviderReply(null, soFar, SimJson.usage(soFar), false, true, null, ttftNanos);
        }
        ProviderReply reply = new ProviderReply(null, answer.usage(), SimJson.usage(answer.usage()), false, false,
                answer.choices().getFirst().finishReason(), ttftNanos);
        sink.beforeLastEvent(reply);
        try {
            sink.send(SseFrames.done());
        } catch (IOException goneAtTheEnd) {
            // the answer was complete and is already settled
        }
        return reply;
    }

    private void choice(SimAnswer.Choice c, boolean includeUsage) throws IOException {
        List<String> pieces = c.text() == null ? List.of() : pieces(c.text());
        int cutAt = fault == SimFault.CUT && c.index() == 0 ? pieces.size() / 2 : -1;
        for (int k = 0; k < pieces.size(); k++) {
            if (k == cutAt) {
                throw cut();
            }
            pause(SimClock.generation(counter.count(pieces.get(k)), config.tokensPerSecond()));
            send(SimJson.chunk(answer, includeUsage, c.index(), SimJson.delta().put("content", pieces.get(k)), null));
            produced[c.index()].append(pieces.get(k));
        }
        if (c.toolCalls() != null) {
            if (cutAt == 0) {
                throw cut();
            }
            pause(SimClock.generation(c.tokens(), config.tokensPerSecond()));
            var delta = SimJson.delta();
            delta.putNull("content");
            delta.set("tool_calls", c.toolCalls().deepCopy());
            delta.withArray("tool_calls").forEach(t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t).put("index", 0));
            send(SimJson.chunk(answer, includeUsage, c.index(), delta, null));
            toolTokens += c.tokens();
        }
        send(SimJson.chunk(answer, includeUsage, c.index(), SimJson.delta(), c.finishReason()));
    }

    private void send(byte[] event) throws IOException {
        sink.send(event);
        if (started && ttftNanos < 0) {
            ttftNanos = System.nanoTime() - startNanos;
        }
        started = true;
    }

    /** Sleeps {@code nanos}, or fails like a stalled provider when the pause exceeds the gap timeout. */
    private void pause(long nanos) {
        Duration bound = started ? call.timeouts().betweenEvents() : call.timeouts().head(true);
        if (nanos > bound.toNanos() || (fault == SimFault.TIMEOUT && !started)) {
            throw SimClock.timeout(provider, bound, started ? "no stream event" : "no first token",
                    started ? producedUsage() : null, started);
        }
        SimClock.sleep(provider, nanos);
    }

    private ProviderException cut() {
        return new ProviderException(new ProviderError.Malformed(provider, 200,
                "sim provider cut the stream mid-answer (simulated connection drop)", null), producedUsage(), true, null);
    }

    private Usage producedUsage() {
        int tokens = toolTokens;
        for (StringBuilder text : produced) {
            tokens += counter.count(text.toString());
        }
        return answer.usage(tokens);
    }

    /** The text in deltas of a few words each; the deltas concatenate back to the text exactly. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        String[] words = text.split("(?<= )");
        for (int i = 0; i < words.length; i += WORDS_PER_DELTA) {
            pieces.add(String.join("", java.util.Arrays.copyOfRange(words, i, Math.min(words.length, i + WORDS_PER_DELTA))));
        }
        return pieces;
    }
}
