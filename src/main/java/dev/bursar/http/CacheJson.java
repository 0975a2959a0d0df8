package dev.bursar.http;

import dev.bursar.cache.CacheReport;
import dev.bursar.cache.ResponseCache;
import dev.bursar.config.CacheConfig;
import dev.bursar.ledger.TimeRange;
import java.util.List;

/** The JSON of {@code /admin/cache}; money as exact decimal strings, like every report. */
final class CacheJson {

    private CacheJson() {
    }

    record Stats(boolean enabled, Exact exact, Semantic semantic, String from, String to, Row totals, List<Row> rows) {
        static Stats of(ResponseCache cache, TimeRange range, CacheReport report) {
            CacheConfig c = cache.config();
            Exact exact = new Exact(c.exactOn(), cache.store().kind(), cache.enabled() ? cache.store().size() : 0,
                    c.exact().ttl().toString(), c.exact().maxEntries(), c.exact().scope());
            Semantic semantic = new Semantic(c.semanticOn(), cache.semantic().size(),
                    c.semanticOn() ? cache.semantic().threshold() : null,
                    c.semanticOn() ? c.semantic().ttl().toString() : null, c.semanticOn() ? c.semantic().scope() : List.of());
            return new Stats(cache.enabled(), exact, semantic, KeyJson.instant(range.from()), KeyJson.instant(range.to()),
                    Row.of(report.totals()), report.rows().stream().map(Row::of).toList());
        }
    }

    record Exact(boolean enabled, String backend, long entries, String ttl, int maxEntries, List<String> scope) { }

    record Semantic(boolean enabled, long entries, String threshold, String ttl, List<String> scope) { }

    record Row(String model, String feature, long requests, long hitsExact, long hitsSemantic, long misses, long off,
               String hitRate, String costUsd, String savedUsd) {
        static Row of(CacheReport.Row r) {
            return new Row(r.model(), r.feature(), r.requests(), r.hitsExact(), r.hitsSemantic(), r.misses(), r.off(),
                    r.hitRate().toPlainString(), dev.bursar.pricing.Money.plain(r.costUsd()),
                    dev.bursar.pricing.Money.plain(r.savedUsd()));
        }
    }

    record Purged(String customer, long removed) { }
}
