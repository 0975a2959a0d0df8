package dev.bursar.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits [from, to) into pieces each answered from the cheapest source that is exact for it: daily roll-ups for whole
 * UTC days, hourly roll-ups for whole hours at the edges, raw rows for the partial hours at both ends.
 */
final class SpendPlan {

    enum Source {
        RAW("usage_events", "ts_micros"),
        HOURLY("spend_hourly", "bucket_micros"),
        DAILY("spend_daily", "bucket_micros");

        final String table;
        final String timeColumn;

        Source(String table, String timeColumn) {
            this.table = table;
            this.timeColumn = timeColumn;
        }
    }

    record Segment(Source source, long fromMicros, long toMicros) {
    }

    private SpendPlan() {
    }

    /**
     * @param useHourly false when a dimension is not rolled up (user): everything comes from raw rows
     * @param useDaily  false when grouping by hour, which daily rows cannot answer
     */
    static List<Segment> plan(long from, long to, boolean useHourly, boolean useDaily) {
        final long h = Rollups.HOUR_MICROS;
        final long d = Rollups.DAY_MICROS;
        long h0 = Math.ceilDiv(from, h) * h;
        long h1 = Math.floorDiv(to, h) * h;
        List<Segment> out = new ArrayList<>();
        if (!useHourly || h0 >= h1) {
            out.add(new Segment(Source.RAW, from, to));
            return out;
        }
        add(out, Source.RAW, from, h0);
        long d0 = Math.ceilDiv(h0, d) * d;
        long d1 = Math.floorDiv(h1, d) * d;
        if (useDaily && d0 < d1) {
            add(out, Source.HOURLY, h0, d0);
            add(out, Source.DAILY, d0, d1);
            add(out, Source.HOURLY, d1, h1);
        } else {
            add(out, Source.HOURLY, h0, h1);
        }
        add(out, Source.RAW, h1, to);
        return out;
    }

    private static void add(List<Segment> out, Source source, long from, long to) {
        if (from < to) {
            out.add(new Segment(source, from, to));
        }
    }
}
