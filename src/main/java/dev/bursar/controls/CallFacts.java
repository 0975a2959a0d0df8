package dev.bursar.controls;

import dev.bursar.attribution.Attribution;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the gateway knows about a call before it buys any token.
 *
 * @param attribution     who it is for (key, customer, team, feature, environment...)
 * @param model           the catalog model it is priced by
 * @param promptTokens    prompt size counted locally (an upper-bound estimate for vendors whose tokenizer is private)
 * @param maxOutputTokens the request's max_tokens, or the model's maximum capped by the configured ceiling
 * @param worstCaseUsd    the most this call can cost: prompt at the dearest input price (cache write) + max output
 * @param at              when the call starts (which budget windows it falls in)
 */
public record CallFacts(Attribution attribution, String model, long promptTokens, long maxOutputTokens,
                        BigDecimal worstCaseUsd, Instant at) {
}
