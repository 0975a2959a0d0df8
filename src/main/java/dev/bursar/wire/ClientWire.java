package dev.bursar.wire;

/** The wire format the client speaks; every reply and error goes back in it. */
public enum ClientWire {
    /** OpenAI Chat Completions / Embeddings. */
    OPENAI,
    /** Anthropic Messages. */
    ANTHROPIC
}
