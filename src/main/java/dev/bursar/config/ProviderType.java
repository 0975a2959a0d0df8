package dev.bursar.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/** The wire protocol of an upstream provider, as written in {@code providers[].type}. */
public enum ProviderType {
    /** OpenAI's API, and every OpenAI-compatible server (DeepSeek, Mistral, Ollama, vLLM, ...). */
    OPENAI("openai"),
    ANTHROPIC("anthropic"),
    GEMINI("gemini"),
    /** The offline simulator: priced like the real model, no network. */
    SIM("sim");

    private final String label;

    ProviderType(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** Parses the YAML value strictly (exact lower-case label); the message lists what is allowed. */
    @JsonCreator
    public static ProviderType of(String label) {
        for (ProviderType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("must be one of " + labels() + ", got '" + label + "'");
    }

    /** The allowed labels, sorted, for error messages. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(ProviderType::label).sorted().toList();
    }

    /** The label, so messages and logs that print the value read as they did when it was a string. */
    @Override
    public String toString() {
        return label;
    }
}
