package dev.bursar.promptcache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.ledger.PromptParts;
import dev.bursar.ledger.PromptPrefix;
import dev.bursar.pricing.PromptCacheMinimum;
import dev.bursar.routing.Route;
import dev.bursar.wire.ClientWire;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * One request's stable prefix: what its ledger rows record, and whether its attempts get a {@code cache_control}
 * breakpoint. Used by the one thread that carries the request.
 */
public final class RequestPrefix {

    /** No prefix worth recording (short prompt, embeddings): nothing recorded, nothing changed. */
    public static final RequestPrefix NONE = new RequestPrefix(null, null, Clock.systemUTC(), null);

    private final PromptPrefix prefix;
    private final PromptParts.Counted parts;
    /** Set only when the request may be marked: auto mode, Anthropic wire, no breakpoint of the client's own. */
    private final StablePrompts stable;
    private final Clock clock;
    /** Per served model, decided at the first attempt on it: retries and fallbacks do not count as sightings. */
    private final Map<String, Boolean> markFor = new HashMap<>(2);

    RequestPrefix(PromptPrefix prefix, StablePrompts stable, Clock clock, PromptParts.Counted parts) {
        this.prefix = prefix;
        this.parts = parts;
        this.stable = stable;
        this.clock = clock;
    }

    /** The prefix a ledger row records (uncounted at its first sighting), or null when it is too short to cache. */
    public PromptPrefix recorded() {
        return prefix;
    }

    /** The chat prompt's system and last-user tokens, counted once for all attempts; null for embeddings. */
    public PromptParts.Counted parts() {
        return parts;
    }

    /**
     * The body to send to {@code candidate}: {@code body} itself, or a copy with a breakpoint at the end of the system
     * prompt when the request goes out on the Anthropic wire to a provider that speaks it (never through the OpenAI
     * bridge, {@code wire} is then OpenAI's), its prefix reaches the served model's minimum cacheable length, and the
     * same prefix was sent to the same model within the last five minutes.
     */
    public ObjectNode prepare(ObjectNode body, ClientWire wire, Route candidate) {
        if (stable == null || wire != ClientWire.ANTHROPIC || !candidate.provider().speaks(ClientWire.ANTHROPIC)) {
            return body;
        }
        boolean mark = markFor.computeIfAbsent(candidate.priceModel(), model -> {
            boolean seenBefore = stable.seenAgain(model, prefix.hash(), clock.instant()); // and remembers this sighting
            // An uncounted prefix is one this process had not seen yet, so it is never marked.
            return seenBefore && prefix.tokens().isPresent() && prefix.tokens().getAsInt() >= PromptCacheMinimum.tokens(model);
        });
        return mark ? CacheMarker.marked(body) : body;
    }
}
