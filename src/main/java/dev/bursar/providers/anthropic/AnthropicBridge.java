package dev.bursar.providers.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.providers.StreamSink;

/** PLACEHOLDER: the OpenAI/bridge helper replaces this file. Public API below is the contract. */
public final class AnthropicBridge {
    private AnthropicBridge() {
    }

    public static ObjectNode toOpenAiRequest(ObjectNode anthropicRequest) {
        throw new UnsupportedOperationException();
    }

    public static ObjectNode toAnthropicResponse(ObjectNode openAiResponse, String clientModel) {
        throw new UnsupportedOperationException();
    }

    public static StreamSink anthropicStreamOver(StreamSink anthropicSink, String clientModel) {
        throw new UnsupportedOperationException();
    }
}
