package dev.bursar.pricing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** PLACEHOLDER: the pricing helper replaces this file. Public API below is the contract. */
public final class PriceCatalog {

    /** The catalog bundled in the jar. */
    public static PriceCatalog bundled() {
        throw new UnsupportedOperationException("pricing not built yet");
    }

    /** Resolves a model name or alias. */
    public Optional<ModelInfo> model(String nameOrAlias) {
        throw new UnsupportedOperationException();
    }

    /** Every model, sorted by id. */
    public List<ModelInfo> models() {
        throw new UnsupportedOperationException();
    }

    /** The version string of the price in force for this model at this time, if any (e.g. "gpt-4o@2024-10-01"). */
    public Optional<String> priceVersionAt(String nameOrAlias, Instant at) {
        throw new UnsupportedOperationException();
    }
}
