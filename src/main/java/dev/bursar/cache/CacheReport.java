package dev.bursar.cache;

import dev.bursar.ledger.SpendRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hit rates and savings per model and feature, from the ledger (so they cover every replica and survive restarts):
 * what {@code GET /admin/cache} and {@code bursar cache stats} print. Read from a spend report grouped by
 * {@code model, feature, cache}.
 *
 * @param rows   one per model and feature, the largest saving first
 * @param totals the same over all rows
 */
public record CacheReport(List<Row> rows, Row totals) {

    /**
     * @param hitRate hits over lookups (hits and misses; requests the cache took no part in are left out), 4 decimals
     */
    public record Row(String model, String feature, long requests, long hitsExact, long hitsSemantic, long misses,
                      long off, BigDecimal hitRate, BigDecimal costUsd, BigDecimal savedUsd) {
    }

    /** @param spend rows grouped by exactly model, feature, cache (in that order) */
    public static CacheReport of(List<SpendRow> spend) {
        Map<List<String>, long[]> counts = new LinkedHashMap<>();
        Map<List<String>, BigDecimal[]> money = new LinkedHashMap<>();
        for (SpendRow r : spend) {
            List<String> key = List.of(r.group().get(0), r.group().get(1));
            long[] c = counts.computeIfAbsent(key, k -> new long[5]);
            BigDecimal[] m = money.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            int slot = switch (r.group().get(2)) {
                case "hit-exact" -> 1;
                case "hit-semantic" -> 2;
                case "miss" -> 3;
                default -> 4;
            };
            c[0] += r.requests();
            c[slot] += r.requests();
            m[0] = m[0].add(r.costUsd());
            m[1] = m[1].add(r.savedUsd());
        }
        List<Row> rows = new ArrayList<>();
        long[] all = new long[5];
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal saved = BigDecimal.ZERO;
        for (var e : counts.entrySet()) {
            long[] c = e.getValue();
            BigDecimal[] m = money.get(e.getKey());
            rows.add(row(e.getKey().get(0), e.getKey().get(1), c, m[0], m[1]));
            for (int i = 0; i < 5; i++) {
                all[i] += c[i];
            }
            cost = cost.add(m[0]);
            saved = saved.add(m[1]);
        }
        rows.sort(Comparator.comparing(Row::savedUsd).reversed().thenComparing(Row::model).thenComparing(Row::feature));
        return new CacheReport(rows, row("*", "*", all, cost, saved));
    }

    private static Row row(String model, String feature, long[] c, BigDecimal cost, BigDecimal saved) {
        long hits = c[1] + c[2];
        long lookups = hits + c[3];
        BigDecimal rate = lookups == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(hits).divide(BigDecimal.valueOf(lookups), 4, RoundingMode.HALF_EVEN);
        return new Row(model, feature, c[0], c[1], c[2], c[3], c[4], rate, cost, saved);
    }
}
