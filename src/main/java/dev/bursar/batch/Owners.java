package dev.bursar.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.attribution.Attribution;
import dev.bursar.auth.Principal;

/**
 * A batch's owner kept as JSON: the key and its locked tags, so lines run after a restart are attributed as the
 * creator's calls were, without keeping the creator's secret.
 */
final class Owners {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Owners() {
    }

    static String toJson(Principal p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("key_id", p.keyId());
        Attribution a = p.defaults();
        o.put("a_key_id", a.keyId());
        o.put("customer", a.customer());
        o.put("user", a.user());
        o.put("team", a.team());
        o.put("feature", a.feature());
        o.put("environment", a.environment());
        o.put("prompt_version", a.promptVersion());
        return o.toString();
    }

    static Principal fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            return new Principal(text(o, "key_id"), new Attribution(text(o, "a_key_id"), text(o, "customer"),
                    text(o, "user"), text(o, "team"), text(o, "feature"), text(o, "environment"),
                    text(o, "prompt_version")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a batch's owner is not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
