package dev.bursar.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A provider report read from its API responses: its lines, and the span its buckets cover (empty buckets
 * included, so a day the provider saw nothing still counts as covered).
 */
public record ProviderReport(Source source, List<ProviderLine> lines, Optional<Span> span) {

    public ProviderReport {
        lines = List.copyOf(lines);
    }

    /** [from, to) of the report's buckets. */
    public record Span(Instant from, Instant to) {
    }
}
