package dev.bursar.providers.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.providers.ChatCall;
import dev.bursar.tokens.TokenCounter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Decides the sim's answer to a chat request. The answer is a pure function of the request (minus its streaming
 * options), so a stream and a whole call of the same request say the same thing. Answer length follows the prompt:
 * about 12 tokens plus a third of the prompt, at most {@value #LONGEST} tokens, varied ±25% by the request's hash,
 * and never more than {@code max_completion_tokens}/{@code max_tokens}. A {@link SimScript} line that matches the
 * prompt replaces the generated text with its answer (cut at the same cap), counted with the same tokenizer.
 */
final class SimPlanner {

    static final int LONGEST = 400;
    private static final int DEFAULT_CAP = 4096;
    private static final int MAX_CHOICES = 16;

    private final SimPromptCache cache;
    private final Clock clock;
    private final SimRefusals refusals;
    private final SimScript script;

    SimPlanner(SimPromptCache cache, Clock clock, SimRefusals refusals, SimScript script) {
        this.cache = cache;
        this.clock = clock;
        this.refusals = refusals;
        this.script = script;
    }

    /** An OpenAI-wire call: the prompt cache works as OpenAI's does, automatically ({@link SimPromptCache}). */
    SimAnswer plan(ChatCall call) {
        return plan(call, (prompt, counter) ->
                SimCacheTokens.read(cache.lookupAndStore(call.body(), call.upstreamModel(), prompt, counter)));
    }

    /** A call in OpenAI's shape whose prompt is cached as {@code caching} says (Anthropic's breakpoints, say). */
    SimAnswer plan(ChatCall call, SimCaching caching) {
        JsonNode body = call.body();
        TokenCounter counter = TokenCounter.forModel(call.upstreamModel());
        int prompt = counter.countOpenAiPrompt(body);
        refusals.checkPrompt(call, prompt); // before the cache: a refused prompt was never seen by the provider
        SimCacheTokens cached = caching.lookupAndStore(prompt, counter).within(prompt);
        long seed = seed(body);
        int n = Math.clamp(body.path("n").asInt(1), 1, MAX_CHOICES);
        List<SimAnswer.Choice> choices = new ArrayList<>();
        Optional<JsonNode> tool = SimToolCalls.forcedFunction(body, seed);
        Optional<String> scripted = script.answer(lastUserText(body), call.upstreamModel());
        for (int i = 0; i < n; i++) {
            long choiceSeed = seed + i * 0x9E3779B97F4A7C15L;
            if (tool.isPresent()) {
                choices.add(toolChoice(i, tool.get(), choiceSeed, counter));
            } else if (scripted.isPresent()) {
                choices.add(scriptedChoice(i, scripted.get(), cap(body), counter));
            } else {
                choices.add(textChoice(i, body, prompt, choiceSeed, counter));
            }
        }
        String id = "chatcmpl-sim-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        return new SimAnswer(id, clock.instant().getEpochSecond(), call.upstreamModel(), fingerprint(call.upstreamModel()),
                seed, prompt, cached, List.copyOf(choices));
    }

    private static SimAnswer.Choice textChoice(int index, JsonNode body, int prompt, long seed, TokenCounter counter) {
        Random random = new Random(seed);
        int base = Math.min(12 + prompt / 3, LONGEST);
        int target = Math.max(1, (int) Math.round(base * (0.75 + random.nextDouble() * 0.5)));
        SimWriter.Text text = SimWriter.write(random.nextLong(), SimWriter.topic(lastUserText(body)), target, cap(body), counter);
        return new SimAnswer.Choice(index, text.text(), null, text.tokens(), text.truncated() ? "length" : "stop");
    }

    private static SimAnswer.Choice scriptedChoice(int index, String answer, int cap, TokenCounter counter) {
        SimWriter.Text text = SimWriter.fitText(answer, cap, counter);
        return new SimAnswer.Choice(index, text.text(), null, text.tokens(), text.truncated() ? "length" : "stop");
    }

    private static SimAnswer.Choice toolChoice(int index, JsonNode function, long seed, TokenCounter counter) {
        Random random = new Random(seed);
        String name = function.path("name").asText();
        String arguments = SimToolCalls.arguments(function.path("parameters"), random).toString();
        ArrayNode calls = JsonNodeFactory.instance.arrayNode();
        ObjectNode call = calls.addObject();
        call.put("id", "call_" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(seed).substring(0, 8));
        call.put("type", "function");
        ObjectNode fn = call.putObject("function");
        fn.put("name", name);
        fn.put("arguments", arguments);
        return new SimAnswer.Choice(index, null, calls, counter.count(name) + counter.count(arguments), "tool_calls");
    }

    static int cap(JsonNode body) {
        JsonNode max = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.path("max_tokens");
        return max.canConvertToInt() && max.asInt() > 0 ? max.asInt() : DEFAULT_CAP;
    }

    private static String lastUserText(JsonNode body) {
        String text = "";
        for (JsonNode m : body.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                JsonNode c = m.path("content");
                if (c.isTextual()) {
                    text = c.asText();
                } else {
                    StringBuilder sb = new StringBuilder();
                    c.forEach(p -> sb.append(p.path("text").asText("")).append(' '));
                    text = sb.toString();
                }
            }
        }
        return text;
    }

    /** The request's hash; streaming options do not change what the sim says. */
    static long seed(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove(List.of("stream", "stream_options"));
        return ByteBuffer.wrap(sha256(copy.toString())).getLong();
    }

    private static String fingerprint(String model) {
        return "fp_sim_" + HexFormat.of().formatHex(sha256(model)).substring(0, 10);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
