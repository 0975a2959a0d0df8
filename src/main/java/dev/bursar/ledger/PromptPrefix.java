package dev.bursar.ledger;

/**
 * The stable start of a chat request, as a provider would cache it: tools and system prompt (on the Anthropic wire,
 * everything up to the request's last {@code cache_control} breakpoint). Recorded on a ledger row only when it is
 * long enough for provider prompt caching to apply, so {@code bursar cache advise} can find prompts that repeat.
 *
 * @param hash   a short hash of the prefix's content (equal prefixes, equal hashes)
 * @param tokens the prefix's tokens, counted locally with the served model's tokenizer (an estimate for non-OpenAI models)
 */
public record PromptPrefix(String hash, int tokens) {

    public PromptPrefix {
        if (hash == null || hash.isBlank()) {
            throw new IllegalArgumentException("a prompt prefix needs a hash");
        }
        if (tokens < 0) {
            throw new IllegalArgumentException("prefix tokens cannot be negative, got " + tokens);
        }
    }
}
