package dev.bursar.wire.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.Usage;

/**
 * Lets an Anthropic Messages client ({@code POST /v1/messages}) use a provider that only speaks the OpenAI wire
 * (OpenAI-compatible servers, Gemini, sim): the request goes out as an OpenAI chat request and the answer, whole
 * or streamed, comes back as an Anthropic message.
 */
public final class AnthropicBridge {

    private AnthropicBridge() {
    }

    /**
     * Anthropic Messages request -> OpenAI chat request (system, roles, content blocks incl. images base64/url,
     * tools + tool_choice, tool_use/tool_result blocks, stop_sequences, max_tokens, temperature, top_p, stream,
     * metadata.user_id -> user). A stream request also asks for {@code stream_options.include_usage}.
     *
     * @throws dev.bursar.wire.BadRequest with a message naming the bad field, on input that is not a valid request
     *                                  or cannot be expressed on the OpenAI wire (e.g. Anthropic server tools)
     */
    public static ObjectNode toOpenAiRequest(ObjectNode anthropicRequest) {
        return BridgeRequest.toOpenAi(anthropicRequest);
    }

    /**
     * OpenAI chat.completion -> Anthropic message (id, type, role, content blocks text/tool_use, model,
     * stop_reason, stop_sequence, usage with input_tokens EXCLUDING cached ones, cache_read_input_tokens,
     * cache_creation_input_tokens, output_tokens). {@code clientModel} is the model name the client asked for.
     * A response without a usage block reports zero tokens; prefer the overload taking the adapter's usage.
     */
    public static ObjectNode toAnthropicResponse(ObjectNode openAiResponse, String clientModel) {
        return BridgeResponse.toAnthropic(openAiResponse, clientModel, null);
    }

    /**
     * As {@link #toAnthropicResponse(ObjectNode, String)}, with the usage the adapter reported
     * ({@code ProviderReply.usage()}, possibly counted locally) used when the response carries no usage block.
     */
    public static ObjectNode toAnthropicResponse(ObjectNode openAiResponse, String clientModel, Usage adapterUsage) {
        return BridgeResponse.toAnthropic(openAiResponse, clientModel, adapterUsage);
    }

    /**
     * A sink that accepts OpenAI chat.completion.chunk SSE events and writes the equivalent Anthropic event stream
     * (message_start, content_block_start/delta/stop for text and tool_use input_json_delta, message_delta with
     * stop_reason and usage when {@linkplain BridgeStreamSink#settle settled}, message_stop) to {@code anthropicSink},
     * event by event. Not thread-safe: one sink per stream.
     */
    public static BridgeStreamSink anthropicStreamOver(BridgeStreamSink.Out anthropicSink, String clientModel) {
        return new BridgeStreamSink(anthropicSink, clientModel);
    }
}
