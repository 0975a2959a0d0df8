package dev.bursar.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.attribution.Attribution;
import dev.bursar.config.CacheConfig;
import dev.bursar.ledger.Endpoint;
import dev.bursar.pricing.Usage;
import dev.bursar.wire.ClientWire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cache as the request path uses it: {@link #lookup} before anything is paid (exact first, then by meaning),
 * {@link #keep} after a complete answer of the primary model, {@link #replay} to give a kept answer again. Never
 * throws for a store that cannot be reached: the cache is then bypassed.
 */
public final class ResponseCache implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fields of a chat request that are the conversation; the semantic index matches them by meaning. */
    private static final Set<String> CONVERSATION = Set.of("messages", "system");

    private final CacheConfig config;
    private final AnswerStore store;
    private final SemanticSearch semantic;
    private final Clock clock;
    private final Duration keepFor;

    public ResponseCache(CacheConfig config, AnswerStore store, SemanticSearch semantic, Clock clock) {
        this.config = config;
        this.store = store;
        this.semantic = semantic;
        this.clock = clock;
        Duration exact = config.exact().ttl();
        this.keepFor = config.semanticOn() && config.semantic().ttl().compareTo(exact) > 0 ? config.semantic().ttl() : exact;
    }

    /** No {@code cache:} configured: every lookup is off. */
    public static ResponseCache off(Clock clock) {
        return new ResponseCache(CacheConfig.none(), new InProcessAnswerStore(1), SemanticSearch.none(), clock);
    }

    public boolean enabled() {
        return config.exactOn() || config.semanticOn();
    }

    /** What the request path tells the cache about the model a request goes to. */
    public record Target(String provider, String upstream, boolean cacheable) { }

    /**
     * Looks the request up. Call after attribution (the scope is the attribution) and after a virtual model chose its
     * model, and before budgets: a hit is not charged.
     */
    public Lookup lookup(CacheDirective directive, ClientWire wire, Endpoint endpoint, ObjectNode body, Attribution who,
                         Target target) {
        if (!enabled() || directive == CacheDirective.OFF || !target.cacheable()
                || Cacheable.request(endpoint, body, config.exact()).isPresent()) {
            return Lookup.OFF;
        }
        CacheScope exactScope = CacheScope.of(who, config.exact().scope(), config.exact().shareAcrossCustomers());
        EntryKey key = new EntryKey(ExactKey.of(exactScope.key(), wire, endpoint, target.provider(), target.upstream(), body),
                exactScope.customer());
        Optional<SemanticSearch.Probe> probe = Optional.empty();
        if (config.semanticOn() && endpoint == Endpoint.CHAT) {
            CacheScope s = CacheScope.of(who, config.semantic().scope(), config.semantic().shareAcrossCustomers());
            String scope = customerPrefix(s.customer()) + ExactKey.ofParameters(s.key(), wire, endpoint, target.provider(),
                    target.upstream(), body, CONVERSATION);
            probe = semantic.probe(scope, wire, body);
        }
        Lookup lookup = new Lookup(CacheOutcome.MISS, key, probe, wire, endpoint,
                body.path("stream_options").path("include_usage").asBoolean(false), null);
        if (directive == CacheDirective.REFRESH) {
            return lookup;
        }
        if (config.exactOn()) {
            Optional<CachedAnswer> exact = store.get(key);
            if (exact.isPresent()) {
                return lookup.hit(CacheOutcome.HIT_EXACT, exact.get());
            }
        }
        if (probe.isPresent()) {
            Optional<CachedAnswer> similar = semantic.find(probe.get())
                    .flatMap(hash -> store.get(new EntryKey(hash, key.customer())));
            if (similar.isPresent()) {
                return lookup.hit(CacheOutcome.HIT_SEMANTIC, similar.get());
            }
        }
        return lookup;
    }

    /**
     * Keeps a whole answer the client got from the model it asked for ({@code whole}: its JSON, {@code wholeBody}: the
     * bytes the client got). Incomplete answers and tool calls (unless {@code tool-calls: true}) are not kept.
     */
    public void keep(Lookup lookup, JsonNode whole, byte[] wholeBody, Usage usage, String priceModel, String provider,
                     Attribution who) {
        if (!lookup.keeps() || whole == null) {
            return;
        }
        keepParsed(lookup, whole, wholeBody, usage, priceModel, provider, who);
    }

    /** A collector for a streamed answer's events, or null when the answer will not be kept. */
    public StreamCapture capture(Lookup lookup) {
        return lookup.keeps() ? new StreamCapture() : null;
    }

    /** Keeps a streamed answer, assembled whole from what its client was sent. */
    public void keepStream(Lookup lookup, StreamCapture capture, Usage usage, String priceModel, String provider,
                           Attribution who) {
        if (capture == null || !lookup.keeps()) {
            return;
        }
        Optional<ObjectNode> whole = lookup.wire() == ClientWire.ANTHROPIC
                ? StreamAssembly.anthropic(capture) : StreamAssembly.openAi(capture);
        whole.ifPresent(w -> keepParsed(lookup, w, w.toString().getBytes(StandardCharsets.UTF_8), usage, priceModel,
                provider, who));
    }

    private void keepParsed(Lookup lookup, JsonNode whole, byte[] bytes, Usage usage, String priceModel, String provider,
                            Attribution who) {
        if (!Cacheable.answer(lookup.wire(), lookup.endpoint(), whole, config.exact())) {
            return;
        }
        CachedAnswer answer = new CachedAnswer(lookup.wire(), bytes, usage, priceModel, provider, clock.instant(),
                who.customer(), who.feature());
        store.put(lookup.key(), answer, keepFor);
        lookup.probe().ifPresent(p -> semantic.add(p, lookup.key().hash()));
    }

    /** A kept answer given again as the events of a stream in its wire. */
    public static List<byte[]> replay(Lookup lookup, CachedAnswer answer) {
        JsonNode whole;
        try {
            whole = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("a kept answer is not JSON", e);
        }
        return answer.wire() == ClientWire.ANTHROPIC ? StreamReplay.anthropic(whole)
                : StreamReplay.openAi(whole, lookup.includeUsage());
    }

    /** Removes the entries of {@code customer} (every entry when null), exact and semantic; returns how many. */
    public long purge(String customer) {
        long n = store.purge(customer);
        String prefix = customer == null ? null : customerPrefix(customer);
        return n + semantic.purge(prefix);
    }

    public CacheConfig config() {
        return config;
    }

    public AnswerStore store() {
        return store;
    }

    public SemanticSearch semantic() {
        return semantic;
    }

    @Override
    public void close() {
        store.close();
        semantic.close();
    }

    /** Semantic scopes start with the customer's hash, so a purge by customer can find them. */
    private static String customerPrefix(String customer) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(customer.getBytes(StandardCharsets.UTF_8));
            return "c" + HexFormat.of().formatHex(d, 0, 8) + "|";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One request's lookup: whether the cache takes part ({@link CacheOutcome#OFF} when not), the hit if there is one,
     * and where a new answer is kept.
     */
    public record Lookup(CacheOutcome outcome, EntryKey key, Optional<SemanticSearch.Probe> probe, ClientWire wire,
                         Endpoint endpoint, boolean includeUsage, CachedAnswer answer) {

        static final Lookup OFF = new Lookup(CacheOutcome.OFF, null, Optional.empty(), null, null, false, null);

        Lookup hit(CacheOutcome how, CachedAnswer found) {
            return new Lookup(how, key, probe, wire, endpoint, includeUsage, found);
        }

        public Optional<CachedAnswer> hit() {
            return outcome.hit() ? Optional.of(answer) : Optional.empty();
        }

        /** A miss: the answer the provider gives is kept. */
        public boolean keeps() {
            return outcome == CacheOutcome.MISS;
        }
    }
}
