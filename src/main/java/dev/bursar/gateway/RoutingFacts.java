package dev.bursar.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.attribution.Attribution;
import dev.bursar.routing.PromptText;
import dev.bursar.routing.RequestFacts;
import dev.bursar.routing.Route;
import dev.bursar.tokens.TokenCounter;
import java.util.Set;

/** Gathers what a virtual model's rules (or its learned router) look at, once per request to a virtual model. */
final class RoutingFacts {

    /** Content part types that carry an image, on both client wires. */
    private static final Set<String> IMAGE_PARTS = Set.of("image_url", "image", "input_image");

    private RoutingFacts() {
    }

    /**
     * The prompt is counted as admission counts it, with the tokenizer of the model the name resolves to before
     * the rules (the default's), and only if a rule with a token threshold gets that far.
     */
    static RequestFacts of(Inbound in, Attribution a, Route resolved) {
        JsonNode body = in.body();
        TokenCounter counter = TokenCounter.forModel(resolved.priceModel());
        return new RequestFacts(
                new RequestFacts.Tags(a.keyId(), a.customer(), a.user(), a.team(), a.feature(), a.environment()),
                nonEmpty(body.path("tools")) || nonEmpty(body.path("functions")),
                hasImages(body.path("messages")),
                in.header(),
                RequestFacts.once(() -> Admission.promptTokens(in, counter)),
                () -> PromptText.lastUserText(body));
    }

    private static boolean nonEmpty(JsonNode array) {
        return array.isArray() && !array.isEmpty();
    }

    private static boolean hasImages(JsonNode messages) {
        for (JsonNode m : messages) {
            if (imageIn(m.path("content"))) {
                return true;
            }
        }
        return false;
    }

    /** Parts of a message, and one level down: an Anthropic tool_result may return an image as its content. */
    private static boolean imageIn(JsonNode content) {
        if (!content.isArray()) {
            return false;
        }
        for (JsonNode part : content) {
            if (IMAGE_PARTS.contains(part.path("type").asText("")) || imageIn(part.path("content"))) {
                return true;
            }
        }
        return false;
    }
}
