package dev.bursar.ledger;

import dev.bursar.ledger.Rollups.Grain;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits [from, to) into pieces each answered from the cheapest source that is exact for it: monthly roll-ups for
 * whole UTC months, daily for whole days, hourly for whole hours, raw rows for the partial hours at both ends.
 */
final class SpendPlan {

    enum Source {
        RAW("usage_events", "ts_micros"),
        HOURLY("spend_hourly", "bucket_micros"),
        DAILY("spend_daily", "bucket_micros"),
        MONTHLY("spend_monthly", "bucket_micros");

        final String table;
        final String timeColumn;

        Source(String table, String timeColumn) {
            this.table = table;
            this.timeColumn = timeColumn;
        }
    }

    record Segment(Source source, long fromMicros, long toMicros) {
    }

    /** The coarsest roll-up a query may use: grouping by hour rules out days, by day rules out months. */
    static Source coarsest(List<Dimension> dims) {
        if (dims.contains(Dimension.USER) || dims.contains(Dimension.STATUS) || dims.contains(Dimension.CACHE)) {
            // Roll-ups keep neither users, attempt statuses nor cache outcomes (they would multiply their rows): raw rows answer.
            return Source.RAW;
        }
        if (dims.contains(Dimension.HOUR)) {
            return Source.HOURLY;
        }
        return dims.contains(Dimension.DAY) ? Source.DAILY : Source.MONTHLY;
    }

    private SpendPlan() {
    }

    /** @param coarsest the coarsest source allowed (see {@link #coarsest}); RAW means raw rows only */
    static List<Segment> plan(long from, long to, Source coarsest) {
        List<Segment> out = new ArrayList<>();
        split(out, from, to, Source.RAW, coarsest);
        return out;
    }

    /** Covers [from, to) with {@code source}'s next coarser grain in the middle and {@code source} at the edges. */
    private static void split(List<Segment> out, long from, long to, Source source, Source coarsest) {
        if (source == coarsest) {
            add(out, source, from, to);
            return;
        }
        Source coarser = Source.values()[source.ordinal() + 1];
        Grain grain = Grain.values()[coarser.ordinal() - 1];
        long inner0 = grain.ceil(from);
        long inner1 = grain.bucket(to);
        if (inner0 >= inner1) {
            add(out, source, from, to);
            return;
        }
        add(out, source, from, inner0);
        split(out, inner0, inner1, coarser, coarsest);
        add(out, source, inner1, to);
    }

    private static void add(List<Segment> out, Source source, long from, long to) {
        if (from < to) {
            out.add(new Segment(source, from, to));
        }
    }
}
