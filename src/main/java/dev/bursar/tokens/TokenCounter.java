package dev.bursar.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts tokens locally, for the {@code sim} provider, for worst-case budget reservations and for providers that
 * send no usage. OpenAI models get their real BPE (o200k_base for the GPT-4o family and o-series, cl100k_base for
 * GPT-4/3.5 and embeddings), so counts are exact. Other vendors' tokenizers are not public; their counts are the
 * o200k count scaled by a calibration factor and are marked as estimates ({@link #exact()} is false).
 */
public final class TokenCounter {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final Map<String, TokenCounter> BY_MODEL = new ConcurrentHashMap<>();

    /** OpenAI cookbook: each message costs 3 tokens of framing, a name 1 more, and the reply is primed with 3. */
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int TOKENS_PER_NAME = 1;
    private static final int REPLY_PRIMING = 3;
    /** A high-detail image tile set as OpenAI bills it by default (85 base + 4 tiles × 170). */
    private static final int IMAGE_TOKENS = 765;

    /**
     * Counts of texts seen lately. Chat requests resend their system prompt and the conversation so far on every call;
     * looking a text up is far cheaper than encoding it again (byte-pair encoding was a third of admission's CPU).
     */
    private static final int ENTRY_MIN_COST_CHARS = 64;
    private static final int CACHE_MAX_CHARS = 64 * 1024;
    private static final long CACHE_BUDGET_CHARS = 4L * 1024 * 1024;
    private final Map<String, Integer> counted = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong cachedChars = new java.util.concurrent.atomic.AtomicLong();

    private final Encoding encoding;
    private final int scalePercent;
    private final boolean exact;

    private TokenCounter(Encoding encoding, int scalePercent, boolean exact) {
        this.encoding = encoding;
        this.scalePercent = scalePercent;
        this.exact = exact;
    }

    /** The counter for a model name (catalog id or upstream name; provider prefixes like "openai/" are ignored). */
    public static TokenCounter forModel(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        return BY_MODEL.computeIfAbsent(m, TokenCounter::choose);
    }

    private static TokenCounter choose(String m) {
        String name = m.contains("/") ? m.substring(m.lastIndexOf('/') + 1) : m;
        Encoding o200k = REGISTRY.getEncoding(EncodingType.O200K_BASE);
        if (name.startsWith("gpt-4o") || name.startsWith("gpt-4.1") || name.startsWith("gpt-5") || name.startsWith("chatgpt-4o")
                || name.matches("^o\\d.*") || name.startsWith("gpt-oss")) {
            return new TokenCounter(o200k, 100, true);
        }
        if (name.startsWith("gpt-4") || name.startsWith("gpt-3.5") || name.startsWith("text-embedding")) {
            return new TokenCounter(REGISTRY.getEncoding(EncodingType.CL100K_BASE), 100, true);
        }
        if (name.startsWith("claude")) {
            // Claude's tokenizer yields roughly 15% more tokens than o200k on English prose and code.
            return new TokenCounter(o200k, 115, false);
        }
        return new TokenCounter(o200k, 100, false);
    }

    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() > CACHE_MAX_CHARS) {
            return scaled(encoding.countTokensOrdinary(text));
        }
        Integer known = counted.get(text);
        if (known != null) {
            return known;
        }
        int n = scaled(encoding.countTokensOrdinary(text));
        // Short texts (role names, short questions) are worth remembering too, but each entry costs a map node:
        // they count as ENTRY_MIN_COST_CHARS against the budget, which bounds the entries as well as the characters.
        int cost = Math.max(text.length(), ENTRY_MIN_COST_CHARS);
        if (cachedChars.addAndGet(cost) > CACHE_BUDGET_CHARS) {
            // Full: start afresh rather than track recency; what is hot is counted again once.
            counted.clear();
            cachedChars.set(cost);
        }
        counted.put(text, n);
        return n;
    }

    private int scaled(int n) {
        return scalePercent == 100 ? n : (int) ((n * (long) scalePercent + 99) / 100);
    }

    /** Prompt tokens of an OpenAI chat request: messages with their framing, tool definitions, reply priming. */
    public int countOpenAiPrompt(JsonNode request) {
        int total = REPLY_PRIMING;
        for (JsonNode message : request.path("messages")) {
            total += TOKENS_PER_MESSAGE;
            total += count(message.path("role").asText(""));
            if (message.hasNonNull("name")) {
                total += TOKENS_PER_NAME + count(message.get("name").asText());
            }
            total += countContent(message.path("content"));
            for (JsonNode call : message.path("tool_calls")) {
                total += count(call.path("function").path("name").asText(""));
                total += count(call.path("function").path("arguments").asText(""));
            }
        }
        JsonNode tools = request.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            total += count(tools.toString());
        }
        return total;
    }

    /** Prompt tokens of an Anthropic Messages request (system, messages, tools); always an estimate. */
    public int countAnthropicPrompt(JsonNode request) {
        int total = REPLY_PRIMING;
        JsonNode system = request.path("system");
        total += system.isTextual() ? count(system.asText()) : countContent(system);
        for (JsonNode message : request.path("messages")) {
            total += TOKENS_PER_MESSAGE + countContent(message.path("content"));
        }
        JsonNode tools = request.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            total += count(tools.toString());
        }
        return total;
    }

    private int countContent(JsonNode content) {
        if (content.isTextual()) {
            return count(content.asText());
        }
        int total = 0;
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> total += count(part.path("text").asText(""));
                case "image_url", "image", "input_image" -> total += IMAGE_TOKENS;
                case "tool_use" -> total += count(part.path("name").asText("")) + count(part.path("input").toString());
                case "tool_result" -> total += countContent(part.path("content"));
                default -> total += count(part.toString());
            }
        }
        return total;
    }

    /** True when counts are exact for this model's real tokenizer, false for estimates. */
    public boolean exact() {
        return exact;
    }
}
