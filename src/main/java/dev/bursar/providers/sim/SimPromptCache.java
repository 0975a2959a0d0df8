package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.tokens.TokenCounter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models OpenAI-style automatic prompt caching. A prompt prefix is the model, the tools and the first k messages;
 * when a prefix of at least {@value #MIN_TOKENS} tokens was sent to this provider instance within the last
 * {@value #TTL_MINUTES} minutes, its tokens are reported as {@code cached_tokens}, rounded down to a multiple of
 * {@value #STEP} as OpenAI does. The sim caches at message boundaries (a real provider caches any token prefix): a
 * repeated system prompt or conversation is cached, an edit inside a message is not.
 */
final class SimPromptCache {

    static final int MIN_TOKENS = 1024;
    static final int STEP = 128;
    static final int TTL_MINUTES = 5;
    private static final long TTL_MILLIS = TTL_MINUTES * 60_000L;
    private static final int PRUNE_ABOVE = 100_000;

    private final Clock clock;
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    SimPromptCache(Clock clock) {
        this.clock = clock;
    }

    /** Cached tokens of this prompt ({@code promptTokens} in all), and remembers its prefixes. */
    int lookupAndStore(JsonNode request, String model, int promptTokens, TokenCounter counter) {
        if (promptTokens < MIN_TOKENS) {
            return 0;
        }
        long now = clock.millis();
        MessageDigest digest = sha256();
        digest.update((model + "\u0000" + request.path("tools") + "\u0000").getBytes(StandardCharsets.UTF_8));
        ObjectNode tools = JsonNodeFactory.instance.objectNode();
        if (request.has("tools")) {
            tools.set("tools", request.get("tools"));
        }
        // Per-message costs add up to the whole prompt count: framing and priming are counted once, in the base.
        int empty = counter.countOpenAiPrompt(JsonNodeFactory.instance.objectNode());
        int cumulative = counter.countOpenAiPrompt(tools);
        int cached = 0;
        for (JsonNode message : request.path("messages")) {
            ObjectNode single = JsonNodeFactory.instance.objectNode();
            single.putArray("messages").add(message);
            cumulative += counter.countOpenAiPrompt(single) - empty;
            digest.update((message + "\u0000").getBytes(StandardCharsets.UTF_8));
            if (cumulative < MIN_TOKENS) {
                continue;
            }
            String key = HexFormat.of().formatHex(clone(digest).digest());
            Long expiry = expiries.get(key);
            if (expiry != null && expiry > now) {
                cached = cumulative;
            }
            expiries.put(key, now + TTL_MILLIS);
        }
        prune(now);
        int rounded = cached < MIN_TOKENS ? 0 : MIN_TOKENS + (cached - MIN_TOKENS) / STEP * STEP;
        return Math.min(rounded, promptTokens);
    }

    private void prune(long now) {
        if (expiries.size() > PRUNE_ABOVE) {
            expiries.values().removeIf(expiry -> expiry <= now);
        }
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
