package dev.bursar.ledger;

import java.util.OptionalInt;

/**
 * The stable start of a chat request, as a provider would cache it: tools and system prompt (on the Anthropic wire,
 * everything up to the request's last {@code cache_control} breakpoint). Recorded on a ledger row so
 * {@code bursar cache advise} can find prompts that repeat.
 *
 * @param hash   a short hash of the prefix's content (equal prefixes, equal hashes)
 * @param tokens the prefix's tokens, counted locally with the model's tokenizer (an estimate for non-OpenAI models);
 *               empty the first time a process sees the prefix: a prompt sent once cannot be cached, and counting
 *               every one-off long prompt would cost the request path more than the rest of the request
 */
public record PromptPrefix(String hash, OptionalInt tokens) {

    public PromptPrefix {
        if (hash == null || hash.isBlank()) {
            throw new IllegalArgumentException("a prompt prefix needs a hash");
        }
        if (tokens == null || (tokens.isPresent() && tokens.getAsInt() < 0)) {
            throw new IllegalArgumentException("prefix tokens must be a count of 0 or more, or empty, got " + tokens);
        }
    }

    /** A counted prefix. */
    public PromptPrefix(String hash, int tokens) {
        this(hash, OptionalInt.of(tokens));
    }

    /** A prefix seen for the first time, hashed but not counted. */
    public static PromptPrefix uncounted(String hash) {
        return new PromptPrefix(hash, OptionalInt.empty());
    }
}
