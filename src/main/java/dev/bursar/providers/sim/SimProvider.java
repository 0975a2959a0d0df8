package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.ProviderConfig;
import dev.bursar.config.SimConfig;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.OpenAiWireOnly;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.wire.ClientWire;
import java.time.Clock;

/**
 * A deterministic offline provider that impersonates any model on the OpenAI wire, so {@code bursar serve} works
 * without API keys and dev/CI runs cost nothing.
 *
 * <ul>
 *   <li>Prompt tokens are counted with the model's real tokenizer ({@code TokenCounter}); output tokens are the real
 *       count of the text it writes. The same request always gets the same answer (only {@code id} and
 *       {@code created} differ); see {@link SimPlanner} for how long answers are.</li>
 *   <li>Provider prompt caching is modelled: a prompt prefix of at least 1024 tokens seen by this instance in the
 *       last 5 minutes is reported as {@code cached_tokens} (see {@link SimPromptCache}).</li>
 *   <li>Latency and faults come from {@link SimConfig}: time to first token, tokens per second, and seeded rates of
 *       429s, 500s, timeouts and cut streams; the {@code sim-fault} hint (from {@code X-Bursar-Sim-Fault}) forces one
 *       of {@code 429}, {@code 500}, {@code timeout}, {@code cut} for a single call (see {@link SimFaults}).</li>
 *   <li>What the real provider refuses, the sim refuses with that provider's status and message: a prompt over
 *       the context window, too many output tokens, the wrong endpoint, bad content (see {@link SimRefusals}).</li>
 *   <li>With {@code anthropic-native: true} it also speaks Anthropic's Messages wire, and caches prompts as
 *       Anthropic does: only up to {@code cache_control} breakpoints, reported as cache writes, then reads (see
 *       {@link SimCacheControl}, {@link SimAnthropic}).</li>
 *   <li>With {@code script: FILE} chosen prompts get scripted answers, per model (see {@link SimScript}); the usage
 *       is counted as for any other answer, so their cost is realistic.</li>
 * </ul>
 */
public final class SimProvider implements Provider {

    private static final String RATE_LIMIT_BODY = """
            {"error":{"message":"Rate limit reached for %s in organization org-sim on tokens per min (TPM): \
            Limit 30000, Used 30000, Requested 1200. Please try again in 2.4s. (simulated by the Bursar sim provider)",\
            "type":"tokens","param":null,"code":"rate_limit_exceeded"}}""";
    private static final String SERVER_ERROR_BODY = """
            {"error":{"message":"The server had an error while processing your request. Sorry about that! \
            (simulated by the Bursar sim provider)","type":"server_error","param":null,"code":null}}""";

    /**
     * What OpenAI sends with such a 429: the advice the SDKs follow (they wait retry-after-ms, else retry-after) and
     * the limits behind it, consistent with the body (tokens spent, 2.4 s to wait).
     */
    private static final java.util.Map<String, String> RATE_LIMIT_HEADERS = java.util.Map.of(
            "retry-after", "3",
            "retry-after-ms", "2400",
            "x-ratelimit-limit-requests", "500",
            "x-ratelimit-remaining-requests", "499",
            "x-ratelimit-reset-requests", "120ms",
            "x-ratelimit-limit-tokens", "30000",
            "x-ratelimit-remaining-tokens", "0",
            "x-ratelimit-reset-tokens", "2.4s");

    private final ProviderConfig config;
    private final SimConfig sim;
    private final SimFaults faults;
    private final SimPlanner planner;
    private final SimRefusals refusals;
    private final SimCacheControl cacheControl;

    public SimProvider(ProviderConfig config) {
        this(config, PriceCatalog.bundled());
    }

    /** {@code catalog} gives each model's context window, output limit and mode, which the sim enforces. */
    public SimProvider(ProviderConfig config, PriceCatalog catalog) {
        this(config, Clock.systemUTC(), catalog);
    }

    /** {@code clock} stamps {@code created} and ages the prompt cache (moved by hand in tests). */
    SimProvider(ProviderConfig config, Clock clock) {
        this(config, clock, PriceCatalog.bundled());
    }

    private SimProvider(ProviderConfig config, Clock clock, PriceCatalog catalog) {
        this.config = config;
        this.sim = config.sim();
        this.faults = new SimFaults(config.name(), sim);
        this.refusals = new SimRefusals(config.name(), catalog::model);
        this.planner = new SimPlanner(new SimPromptCache(clock), clock, refusals, SimScript.load(config.name(), sim.script()));
        this.cacheControl = new SimCacheControl(clock);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public boolean speaks(ClientWire wire) {
        return wire == ClientWire.OPENAI || (wire == ClientWire.ANTHROPIC && sim.anthropicNative());
    }

    @Override
    public ProviderReply chat(ChatCall call) {
        boolean anthropic = anthropic(call);
        ChatCall original = call;
        call = anthropic ? SimAnthropic.asOpenAi(original) : call;
        refusals.checkChat(call);
        SimFault fault = faults.next(call, false);
        failBeforeAnswering(fault, call);
        SimAnswer answer = plan(call, anthropic ? original : null);
        long latency = sim.ttftMillis() * 1_000_000L + SimClock.generation(answer.outputTokens(), sim.tokensPerSecond());
        if (latency > call.timeouts().head(false).toNanos()) {
            throw SimClock.timeout(name(), call.timeouts().head(false), "no first token", null, false);
        }
        if (fault == SimFault.CUT) {
            SimClock.sleep(name(), latency / 2);
            throw new ProviderException(new ProviderError.Malformed(name(), 200,
                    "sim provider cut the response body half-way (simulated connection drop)", null),
                    answer.usage(answer.outputTokens() / 2), false, null);
        }
        SimClock.sleep(name(), latency);
        if (anthropic) {
            return SimAnthropic.whole(answer, original);
        }
        ObjectNode body = SimJson.completion(answer);
        return new ProviderReply(body, answer.usage(), body.get("usage"), false, false,
                answer.choices().getFirst().finishReason(), -1);
    }

    @Override
    public ProviderReply stream(ChatCall call, StreamSink sink) {
        boolean anthropic = anthropic(call);
        ChatCall original = call;
        call = anthropic ? SimAnthropic.asOpenAi(original) : call;
        refusals.checkChat(call);
        SimFault fault = faults.next(call, true);
        if (fault != SimFault.TIMEOUT) {
            failBeforeAnswering(fault, call);
        }
        if (!anthropic) {
            return new SimStream(name(), call, planner.plan(call), sim, sink, fault).run();
        }
        SimAnthropic.Sink events = new SimAnthropic.Sink(sink, SimAnthropic.clientModel(original));
        return SimAnthropic.Sink.anthropic(new SimStream(name(), call, plan(call, original), sim, events, fault).run());
    }

    /** Whether the call is answered on Anthropic's wire; any other wire than OpenAI's is refused otherwise. */
    private boolean anthropic(ChatCall call) {
        if (call.wire() == ClientWire.ANTHROPIC && sim.anthropicNative()) {
            return true;
        }
        OpenAiWireOnly.require(call, name(), "the sim provider");
        return false;
    }

    /** {@code anthropicCall}, when not null, is the client's Anthropic request: only its breakpoints are cached. */
    private SimAnswer plan(ChatCall openAiCall, ChatCall anthropicCall) {
        return anthropicCall == null ? planner.plan(openAiCall)
                : planner.plan(openAiCall, cacheControl.of(anthropicCall.body(), openAiCall.upstreamModel()));
    }

    @Override
    public ProviderReply embed(ChatCall call) {
        refusals.checkEmbeddings(call);
        SimFault fault = faults.next(call, false);
        failBeforeAnswering(fault, call);
        if (fault == SimFault.CUT) {
            throw new ProviderException(new ProviderError.Malformed(name(), 200,
                    "sim provider cut the embeddings body (simulated connection drop)", null));
        }
        SimClock.sleep(name(), sim.ttftMillis() * 1_000_000L);
        SimEmbeddings.Result result = SimEmbeddings.embed(name(), call.body(), call.upstreamModel());
        return new ProviderReply(result.body(), result.usage(), result.body().get("usage"), false, false, null, -1);
    }

    private void failBeforeAnswering(SimFault fault, ChatCall call) {
        switch (fault) {
            case RATE_LIMITED -> {
                String raw = RATE_LIMIT_BODY.formatted(call.upstreamModel());
                throw new ProviderException(ProviderError.fromStatus(name(), 429, message(raw), raw), RATE_LIMIT_HEADERS);
            }
            case SERVER_ERROR -> throw new ProviderException(
                    ProviderError.fromStatus(name(), 500, message(SERVER_ERROR_BODY), SERVER_ERROR_BODY));
            case TIMEOUT -> throw SimClock.timeout(name(), call.timeouts().head(call.stream()), "no first token", null, false);
            case NONE, CUT -> { }
        }
    }

    private static String message(String raw) {
        int start = raw.indexOf("\"message\":\"") + 11;
        return raw.substring(start, raw.indexOf("\",", start));
    }
}
