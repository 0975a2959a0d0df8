package dev.bursar.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.attribution.Attribution;
import dev.bursar.attribution.Attributor;
import dev.bursar.auth.Authenticator;
import dev.bursar.auth.Principal;
import dev.bursar.cache.CacheDirective;
import dev.bursar.cache.ResponseCache;
import dev.bursar.cache.StreamCapture;
import dev.bursar.capture.CaptureSink;
import dev.bursar.ledger.Endpoint;
import dev.bursar.metrics.Metrics;
import dev.bursar.config.GatewayConfig;
import dev.bursar.controls.Permit;
import dev.bursar.controls.SpendControl;
import dev.bursar.ledger.Ledger;
import dev.bursar.pricing.Cost;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.Money;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.promptcache.PromptCaching;
import dev.bursar.promptcache.RequestPrefix;
import dev.bursar.providers.ChatCall;
import dev.bursar.providers.Provider;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import dev.bursar.resilience.Retries;
import dev.bursar.resilience.CallOutcome;
import dev.bursar.resilience.CallPermission;
import dev.bursar.resilience.ProviderHealth;
import dev.bursar.routing.ModelRoutes;
import dev.bursar.routing.Route;
import dev.bursar.telemetry.AttemptStart;
import dev.bursar.telemetry.RequestStart;
import dev.bursar.telemetry.RequestTrace;
import dev.bursar.telemetry.Telemetry;
import dev.bursar.wire.ApiError;
import dev.bursar.wire.BadRequest;
import dev.bursar.wire.ClientWire;
import dev.bursar.wire.anthropic.AnthropicBridge;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request path, top to bottom: authenticate, attribute, check, route, call the route's candidates in turn
 * (retrying retriable failures as {@link Retries} says, falling back when a provider fails), answer in the client's wire, settle every attempt in the ledger. Handlers decode HTTP and call
 * {@link #handle}; nothing else decides anything.
 */
public final class Gateway {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    /** Why the model in X-Bursar-Model answered: "primary", the rule of a virtual model ("rule:2"), or "fallback:<why>". */
    static final String ROUTE_HEADER = "X-Bursar-Route";

    /** What the request path is made of. {@code controls} may be {@link SpendControl#none()}. */
    public record Parts(Authenticator auth, Attributor attributor, ModelRoutes routes, CostCalculator costs,
                        PriceCatalog catalog, Ledger ledger, Metrics metrics, SpendControl controls, Clock clock,
                        GatewayConfig settings, boolean controlsOn, Retries retries) { }

    /** Whole answers faster than this are not probed for a client that left (see {@link #deliver}). */
    static final long PROBE_AFTER_MICROS = 50_000;

    private final Authenticator auth;
    private final Attributor attributor;
    private final ModelRoutes routes;
    private final Settlement settlement;
    private final Admission admission;
    private final boolean controlsOn;
    private final Metrics metrics;
    private final Clock clock;
    private final Retries retries;
    private final ProviderHealth health;
    private final CacheHits cache;
    private final PromptCaching promptCaching;
    private final CaptureSink capture;
    private final Telemetry telemetry;

    public Gateway(Parts p) {
        this(p, ProviderHealth.none());
    }

    /** With circuit breakers: every attempt asks {@code health} first and reports its outcome back. */
    public Gateway(Parts p, ProviderHealth health) {
        this(p, health, ResponseCache.off(p.clock()), Set.of());
    }

    /**
     * With a response cache: a hit is answered before budgets and providers; {@code uncachedModels} are the models
     * whose config says {@code cache: off}.
     */
    public Gateway(Parts p, ProviderHealth health, ResponseCache responses, Set<String> uncachedModels) {
        this(p, health, responses, uncachedModels, PromptCaching.recordOnly(p.clock()));
    }

    /** With provider prompt caching as configured (prefixes recorded; breakpoints added in auto mode). */
    public Gateway(Parts p, ProviderHealth health, ResponseCache responses, Set<String> uncachedModels,
                   PromptCaching promptCaching) {
        this(p, health, responses, uncachedModels, promptCaching, CaptureSink.none());
    }

    /** With request capture: the body of every answered chat request goes to {@code capture} (queued, never waited on). */
    public Gateway(Parts p, ProviderHealth health, ResponseCache responses, Set<String> uncachedModels,
                   PromptCaching promptCaching, CaptureSink capture) {
        this(p, health, responses, uncachedModels, promptCaching, capture, Telemetry.off());
    }

    /** With OpenTelemetry: a span per request and per provider attempt (see {@link dev.bursar.telemetry}). */
    public Gateway(Parts p, ProviderHealth health, ResponseCache responses, Set<String> uncachedModels,
                   PromptCaching promptCaching, CaptureSink capture, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.capture = capture;
        this.health = health;
        this.promptCaching = promptCaching;
        this.auth = p.auth();
        this.attributor = p.attributor();
        this.routes = p.routes();
        this.settlement = new Settlement(p.costs(), p.ledger(), p.metrics());
        this.admission = new Admission(p.controls(), p.costs(), p.catalog(), p.settings().worstCaseOutputTokens());
        this.controlsOn = p.controlsOn();
        this.metrics = p.metrics();
        this.clock = p.clock();
        this.retries = p.retries();
        this.cache = new CacheHits(responses, uncachedModels, settlement, p.costs(), p.clock(), p.metrics());
    }

    /** One client request, answered through {@code out}. Never throws: every failure becomes a wire error. */
    public void handle(Inbound in, Responder out) {
        serve(in, out, null);
    }

    /**
     * One line of a batch, through the same path as a client's call (see {@link BatchCall} for what differs). The
     * answer, or the line's error in the OpenAI wire, goes to {@code out}; a successful answer always comes through
     * {@link Responder#whole(int, Responder.BursarHeaders, byte[], Responder.Delivery)}, so the batch can keep the
     * result before the line is booked. Never throws.
     */
    public void handleBatchLine(Inbound in, BatchCall batch, Responder out) {
        serve(in, out, batch);
    }

    /**
     * Reserves a batch line's worst case against every budget and rate limit that covers it, as a call would be
     * admitted; null when none does. {@code in}'s body is not changed.
     *
     * @throws ApiError the line's model is unknown, or the budgets refuse it (the same error a call gets)
     */
    public Permit reserveBatchLine(Inbound in, Principal principal) {
        ObjectNode body = in.body().deepCopy();
        Inbound copy = new Inbound(in.wire(), in.endpoint(), body, in.header(), in.credential(), in.startedNanos());
        String model = RequestChecks.model(copy);
        Route resolved = routes.resolve(model).orElseThrow(() -> ApiError.modelNotFound(model, routes.closest(model)));
        Attribution attribution = attributor.attribute(principal.defaults(), copy.header(), copy.body(),
                copy.wire() == ClientWire.ANTHROPIC);
        Route route = routes.rules(resolved).map(r -> r.choose(RoutingFacts.of(copy, attribution, resolved))).orElse(resolved);
        return controlsOn && admission.needed(route, attribution)
                ? admission.admit(copy, route, attribution, clock.instant()) : null;
    }

    /** Gives back a reservation of {@link #reserveBatchLine} whose line will never run (cancelled, refused batch). */
    public void releaseBatchLine(Permit permit) {
        if (permit != null) {
            admission.settle(permit, BigDecimal.ZERO, 0);
        }
    }

    private void serve(Inbound in, Responder out, BatchCall batch) {
        String requestId = batch == null ? Ids.next("req_") : batch.requestId();
        // Labels and the X-Bursar-Model header only ever name a served model, and only once the caller is known:
        // a label taken from the body would let anyone create metric series (and header text) at will.
        String modelLabel = "";
        String providerLabel = "";
        String errorType = null;
        int status;
        RequestTrace trace = telemetry.request(new RequestStart(requestId,
                in.endpoint() == Endpoint.EMBEDDINGS ? "embeddings" : "chat", in.body().path("model").asText(null),
                streamed(in)), in.header());
        try {
            Principal principal = batch == null ? Callers.authenticate(auth, in) : batch.principal();
            String model = RequestChecks.model(in);
            Route route = routes.resolve(model).orElseThrow(() -> ApiError.modelNotFound(model, routes.closest(model)));
            modelLabel = route.priceModel();
            providerLabel = route.provider().name();
            RequestChecks.check(in);
            status = admitted(requestId, in, principal, route, out, trace, batch);
        } catch (ApiError e) {
            status = e.status();
            errorType = e.code() != null ? e.code() : e.type();
            out.whole(status, new Responder.BursarHeaders(requestId, "0", modelLabel, e.headers()), e.body(in.wire()));
        } catch (BadRequest e) {
            ApiError err = ApiError.of(e);
            status = err.status();
            errorType = e.code() != null ? e.code() : err.type();
            out.whole(status, new Responder.BursarHeaders(requestId, "0", modelLabel), err.body(in.wire()));
        } catch (RuntimeException e) {
            // Client mistakes are BadRequest or ApiError; anything else, IllegalArgumentException included, is a bug.
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed", e);
            ApiError err = ApiError.internal("Bursar failed to handle this request (" + e.getClass().getSimpleName()
                    + "). Request id " + requestId + ".");
            status = err.status();
            errorType = e.getClass().getName();
            out.whole(status, new Responder.BursarHeaders(requestId, "0", modelLabel), err.body(in.wire()));
        }
        metrics.request(in.endpoint(), modelLabel.isEmpty() ? Metrics.UNKNOWN_MODEL : modelLabel, providerLabel, status,
                (System.nanoTime() - in.startedNanos()) / 1_000);
        trace.end(status, errorType);
    }

    /** Whether the answer is a stream: asked for, and not an embedding (which has none). */
    private static boolean streamed(Inbound in) {
        return in.body().path("stream").asBoolean(false) && in.endpoint() != Endpoint.EMBEDDINGS;
    }

    /** From attribution to the answer, for a caller who is known and a model that is served. */
    private int admitted(String requestId, Inbound in, Principal principal, Route resolved, Responder out,
                         RequestTrace trace, BatchCall batch) {
        Attribution attribution = attributor.attribute(principal.defaults(), in.header(), in.body(),
                in.wire() == ClientWire.ANTHROPIC);
        // A virtual model's rules test the attribution, so they run after it; budgets then see the chosen model.
        Route route = routes.rules(resolved).map(r -> r.choose(RoutingFacts.of(in, attribution, resolved))).orElse(resolved);
        CacheDirective directive = CacheDirective.take(in.header(), in.body());
        if (batch != null) {
            // A batch line is bought at the batch price, one row per line: an answer from the cache would be neither.
            directive = CacheDirective.OFF;
        }
        boolean stream = batch == null && streamed(in);
        ResponseCache.Lookup lookup = cache.lookup(in, directive, attribution, resolved, route);
        if (lookup.hit().isPresent()) {
            // Nothing is paid, so budgets and rate limits are not asked.
            return cache.serve(requestId, in, attribution, route, lookup, stream, out, trace);
        }
        // A batch line's budgets were reserved when the batch was created; its permit is settled below like a call's.
        Permit permit = batch != null ? batch.permit()
                : controlsOn && admission.needed(route, attribution) ? admission.admit(in, route, attribution, clock.instant())
                : null;
        Exchange ex = new Exchange(requestId, in, attribution, route, permit, new Spent(),
                Fingerprint.of(route.priceModel(), in.body()), lookup, cache.enabled(),
                promptCaching.prefix(in.wire(), in.endpoint(), route.priceModel(), in.body()), trace, batch);
        try {
            int status = call(ex, out, stream);
            if (status == 200 && in.endpoint() != Endpoint.EMBEDDINGS) {
                // For bursar replay; the ledger row already holds who, which model and the tokens.
                capture.offer(requestId, clock.instant(), in.wire(), in.endpoint(), in.body());
            }
            if (cache.enabled()) {
                metrics.cache(route.priceModel(), lookup.outcome().label(), java.math.BigDecimal.ZERO);
            }
            return status;
        } finally {
            if (permit != null) {
                // Every attempt's real cost, failures included, is booked against the budgets, and the rest released.
                admission.settle(permit, ex.spent().usd, ex.spent().tokens);
            }
        }
    }

    /** The pieces every step of one request needs. */
    private record Exchange(String requestId, Inbound in, Attribution attribution, Route route, Permit permit, Spent spent,
                            String fingerprint, ResponseCache.Lookup lookup, boolean cacheOn, RequestPrefix prefix,
                            RequestTrace trace, BatchCall batch) {
        /** The same request on another candidate; what it spends still adds up in {@code spent}. */
        Exchange on(Route candidate) {
            return new Exchange(requestId, in, attribution, candidate, permit, spent, fingerprint, lookup, cacheOn, prefix,
                    trace, batch);
        }

        /** The answer is kept only when the model asked for gave it: a fallback's answer is not the asked model's. */
        boolean keepsAnswer() {
            return lookup.keeps() && !route.reason().startsWith(Route.FALLBACK);
        }

        /** Whether this candidate needs the Anthropic bridge: an Anthropic-wire client, a provider that speaks only OpenAI. */
        boolean bridged() {
            return in.wire() == ClientWire.ANTHROPIC && !route.provider().speaks(ClientWire.ANTHROPIC);
        }

        Map<String, String> rateLimitHeaders() {
            return permit == null ? Map.of() : RateLimitHeaders.of(permit.rateLimits());
        }

        /** A served answer's headers: the rate-limit state and why this model answered. */
        Map<String, String> answerHeaders() {
            Map<String, String> limits = rateLimitHeaders();
            if (limits.isEmpty() && !cacheOn) {
                return Map.of(ROUTE_HEADER, route.decision());
            }
            Map<String, String> headers = new java.util.LinkedHashMap<>(limits);
            headers.put(ROUTE_HEADER, route.decision());
            if (cacheOn) {
                headers.put(CacheHits.CACHE_HEADER, lookup.outcome().label());
            }
            return headers;
        }
    }

    /** What a request's attempts have cost so far; settled against the budgets at the end. */
    private static final class Spent {
        BigDecimal usd = BigDecimal.ZERO;
        long tokens;

        void add(Cost cost, dev.bursar.pricing.Usage usage) {
            usd = usd.add(cost.totalUsd());
            tokens += usage.totalTokens();
        }
    }

    /** What one attempt came to: an answer the client got, or a failure, booked, that a retry or fallback may mend. */
    private sealed interface Tried {
        record Answered(int status) implements Tried { }

        /** {@code delivered}: a stream had already reached the client; it got an error event and is never replayed. */
        record Failed(ProviderException cause, ApiError error, boolean delivered) implements Tried { }
    }

    /**
     * The one attempt loop. It walks the route's candidates (the primary, then its fallbacks): a candidate whose circuit
     * is open is skipped without a row; a retriable failure is retried on the same candidate as {@link Retries} says
     * (its attempts and waits are per candidate); when those are spent, or the failure is the provider's and not worth
     * retrying, the next candidate is tried, its rows and X-Bursar-Route saying {@code fallback:<why the last one was
     * left>}. A failure the client caused ends the loop at once. Only when every candidate is spent does the client get
     * the last error, or 503 provider_unavailable when no candidate could be called at all.
     */
    private int call(Exchange primary, Responder out, boolean stream) {
        List<Route> candidates = primary.route().candidates();
        ApiError lastError = null;
        ApiError circuitOpen = null;
        String leftBecause = null;
        int number = 0;
        for (int c = 0; c < candidates.size(); c++) {
            Exchange ex = c == 0 ? primary : primary.on(candidates.get(c).asFallback(leftBecause));
            String provider = ex.route().provider().name();
            for (int attempt = 1; ; attempt++) {
                CallPermission permission = health.tryCall(provider);
                if (permission instanceof CallPermission.Refused r) {
                    circuitOpen = circuitOpen(provider, r);
                    leftBecause = "circuit_open";
                    break;
                }
                Attempt a = begin(ex, ++number, stream);
                // A failure of Bursar's own (not the provider's) says nothing about the provider: IGNORED unless set.
                CallOutcome outcome = CallOutcome.IGNORED;
                Tried tried;
                try {
                    tried = stream ? streamed(ex, a, out) : whole(ex, a, out);
                    outcome = switch (tried) {
                        case Tried.Answered ok -> CallOutcome.SUCCESS;
                        case Tried.Failed f -> CallOutcome.of(f.cause().error());
                    };
                } finally {
                    health.record(provider, permission, outcome);
                    a.trace().end();
                }
                switch (tried) {
                    case Tried.Answered ok -> {
                        return ok.status();
                    }
                    case Tried.Failed f when f.delivered() -> {
                        return 200;
                    }
                    case Tried.Failed f -> {
                        if (retries.again(attempt, f.cause())) {
                            continue;
                        }
                        if (!providersFault(f.cause().error())) {
                            throw f.error();
                        }
                        lastError = f.error();
                        leftBecause = f.cause().error().kind();
                    }
                }
                break;
            }
        }
        throw lastError != null ? lastError : circuitOpen;
    }

    /**
     * Whether another provider may succeed where this one failed: what counts against its circuit (outages, overload,
     * timeouts, garbage; {@link CallOutcome#of}), and its refusal of Bursar's own credentials, which says nothing
     * of its health but would not be refused by the next candidate. A request it refused as bad (or a model it does
     * not have) would be refused by the next candidate too, so the client gets it at once.
     */
    static boolean providersFault(ProviderError e) {
        return CallOutcome.of(e) == CallOutcome.FAILURE || e instanceof ProviderError.Unauthorized;
    }

    private Tried whole(Exchange ex, Attempt a, Responder out) {
        try {
            ProviderReply reply = callWhole(ex, a);
            Cost cost = settlement.price(a, reply);
            ex.spent().add(cost, reply.usage());
            ObjectNode answer = ex.bridged()
                    ? AnthropicBridge.toAnthropicResponse(reply.body(), ex.route().requestedModel(), reply.usage())
                    : reply.body();
            byte[] body = ex.bridged() ? answer.toString().getBytes(StandardCharsets.UTF_8) : reply.bodyBytes();
            int status = deliver(ex, a, reply, cost, body, out);
            if (status == 200 && ex.keepsAnswer()) {
                // The parsed answer is at hand: the cache need not parse the bytes again.
                cache.cache().keep(ex.lookup(), answer, body, reply.usage(), ex.route().priceModel(), ex.route().provider().name(),
                        ex.attribution());
            }
            return new Tried.Answered(status);
        } catch (ProviderException e) {
            ApiError err = UpstreamErrors.of(e, ex.rateLimitHeaders());
            ex.spent().add(settlement.failed(a, e, err.status()), e.partialUsage().orElse(dev.bursar.pricing.Usage.ZERO));
            return new Tried.Failed(e, err, false);
        }
    }

    /**
     * The provider's circuit is open: no attempt is made (no provider is paid, so no ledger row). When no candidate
     * is left, the client gets a 503 saying when the provider will be tried again.
     */
    private ApiError circuitOpen(String provider, CallPermission.Refused r) {
        metrics.circuitRefused(provider);
        long seconds = r.retryAfterSeconds(health.clock().instant());
        return new ApiError(503, "server_error", "provider_unavailable", null, "Provider '" + provider
                + "' is failing, so Bursar is not calling it (its circuit breaker is open). It will be tried again at "
                + r.retryAt() + ", in " + seconds + " s.")
                .withHeaders(Map.of("retry-after", Long.toString(seconds)));
    }

    /**
     * Answers a whole call and books it. A client that left while the provider worked is booked as
     * client_cancelled (HTTP status 499, as a stream it left); finding that out costs two extra writes, so answers
     * that took under {@link #PROBE_AFTER_MICROS} (the sim, cache-like upstreams) are booked as taken, as before.
     */
    private int deliver(Exchange ex, Attempt a, ProviderReply reply, Cost cost, byte[] body, Responder out) {
        Responder.BursarHeaders headers = new Responder.BursarHeaders(ex.requestId(), Money.plain(cost.totalUsd()),
                ex.route().priceModel(), ex.answerHeaders());
        if (a.elapsedMicros() < PROBE_AFTER_MICROS && a.batch() == null) {
            settlement.answered(a, reply, 200, false);
            out.whole(200, headers, body);
            return 200;
        }
        boolean taken = out.whole(200, headers, body, there -> settlement.answered(a, reply, there ? 200 : 499, !there));
        return taken ? 200 : 499;
    }

    private ProviderReply callWhole(Exchange ex, Attempt a) {
        ChatCall call = chatCall(ex, a);
        Provider p = ex.route().provider();
        return ex.in().endpoint() == Endpoint.EMBEDDINGS ? p.embed(call) : p.chat(call);
    }

    private Tried streamed(Exchange ex, Attempt a, Responder out) {
        Responder.BursarHeaders headers = new Responder.BursarHeaders(ex.requestId(), null, ex.route().priceModel(),
                ex.answerHeaders());
        StreamCapture capture = ex.keepsAnswer() ? cache.cache().capture(ex.lookup()) : null;
        SettlingStreamSink sink = new SettlingStreamSink(out, headers, reply -> {
            Cost cost = settlement.answered(a, reply, 200);
            ex.spent().add(cost, reply.usage());
            return cost;
        }, capture);
        try {
            StreamSink target = ex.bridged() ? new BridgedStreamSink(sink, ex.route().requestedModel()) : sink;
            ProviderReply reply = ex.route().provider().stream(chatCall(ex, a), target);
            if (!sink.settled()) {
                // The client left (or the adapter ended without a final event): its tokens are still spend.
                ex.spent().add(settlement.answered(a, reply, reply.clientCancelled() ? 499 : 200), reply.usage());
            } else if (capture != null && !reply.clientCancelled()) {
                cache.cache().keepStream(ex.lookup(), capture, reply.usage(), ex.route().priceModel(),
                        ex.route().provider().name(), ex.attribution());
            }
            return new Tried.Answered(reply.clientCancelled() ? 499 : 200);
        } catch (ProviderException e) {
            ApiError err = UpstreamErrors.of(e, ex.rateLimitHeaders());
            ex.spent().add(settlement.failed(a, e, sink.started() ? 200 : err.status()),
                    e.partialUsage().orElse(dev.bursar.pricing.Usage.ZERO));
            boolean delivered = sink.started() || e.streamStarted();
            if (delivered) {
                sink.sendQuietly(err.streamEvent(ex.in().wire()));
            }
            return new Tried.Failed(e, err, delivered);
        }
    }

    private Attempt begin(Exchange ex, int number, boolean stream) {
        Route r = ex.route();
        return new Attempt(ex.requestId(), number, clock.instant(), System.nanoTime(), ex.attribution(), r,
                ex.in().endpoint(), stream, ex.fingerprint(), ex.lookup().outcome().label(), ex.prefix().recorded(),
                ex.prefix().parts(), ex.trace().attempt(new AttemptStart(r.provider().name(), r.upstreamModel(),
                        r.priceModel(), number, r.reason(), ex.attribution())), ex.batch());
    }

    private ChatCall chatCall(Exchange ex, Attempt a) {
        ObjectNode body = ex.in().body();
        ClientWire wire = ex.in().wire();
        if (ex.bridged()) {
            body = AnthropicBridge.toOpenAiRequest(body);
            wire = ClientWire.OPENAI;
        } else if (retries.policy().maxAttempts() > 1 || !ex.route().fallbacks().isEmpty()
                || ex.route().reason().startsWith(Route.FALLBACK)) {
            // Adapters may change the body they get; a retry must start from the client's original.
            body = body.deepCopy();
        }
        body = ex.prefix().prepare(body, wire, ex.route());
        return new ChatCall(wire, body, ex.route().upstreamModel(), ex.route().timeouts(), hints(ex.in(), a));
    }

    private static Map<String, String> hints(Inbound in, Attempt a) {
        // The attempt's span as the upstream's parent (traceparent, tracestate), when telemetry is on.
        Map<String, String> hints = new HashMap<>(a.trace().upstreamHeaders());
        putIfPresent(hints, "sim-fault", in.header().apply("x-bursar-sim-fault"));
        putIfPresent(hints, "anthropic-version", in.header().apply("anthropic-version"));
        putIfPresent(hints, "anthropic-beta", in.header().apply("anthropic-beta"));
        return hints;
    }

    private static void putIfPresent(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }
}
