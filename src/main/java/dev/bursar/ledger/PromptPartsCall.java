package dev.bursar.ledger;

import dev.bursar.pricing.Usage;
import java.time.Instant;

/**
 * One billed chat attempt with recorded prompt parts, as {@link PromptPartsReader} reads it.
 *
 * @param feature       the feature tag, "" when none
 * @param promptVersion the prompt version tag, "" when none
 * @param model         the served (catalog) model
 * @param batch         priced at batch prices
 * @param parts         how its input divides
 * @param usage         the attempt's tokens, cache reads and writes included
 */
public record PromptPartsCall(Instant time, String feature, String promptVersion, String model, boolean batch,
                              PromptParts parts, Usage usage) {
}
