package dev.bursar.ledger;

import dev.bursar.attribution.Attribution;
import dev.bursar.storage.Dialect;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hourly, daily and monthly (UTC) sums by key, customer, team, feature, environment, prompt version, served model and
 * provider. A batch is first summed in memory, then each group is upserted once, so a batch of thousands of events
 * costs a few hundred upserts at most.
 */
final class Rollups {

    static final long HOUR_MICROS = 3_600_000_000L;
    static final long DAY_MICROS = 24 * HOUR_MICROS;
    static final String DIMENSIONS = "key_id, customer, team, feature, environment, prompt_version, model, provider";
    static final String MEASURES = "requests, attempts, failed_attempts, input_tokens, cached_input_tokens,"
            + " cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost, failed_cost, saved";

    record Key(long bucket, String keyId, String customer, String team, String feature, String environment,
               String promptVersion, String model, String provider) {
    }

    /** Running sums of one group. */
    static final class Sums {
        final long[] counts = new long[9];
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal failedCost = BigDecimal.ZERO;
        BigDecimal saved = BigDecimal.ZERO;

        void add(EncodedEvent ee) {
            var u = ee.event().usage();
            long[] add = {ee.requests(), ee.attempts(), ee.failedAttempts(), u.inputTokens(), u.cachedInputTokens(),
                    u.cacheWrite5mTokens(), u.cacheWrite1hTokens(), u.outputTokens(), u.reasoningTokens()};
            for (int i = 0; i < add.length; i++) {
                counts[i] += add[i];
            }
            cost = cost.add(ee.cost());
            failedCost = failedCost.add(ee.failedCost());
            saved = saved.add(ee.saved());
        }
    }

    private Rollups() {
    }

    /** Which bucket a time falls in, as the bucket's start in UTC microseconds. */
    enum Grain {
        HOUR, DAY, MONTH;

        long bucket(long micros) {
            return switch (this) {
                case HOUR -> Math.floorDiv(micros, HOUR_MICROS) * HOUR_MICROS;
                case DAY -> Math.floorDiv(micros, DAY_MICROS) * DAY_MICROS;
                case MONTH -> LocalDate.ofEpochDay(Math.floorDiv(micros, DAY_MICROS)).withDayOfMonth(1).toEpochDay() * DAY_MICROS;
            };
        }

        /** The first bucket start at or after {@code micros}. */
        long ceil(long micros) {
            long b = bucket(micros);
            return b == micros ? b : next(b);
        }

        long next(long bucketStart) {
            return switch (this) {
                case HOUR -> bucketStart + HOUR_MICROS;
                case DAY -> bucketStart + DAY_MICROS;
                case MONTH -> LocalDate.ofEpochDay(bucketStart / DAY_MICROS).plusMonths(1).toEpochDay() * DAY_MICROS;
            };
        }
    }

    static Map<Key, Sums> sum(List<EncodedEvent> events, Grain grain) {
        Map<Key, Sums> out = new LinkedHashMap<>();
        for (EncodedEvent ee : events) {
            out.computeIfAbsent(key(ee, grain.bucket(ee.timeMicros())), k -> new Sums()).add(ee);
        }
        return out;
    }

    static String upsertSql(String table) {
        StringBuilder set = new StringBuilder();
        for (String m : MEASURES.split(",\\s*")) {
            set.append(set.isEmpty() ? "" : ", ").append(m).append(" = ").append(table).append('.').append(m)
                    .append(" + excluded.").append(m);
        }
        return "INSERT INTO " + table + " (bucket_micros, " + DIMENSIONS + ", " + MEASURES + ") VALUES ("
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bucket_micros, "
                + DIMENSIONS + ") DO UPDATE SET " + set;
    }

    static void upsert(PreparedStatement ps, Dialect dialect, Map<Key, Sums> groups) throws SQLException {
        for (var e : groups.entrySet()) {
            Key k = e.getKey();
            Sums s = e.getValue();
            int i = 1;
            ps.setLong(i++, k.bucket());
            for (String d : new String[] {k.keyId(), k.customer(), k.team(), k.feature(), k.environment(),
                    k.promptVersion(), k.model(), k.provider()}) {
                ps.setString(i++, d);
            }
            for (long n : s.counts) {
                ps.setLong(i++, n);
            }
            dialect.bindMoney(ps, i++, s.cost);
            dialect.bindMoney(ps, i++, s.failedCost);
            dialect.bindMoney(ps, i, s.saved);
            ps.addBatch();
        }
        ps.executeBatch();
    }

    private static Key key(EncodedEvent ee, long bucket) {
        Attribution a = ee.event().attribution();
        return new Key(bucket, tag(a.keyId()), tag(a.customer()), tag(a.team()), tag(a.feature()),
                tag(a.environment()), tag(a.promptVersion()), tag(ee.event().models().served()), tag(ee.event().models().provider()));
    }

    /** Roll-up tables store a missing tag as '' (see V2__rollups.sql). */
    static String tag(String value) {
        return value == null ? "" : value;
    }
}
