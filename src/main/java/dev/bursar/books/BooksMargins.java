package dev.bursar.books;

import dev.bursar.alerts.MarginSource;
import java.time.Instant;
import java.util.List;

/** The books as the alert engine's {@link MarginSource}: the margin-below rule reads the same report as the CLI. */
public record BooksMargins(Books books) implements MarginSource {

    @Override
    public List<Margin> margins(String scope, Instant from, Instant to) {
        MarginGroup group = scope.equals("plan") ? MarginGroup.PLAN : MarginGroup.CUSTOMER;
        return books.margin(new Books.MarginQuery(from, to, group, null)).rows().stream()
                .map(r -> new Margin(r.key(), r.revenueUsd(), r.costToServeUsd(), r.marginPctExact()))
                .toList();
    }
}
