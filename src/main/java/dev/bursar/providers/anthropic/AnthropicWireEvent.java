package dev.bursar.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.providers.SseReader;
import dev.bursar.wire.SseFrames;

/** One upstream SSE event; its JSON is parsed only if someone asks, so passthrough events stay text. */
final class AnthropicWireEvent {

    private final String name;
    private final String data;
    private JsonNode json;

    private AnthropicWireEvent(String name, String data) {
        this.name = name;
        this.data = data;
    }

    static AnthropicWireEvent of(SseReader.Event event) {
        AnthropicWireEvent e = new AnthropicWireEvent(event.event(), event.data());
        // Anthropic always names its events; the data's "type" is the same name, so fall back to it.
        return e.name != null ? e : new AnthropicWireEvent(e.json().path("type").asText(""), event.data());
    }

    String name() {
        return name;
    }

    String data() {
        return data;
    }

    JsonNode json() {
        if (json == null) {
            json = AnthropicWire.parseQuietly(data);
        }
        return json;
    }

    /** The event as Anthropic sent it, for an Anthropic client. */
    byte[] sseBytes() {
        return SseFrames.event(name, data);
    }
}
