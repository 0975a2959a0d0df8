package dev.bursar.pricing;

import java.util.List;
import java.util.Optional;

/** A model with its price history, oldest version first. */
record CatalogModel(ModelInfo info, List<PriceVersion> history) {

    CatalogModel {
        history = List.copyOf(history);
    }

    /** The version in force at this instant; empty before the first {@code effective_from}. */
    Optional<PriceVersion> versionAt(long epochSecond) {
        for (int i = history.size() - 1; i >= 0; i--) {
            PriceVersion version = history.get(i);
            if (version.fromEpochSecond() <= epochSecond) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
