package dev.bursar.promptcache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Requests with system prompts of known rough size, on both wires. */
final class LongPrompts {

    static final ObjectMapper JSON = new ObjectMapper();

    private LongPrompts() {
    }

    /** About {@code rules} × 26 tokens of support-desk policy, varied by {@code topic}. */
    static String system(String topic, int rules) {
        StringBuilder sb = new StringBuilder("You are the support assistant for " + topic + ". Follow every rule below.\n");
        for (int i = 1; i <= rules; i++) {
            sb.append("Rule ").append(i).append(": when a customer asks about ").append(topic)
                    .append(", answer politely, cite the policy section and never promise a refund.\n");
        }
        return sb.toString();
    }

    static ObjectNode anthropic(String system, String question) {
        ObjectNode body = JSON.createObjectNode().put("model", "claude-sonnet-4-5").put("max_tokens", 100);
        body.put("system", system);
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        return body;
    }

    static ObjectNode openAi(String system, String question) {
        ObjectNode body = JSON.createObjectNode().put("model", "gpt-4o");
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", question);
        return body;
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
