package dev.bursar.ledger;

import dev.bursar.pricing.Usage;
import java.time.Instant;

/**
 * One answered upstream call whose request had a long stable prefix, as {@link PromptPrefixReader} reads it.
 *
 * @param time          when the attempt started
 * @param feature       the feature tag, "" when none
 * @param promptVersion the prompt version tag, "" when none
 * @param model         the served (catalog) model
 * @param prefix        the recorded prompt prefix
 * @param usage         the call's tokens, cache reads and writes included
 */
public record PrefixCall(Instant time, String feature, String promptVersion, String model, PromptPrefix prefix,
                         Usage usage) {
}
