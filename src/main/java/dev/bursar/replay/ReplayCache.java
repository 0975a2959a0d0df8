package dev.bursar.replay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.attribution.Attribution;
import dev.bursar.cache.CacheDirective;
import dev.bursar.cache.CacheOutcome;
import dev.bursar.cache.ResponseCache;
import dev.bursar.cache.SemanticSearch;
import dev.bursar.cache.semantic.IndexedSemanticSearch;
import dev.bursar.config.CacheConfig;
import dev.bursar.ledger.Endpoint;
import dev.bursar.pricing.Usage;
import dev.bursar.wire.ClientWire;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The policy's cache, run over the captured traffic in time order: the live {@link ResponseCache} itself (the same
 * cacheability rules, exact key, tenant scope and semantic matcher), its clock set to each request's time and its
 * answers kept in {@link ReplayAnswers}. A miss keeps a stand-in answer: only whether a later request would have
 * been given it matters, not its text.
 */
final class ReplayCache implements AutoCloseable {

    /** The provider name in every replayed cache key: the policy's model alone says where a request goes. */
    private static final String PROVIDER = "replay";

    private final ResponseCache cache;
    private final ReplayClock clock;

    ReplayCache(CacheConfig config, ReplayClock clock, SemanticSearch semantic) {
        this.clock = clock;
        this.cache = new ResponseCache(config, new ReplayAnswers(clock), semantic, clock);
    }

    /** The shipped embedding model when the policy has a semantic cache. */
    static ReplayCache open(CacheConfig config) {
        ReplayClock clock = new ReplayClock();
        return new ReplayCache(config, clock,
                config.semanticOn() ? IndexedSemanticSearch.open(config.semantic(), clock) : SemanticSearch.none());
    }

    /** Whether the policy's cache answers this request at {@code at}; a miss is kept for the requests after it. */
    CacheOutcome answer(Instant at, ClientWire wire, Endpoint endpoint, ObjectNode body, Attribution who, String model,
                        Usage usage) {
        clock.set(at);
        ResponseCache.Lookup lookup = cache.lookup(CacheDirective.USE, wire, endpoint, body, who,
                new ResponseCache.Target(PROVIDER, model, true));
        if (lookup.hit().isEmpty() && lookup.keeps()) {
            ObjectNode answer = standIn(wire);
            cache.keep(lookup, answer, answer.toString().getBytes(StandardCharsets.UTF_8), usage, model, PROVIDER, who);
        }
        return lookup.outcome();
    }

    private static ObjectNode standIn(ClientWire wire) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        if (wire == ClientWire.ANTHROPIC) {
            a.put("type", "message").put("stop_reason", "end_turn")
                    .putArray("content").addObject().put("type", "text").put("text", "(replayed)");
        } else {
            ObjectNode choice = a.put("object", "chat.completion").putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", "(replayed)");
        }
        return a;
    }

    @Override
    public void close() {
        cache.close();
    }
}
