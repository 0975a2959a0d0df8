package dev.bursar.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Replaces what a captured body must not keep, before it is stored: e-mail addresses by {@code [email]}, digit runs
 * (decimals and card-like groups included) by {@code [number]}, phone numbers by {@code [phone]}, API-key-like
 * secrets by {@code [key]}. Only text is rewritten: a body's JSON numbers ({@code max_tokens}, {@code temperature})
 * and the fields that say what a part is ({@link #STRUCTURAL}) are kept, so the redacted body is still a request the
 * cache key and the router can read.
 */
public final class Redactor {

    /** Field names whose text is a name from the wire's vocabulary, not the user's words. */
    static final Set<String> STRUCTURAL = Set.of("model", "role", "type", "id", "tool_call_id", "tool_use_id",
            "media_type", "name", "tool_choice", "reasoning_effort", "service_tier", "detail");

    private static final Map<String, UnaryOperator<String>> RULES = Map.of(
            // sk-..., sk-ant-..., pk_/rk_ Stripe-like, AWS access key ids, GitHub tokens, "Bearer <token>".
            "keys", new Rule(Pattern.compile("\\b(?:sk|pk|rk)[-_][A-Za-z0-9_-]{16,}|\\bAKIA[0-9A-Z]{16}\\b"
                    + "|\\bgh[pousr]_[A-Za-z0-9]{20,}|(?i:bearer)\\s+[A-Za-z0-9._~+/-]{16,}=*"), "[key]",
                    s -> containsAny(s, Redactor.KEY_MARKS)),
            // Found from each '@' outwards: a pattern tried at every letter of the text costs ten times more.
            "emails", EmailAddresses::redact,
            // +44 20 7946 0958, +1 (555) 010-9999, (555) 010-9999, 555-010-9999; not a date or a bare digit run.
            "phones", new Rule(Pattern.compile("\\+\\d{1,3}[\\s.-]?\\(?\\d{1,4}\\)?(?:[\\s.-]?\\d{2,4}){2,4}"
                    + "|\\(\\d{3}\\)\\s?\\d{3}[\\s.-]\\d{4}|\\b\\d{3}[\\s.-]\\d{3}[\\s.-]\\d{4}\\b"), "[phone]",
                    Redactor::hasDigit),
            // Digit runs with their decimal points, thousands separators and card-like groups: 42, 3.14, 1,000,
            // 4111 1111 1111 1111, 2026-12-03.
            "numbers", new Rule(Pattern.compile("\\d+(?:[.,]\\d+)*(?:[ -]\\d+(?:[.,]\\d+)*)*"), "[number]",
                    Redactor::hasDigit));

    /** Text every key pattern needs; most prompts have none, and a look for them is cheaper than the pattern. */
    private static final List<String> KEY_MARKS = List.of("sk-", "sk_", "pk-", "pk_", "rk-", "rk_", "AKIA", "ghp_", "gho_",
            "ghu_", "ghs_", "ghr_", "earer", "EARER");

    /** {@code mayMatch}: a cheap test that is true whenever the pattern could match (the pattern is skipped otherwise). */
    private record Rule(Pattern pattern, String replacement, Predicate<String> mayMatch) implements UnaryOperator<String> {
        @Override
        public String apply(String s) {
            return mayMatch.test(s) ? pattern.matcher(s).replaceAll(replacement) : s;
        }
    }

    private final List<UnaryOperator<String>> rules;

    /** {@code kinds}: any of {@code keys, emails, phones, numbers}; applied in that order whatever the list's order. */
    public Redactor(List<String> kinds) {
        List<UnaryOperator<String>> r = new ArrayList<>();
        for (String kind : dev.bursar.config.CaptureConfig.REDACTIONS) {
            if (kinds.contains(kind)) {
                r.add(RULES.get(kind));
            }
        }
        this.rules = List.copyOf(r);
    }

    /** The text with every configured kind replaced. */
    public String text(String s) {
        String out = s;
        for (UnaryOperator<String> rule : rules) {
            out = rule.apply(out);
        }
        return out;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String s, List<String> marks) {
        for (String m : marks) {
            if (s.contains(m)) {
                return true;
            }
        }
        return false;
    }

    /** A redacted copy of {@code body}; the original is not changed (the request may still be using it). */
    public JsonNode body(JsonNode body) {
        return copy(body, null);
    }

    private JsonNode copy(JsonNode node, String field) {
        if (node.isTextual()) {
            return rules.isEmpty() || (field != null && STRUCTURAL.contains(field))
                    ? node : JsonNodeFactory.instance.textNode(text(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), copy(e.getValue(), e.getKey()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            for (JsonNode child : node) {
                out.add(copy(child, field));
            }
            return out;
        }
        return node;
    }
}
