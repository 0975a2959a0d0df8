package dev.bursar.providers.anthropic;

import dev.bursar.providers.ProviderReply;
import dev.bursar.providers.StreamSink;
import java.io.IOException;
import java.util.List;

/** How upstream events reach the client: as they are (Anthropic client) or translated (OpenAI client). */
interface AnthropicProviderStreamOut {

    /** Sends what the client sees for one upstream event before {@code message_stop}; possibly nothing. */
    void forward(AnthropicWireEvent event, StreamSink sink) throws IOException;

    /** Events the client gets after the last forwarded one and before the final event (e.g. a usage chunk). */
    List<byte[]> closing(ProviderReply reply);

    /** The client's final event for the upstream {@code message_stop}. */
    byte[] last(AnthropicWireEvent messageStop);

    /** Anthropic's {@code stop_reason} in the client's vocabulary. */
    String finishReason(String stopReason);
}
