package dev.bursar.cache;

import dev.bursar.pricing.Usage;
import dev.bursar.wire.ClientWire;
import java.time.Instant;

/**
 * An answer kept for giving again: the whole response as the client's wire shapes it (a streamed answer is kept
 * assembled; a streamed hit is replayed from it), the usage it was paid for, and who may see it.
 *
 * @param wire        the client wire the body is in
 * @param body        the whole JSON response, UTF-8
 * @param usage       the tokens the original call was billed for: a hit saves their cost at today's price
 * @param priceModel  the catalog model that answered (prices the saving, names X-Bursar-Model)
 * @param provider    the provider that answered
 * @param storedAt    when it was kept
 * @param customer    the customer it was answered for (empty when none): purge by customer finds it
 * @param feature     the feature it was answered for (empty when none): stats by feature
 */
public record CachedAnswer(ClientWire wire, byte[] body, Usage usage, String priceModel, String provider,
                           Instant storedAt, String customer, String feature) {

    public CachedAnswer {
        customer = customer == null ? "" : customer;
        feature = feature == null ? "" : feature;
    }

    /** Heap an entry takes, roughly: what the in-process cache weighs entries by. */
    int weight() {
        return body.length + 256 + priceModel.length() + provider.length() + customer.length() + feature.length();
    }
}
