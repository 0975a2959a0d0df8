package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.PromptCacheMinimum;
import dev.bursar.tokens.TokenCounter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models Anthropic's prompt caching, which caches only where the request asks: a prefix ends at each content block
 * carrying {@code cache_control} (blocks in the order tools, system, messages; a request-level {@code cache_control}
 * puts one on the last block). The longest prefix this provider instance stored within its lifetime (5 minutes, or
 * 1 hour for {@code "ttl": "1h"}) is read; the rest up to the last breakpoint is written, as
 * {@code cache_creation_input_tokens}. A breakpoint on a prefix shorter than the model's minimum
 * ({@link PromptCacheMinimum}) is ignored, as Anthropic ignores it. Without a breakpoint nothing is cached.
 */
final class SimCacheControl {

    private static final long FIVE_MINUTES = 5 * 60_000L;
    private static final long ONE_HOUR = 60 * 60_000L;
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int PRUNE_ABOVE = 100_000;

    private final Clock clock;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    SimCacheControl(Clock clock) {
        this.clock = clock;
    }

    /** A prefix that ends at a breakpoint: its key, its tokens, and whether it is kept for an hour. */
    private record Breakpoint(String key, int tokens, boolean hour) {
    }

    /** The caching of one Anthropic Messages request to {@code model}. */
    SimCaching of(JsonNode anthropicRequest, String model) {
        return (promptTokens, counter) -> lookupAndStore(breakpoints(anthropicRequest, model, counter), model);
    }

    private SimCacheTokens lookupAndStore(List<Breakpoint> breakpoints, String model) {
        int minimum = PromptCacheMinimum.tokens(model);
        List<Breakpoint> cacheable = breakpoints.stream().filter(b -> b.tokens() >= minimum).toList();
        if (cacheable.isEmpty()) {
            return SimCacheTokens.NONE;
        }
        long now = clock.millis();
        int read = 0;
        for (Breakpoint b : cacheable) {
            Long expiry = expiries.get(b.key());
            if (expiry != null && expiry > now) {
                read = Math.max(read, b.tokens());
            }
        }
        Breakpoint last = cacheable.getLast();
        int write = Math.max(0, last.tokens() - read);
        for (Breakpoint b : cacheable) {
            expiries.put(b.key(), now + (b.hour() ? ONE_HOUR : FIVE_MINUTES));
        }
        if (expiries.size() > PRUNE_ABOVE) {
            expiries.values().removeIf(expiry -> expiry <= now);
        }
        return last.hour() ? new SimCacheTokens(read, 0, write) : new SimCacheTokens(read, write, 0);
    }

    /** Walks the blocks in cache order, counting and hashing as it goes, and notes a prefix at every breakpoint. */
    private static List<Breakpoint> breakpoints(JsonNode request, String model, TokenCounter counter) {
        List<JsonNode> blocks = new ArrayList<>();
        List<Integer> framing = new ArrayList<>();
        request.path("tools").forEach(t -> add(blocks, framing, t, 0));
        JsonNode system = request.path("system");
        if (system.isTextual()) {
            add(blocks, framing, system, 0);
        } else {
            system.forEach(b -> add(blocks, framing, b, 0));
        }
        for (JsonNode message : request.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isArray()) {
                for (int i = 0; i < content.size(); i++) {
                    add(blocks, framing, content.get(i), i == 0 ? TOKENS_PER_MESSAGE : 0);
                }
            } else {
                add(blocks, framing, content, TOKENS_PER_MESSAGE);
            }
        }
        boolean automatic = request.has("cache_control");
        MessageDigest digest = sha256();
        digest.update((model + "\u0000").getBytes(StandardCharsets.UTF_8));
        List<Breakpoint> out = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            JsonNode control = block.path("cache_control");
            tokens += framing.get(i) + count(block, counter);
            digest.update((withoutControl(block) + "\u0000").getBytes(StandardCharsets.UTF_8));
            boolean last = i == blocks.size() - 1;
            if (control.isObject() || (automatic && last)) {
                JsonNode ttl = control.isObject() ? control.path("ttl") : request.path("cache_control").path("ttl");
                out.add(new Breakpoint(HexFormat.of().formatHex(clone(digest).digest()), tokens, "1h".equals(ttl.asText())));
            }
        }
        return out;
    }

    private static void add(List<JsonNode> blocks, List<Integer> framing, JsonNode block, int frame) {
        blocks.add(block);
        framing.add(frame);
    }

    private static int count(JsonNode block, TokenCounter counter) {
        if (block.isTextual()) {
            return counter.count(block.textValue());
        }
        JsonNode text = block.get("text");
        return text != null && text.isTextual() ? counter.count(text.textValue()) : counter.count(withoutControl(block).toString());
    }

    /** The block as cached: a breakpoint does not change the content it ends. */
    private static JsonNode withoutControl(JsonNode block) {
        if (!block.isObject() || !block.has("cache_control")) {
            return block;
        }
        ObjectNode copy = ((ObjectNode) block).deepCopy();
        copy.remove("cache_control");
        return copy;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 digest is cloneable", e);
        }
    }
}
