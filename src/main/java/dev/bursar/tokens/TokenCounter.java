package dev.bursar.tokens;

import com.fasterxml.jackson.databind.JsonNode;

/** PLACEHOLDER: the sim/tokens helper replaces this file. Public API below is the contract. */
public final class TokenCounter {

    /** The counter for a model: o200k_base for GPT-4o-family/o-series, cl100k_base for older OpenAI, and a
     *  calibrated estimate for other vendors. */
    public static TokenCounter forModel(String model) {
        throw new UnsupportedOperationException();
    }

    public int count(String text) {
        throw new UnsupportedOperationException();
    }

    /** Prompt tokens of an OpenAI chat request (messages, tools, per-message overhead). */
    public int countOpenAiPrompt(JsonNode request) {
        throw new UnsupportedOperationException();
    }

    /** True when counts are exact for this model's real tokenizer, false for estimates. */
    public boolean exact() {
        throw new UnsupportedOperationException();
    }
}
