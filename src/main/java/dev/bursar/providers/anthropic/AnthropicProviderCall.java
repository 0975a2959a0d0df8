package dev.bursar.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import dev.bursar.providers.Timeouts;
import java.util.Map;

/**
 * One prepared upstream request.
 *
 * @param body             the serialised Anthropic request, sent as is
 * @param anthropicRequest the same request as a tree, for counting the prompt locally when usage is missing
 * @param model            the upstream model (chooses the local token counter)
 * @param timeouts         the provider's timeouts per phase
 */
record AnthropicProviderCall(URI uri, Map<String, String> headers, byte[] body, JsonNode anthropicRequest,
                             String model, Timeouts timeouts) {
}
