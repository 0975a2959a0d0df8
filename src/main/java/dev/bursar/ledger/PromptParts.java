package dev.bursar.ledger;

/**
 * How a chat call's input tokens divide, recorded on its ledger row for {@code bursar audit prompts}: the system
 * prompt with the tool definitions, the conversation before the last user message, and that message.
 *
 * @param systemHash         a short hash of the system prompt and tools (equal prompts, equal hashes); null when the
 *                           request had neither
 * @param systemTokens       the system prompt and tools, counted locally with the served model's tokenizer (an
 *                           estimate for non-OpenAI models), message framing included
 * @param conversationTokens the provider's input tokens minus the other two parts (earlier turns, reply priming);
 *                           0 when a local estimate overshoots the provider's count
 * @param lastUserTokens     the last user message, counted locally, framing included
 */
public record PromptParts(String systemHash, int systemTokens, int conversationTokens, int lastUserTokens) {

    public PromptParts {
        if (systemTokens < 0 || conversationTokens < 0 || lastUserTokens < 0) {
            throw new IllegalArgumentException("prompt parts are counts of 0 or more");
        }
    }

    /**
     * What the request path counts before the provider answers: everything but the conversation, which is the rest.
     *
     * @param systemTokens {@link #FROM_PROVIDER} for a single-turn request whose system prompt was not counted: it is
     *                     then the provider's input count minus the last user message and the reply priming
     * @param priming      the tokens every prompt carries once (OpenAI's reply priming), booked with the conversation
     */
    public record Counted(String systemHash, int systemTokens, int lastUserTokens, int priming) {

        /** The system prompt's size is taken from the provider's input count at settlement. */
        public static final int FROM_PROVIDER = -1;

        /** The parts of an attempt whose provider billed {@code inputTokens} (0 when it gave no usage). */
        public PromptParts settle(long inputTokens) {
            int system = systemTokens != FROM_PROVIDER ? systemTokens
                    : (int) Math.clamp(inputTokens - lastUserTokens - priming, 0, Integer.MAX_VALUE);
            long rest = inputTokens - system - lastUserTokens;
            return new PromptParts(systemHash, system, (int) Math.clamp(rest, 0, Integer.MAX_VALUE), lastUserTokens);
        }
    }
}
