package dev.bursar.promptcache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.CacheConfig;
import dev.bursar.config.Switch;
import dev.bursar.ledger.Endpoint;
import dev.bursar.ledger.PromptParts;
import dev.bursar.ledger.PromptPrefix;
import dev.bursar.wire.ClientWire;
import java.time.Clock;

/**
 * Provider prompt caching on the request path. For every chat request it finds the stable prefix the ledger records
 * ({@link RequestPrefix#recorded()}: hashed when it can be 1,024 tokens long, counted from its second sighting on); with {@code cache: { anthropic-prompt-cache: auto }} it also lets
 * {@link RequestPrefix#prepare} put a {@code cache_control} breakpoint on long system prompts this process has seen
 * within the last five minutes.
 */
public final class PromptCaching {

    private final boolean auto;
    private final StablePrompts stable;
    private final PrefixCounts counts = new PrefixCounts(PrefixCounts.DEFAULT_CAPACITY);
    private final PromptPartsCounter partsCounter = new PromptPartsCounter();
    private final Clock clock;

    PromptCaching(boolean auto, StablePrompts stable, Clock clock) {
        this.auto = auto;
        this.stable = stable;
        this.clock = clock;
    }

    /** As the config says: prefixes are always recorded, breakpoints added only with {@code anthropic-prompt-cache: auto}. */
    public static PromptCaching of(CacheConfig cache, Clock clock) {
        boolean auto = cache.anthropicPromptCache() == Switch.AUTO;
        return new PromptCaching(auto, new StablePrompts(StablePrompts.DEFAULT_CAPACITY), clock);
    }

    /** Prefixes recorded, requests never changed ({@code anthropic-prompt-cache: off}, the default). */
    public static PromptCaching recordOnly(Clock clock) {
        return new PromptCaching(false, new StablePrompts(1), clock);
    }

    /**
     * The stable prefix of one request, found once before its first attempt, with its prompt parts
     * ({@link PromptPartsCounter}: the system prompt and the last user message, counted with {@code model}'s tokenizer). {@code model} is the served model of the
     * route's first candidate; its tokenizer counts the prefix (from the prefix's second sighting on, see
     * {@link PrefixCounts}). Embeddings have none.
     */
    public RequestPrefix prefix(ClientWire wire, Endpoint endpoint, String model, JsonNode body) {
        if (endpoint == Endpoint.EMBEDDINGS) {
            return RequestPrefix.NONE;
        }
        PromptParts.Counted parts = partsCounter.count(wire, model, body);
        ObjectNode nodes = PrefixFingerprint.candidate(wire, body).orElse(null);
        if (nodes == null) {
            return new RequestPrefix(null, null, clock, parts);
        }
        String hash = PrefixFingerprint.hash(nodes);
        int tokens = counts.tokens(model, hash, () -> PrefixFingerprint.count(wire, model, nodes));
        if (tokens != PrefixCounts.FIRST_SIGHTING && tokens < PrefixFingerprint.MIN_TOKENS) {
            return new RequestPrefix(null, null, clock, parts);
        }
        PromptPrefix prefix = tokens == PrefixCounts.FIRST_SIGHTING ? PromptPrefix.uncounted(hash)
                : new PromptPrefix(hash, tokens);
        boolean markable = auto && wire == ClientWire.ANTHROPIC && !PrefixNodes.marked(body) && CacheMarker.markable(body);
        return new RequestPrefix(prefix, markable ? stable : null, clock, parts);
    }
}
