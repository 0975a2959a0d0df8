package dev.bursar.promptcache;

import java.time.Instant;
import java.util.List;

/**
 * {@code bursar cache advise}'s answer: the repeated prefixes of a time range, largest saving first, and their sums.
 *
 * @param totals the rows' sums (calls, reuses, cached tokens and costs)
 */
public record Advice(Instant from, Instant to, CacheLifetime lifetime, List<AdviceRow> rows, Totals totals) {

    public Advice {
        rows = List.copyOf(rows);
    }

    public record Totals(long calls, long reuses, long cachedTokens, AdviceRow.Costs costs) {

        static Totals of(List<AdviceRow> rows) {
            long calls = 0, reuses = 0, cached = 0;
            AdviceRow.Costs costs = AdviceRow.Costs.ZERO;
            for (AdviceRow r : rows) {
                calls += r.calls();
                reuses += r.reuses();
                cached += r.cachedTokens();
                costs = costs.plus(r.costs());
            }
            return new Totals(calls, reuses, cached, costs);
        }
    }
}
