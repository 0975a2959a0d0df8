package dev.bursar.promptcache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.ledger.PromptPrefix;
import dev.bursar.tokens.TokenCounter;
import dev.bursar.wire.ClientWire;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A chat request's stable prefix ({@link PrefixNodes}): whether it can be long enough to cache, its hash, its tokens.
 * Runs on the request path, so the common cases are cheap: a prefix whose text is obviously too short is not hashed,
 * and counting (the expensive part: byte-pair encoding runs at a few million tokens a second) is left to
 * {@link PrefixCounts}, which counts each distinct prefix once, and only once it is seen again.
 */
final class PrefixFingerprint {

    static final int MIN_TOKENS = 1024;
    /**
     * A prefix lighter than this is not considered. Weight is characters, a non-ASCII character counting 3 (its UTF-8
     * bytes, so dense scripts are not missed); English prose runs about 4 characters a token and code or JSON about
     * 3, so 1,024 tokens take well over 3,000. Only unusual text (long digit runs, random identifiers) could reach
     * 1,024 tokens below it, and is then not recorded.
     */
    static final int MIN_WEIGHT = 3_000;
    private static final byte SEPARATOR = 0;

    private PrefixFingerprint() {
    }

    /** The prefix of {@code body}, or empty when it is obviously too short to cache. */
    static Optional<ObjectNode> candidate(ClientWire wire, JsonNode body) {
        ObjectNode prefix = PrefixNodes.of(wire, body);
        return weight(prefix, 0) < MIN_WEIGHT ? Optional.empty() : Optional.of(prefix);
    }

    /** The prefix's tokens as {@code model}'s tokenizer counts a prompt made of it alone. */
    static int count(ClientWire wire, String model, ObjectNode prefix) {
        TokenCounter counter = TokenCounter.forModel(model);
        return wire == ClientWire.ANTHROPIC ? counter.countAnthropicPrompt(prefix) : counter.countOpenAiPrompt(prefix);
    }

    /** The prefix as the ledger records it (counted at once, as a test or a tool wants it), if long enough. */
    static Optional<PromptPrefix> of(ClientWire wire, String model, JsonNode body) {
        return candidate(wire, body).flatMap(prefix -> {
            int tokens = count(wire, model, prefix);
            return tokens < MIN_TOKENS ? Optional.empty() : Optional.of(new PromptPrefix(hash(prefix), tokens));
        });
    }

    /** Approximate UTF-8 size of the texts and keys, stopping once it is known to be heavy enough. */
    static int weight(JsonNode node, int sum) {
        if (sum >= MIN_WEIGHT) {
            return sum;
        }
        if (node.isTextual()) {
            return sum + weight(node.textValue());
        }
        int total = sum;
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext() && total < MIN_WEIGHT) {
                Map.Entry<String, JsonNode> f = fields.next();
                total = weight(f.getValue(), total + f.getKey().length());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && total < MIN_WEIGHT; i++) {
                total = weight(node.get(i), total);
            }
        } else if (!node.isNull()) {
            total += node.asText().length();
        }
        return total;
    }

    private static int weight(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            w += text.charAt(i) < 0x80 ? 1 : 3;
        }
        return w;
    }

    /**
     * 16 hex digits of SHA-256 over the prefix's keys and values in order, leaving out {@code cache_control} (a
     * breakpoint does not change what is cached) and telling strings from numbers and nesting apart.
     */
    static String hash(JsonNode prefix) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            digest(prefix, sha);
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void digest(JsonNode node, MessageDigest sha) {
        if (node.isObject()) {
            sha.update((byte) '{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().equals(PrefixNodes.CACHE_CONTROL)) {
                    continue;
                }
                text(f.getKey(), sha);
                digest(f.getValue(), sha);
            }
            sha.update((byte) '}');
        } else if (node.isArray()) {
            sha.update((byte) '[');
            for (JsonNode child : node) {
                digest(child, sha);
            }
            sha.update((byte) ']');
        } else if (node.isTextual()) {
            sha.update((byte) '"');
            text(node.textValue(), sha);
        } else {
            sha.update((byte) '#');
            text(node.asText(), sha);
        }
    }

    private static void text(String s, MessageDigest sha) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update(SEPARATOR);
    }
}
