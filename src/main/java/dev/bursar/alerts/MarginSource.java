package dev.bursar.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the {@code margin-below} rule reads: gross margins from the books (kept in another package). */
public interface MarginSource {

    /** One customer's or plan's books over the window; {@code marginPct} is empty without revenue. */
    record Margin(String value, BigDecimal revenueUsd, BigDecimal costToServeUsd, Optional<BigDecimal> marginPct) { }

    /** Margins of every customer (scope "customer") or plan (scope "plan") in [from, to). */
    List<Margin> margins(String scope, Instant from, Instant to);

    /** For engines built without the books: a margin-below rule then fails to build, naming why. */
    MarginSource NONE = (scope, from, to) -> {
        throw new IllegalStateException("margin-below needs the books");
    };
}
