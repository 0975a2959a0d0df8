package dev.bursar.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.wire.BadRequest;
import java.util.function.Function;

/**
 * The tags a request asks for, from its {@code X-Bursar-*} headers and then its body ({@code metadata} and
 * {@code user}); the body wins over the headers. Every value is checked here, whether or not the key lets it count,
 * so a request is refused or accepted the same way whatever key sends it.
 */
record RequestTags(String customer, String user, String team, String feature, String environment, String promptVersion) {

    private static final int MAX_LENGTH = Attribution.MAX_TAG_LENGTH;

    static RequestTags read(Function<String, String> header, ObjectNode body, boolean anthropicWire) {
        RequestTags fromHeaders = new RequestTags(
                header(header, "X-Bursar-Customer"), header(header, "X-Bursar-User"), header(header, "X-Bursar-Team"),
                header(header, "X-Bursar-Feature"),
                first(header(header, "X-Bursar-Env"), header(header, "X-Bursar-Environment")),
                header(header, "X-Bursar-Prompt-Version"));
        JsonNode metadata = body.get("metadata");
        RequestTags fromBody = NONE;
        if (metadata instanceof ObjectNode md) {
            fromBody = fromMetadata(md, anthropicWire);
            if (md.isEmpty()) {
                // Only Bursar's entries were there; an empty object is not sent upstream.
                body.remove("metadata");
            }
        }
        String user = fromBody.user;
        if (!anthropicWire) {
            user = first(checked(text(body.get("user")), "user"), user);
        }
        return new RequestTags(first(fromBody.customer, fromHeaders.customer), first(user, fromHeaders.user),
                first(fromBody.team, fromHeaders.team), first(fromBody.feature, fromHeaders.feature),
                first(fromBody.environment, fromHeaders.environment), first(fromBody.promptVersion, fromHeaders.promptVersion));
    }

    private static final RequestTags NONE = new RequestTags(null, null, null, null, null, null);

    /** Bursar's own entries are removed, so the provider never sees them; Anthropic's {@code user_id} stays. */
    private static RequestTags fromMetadata(ObjectNode md, boolean anthropicWire) {
        String user = take(md, "user");
        if (anthropicWire) {
            user = first(checked(text(md.get("user_id")), "metadata.user_id"), user);
        }
        return new RequestTags(take(md, "customer"), user, take(md, "team"), take(md, "feature"),
                first(take(md, "environment"), take(md, "env")), take(md, "prompt_version"));
    }

    private static String header(Function<String, String> header, String name) {
        String value = header.apply(name.toLowerCase(java.util.Locale.ROOT));
        if (value != null && value.indexOf('\uFFFD') >= 0) {
            // Helidon reads header bytes as US-ASCII and turns every other byte into U+FFFD, so "müller" and "mäller"
            // would both arrive as "m\uFFFDller": refusing is the only way not to merge two customers into one.
            throw BadRequest.of("invalid_header", name, "The header " + name + " has non-ASCII characters. Header values"
                    + " must be ASCII; send tags with other characters in the body's metadata (JSON is UTF-8), e.g."
                    + " \"metadata\": {\"customer\": \"müller\"}.");
        }
        return checked(blankToNull(value), name);
    }

    /** Removes {@code name} and {@code bursar_name} from metadata and returns the value found (prefixed wins). */
    private static String take(ObjectNode md, String name) {
        String plain = checked(text(md.remove(name)), "metadata." + name);
        String prefixed = checked(text(md.remove("bursar_" + name)), "metadata.bursar_" + name);
        return first(prefixed, plain);
    }

    private static String checked(String value, String where) {
        if (value != null && value.length() > MAX_LENGTH) {
            throw BadRequest.of("tag_too_long", where, "The tag " + where + " is " + value.length()
                    + " characters long; tag values are limited to " + MAX_LENGTH + " characters.");
        }
        return value;
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return blankToNull(n.isTextual() ? n.asText() : n.toString());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
