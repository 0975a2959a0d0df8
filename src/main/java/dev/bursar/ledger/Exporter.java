package dev.bursar.ledger;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bursar.csv.CsvWriter;
import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import dev.bursar.pricing.Money;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Streams raw rows as JSONL (one object per row, decimals as strings) or CSV (header row first). */
final class Exporter {

    private final Database db;

    Exporter(Database db) {
        this.db = db;
    }

    void export(ExportQuery q, ExportFormat format, OutputStream out) {
        long from = SpendReader.micros(q.from());
        long to = SpendReader.micros(q.to());
        Dialect dialect = db.dialect();
        db.read(c -> {
            List<ArchiveFile> archived = ArchiveCatalog.overlapping(c, from, to, dialect);
            // As in SpendReader: a file whose rows are still being deleted answers alone for its range.
            List<ArchiveFile> fileOnly = archived.stream().filter(f -> !f.complete()).toList();
            StringBuilder sql = new StringBuilder("SELECT " + EventTable.COLUMNS
                    + " FROM usage_events WHERE ts_micros >= ? AND ts_micros < ?");
            fileOnly.forEach(f -> sql.append(" AND NOT (ts_micros >= ? AND ts_micros < ?)"));
            sql.append(" ORDER BY ts_micros, event_id").append(q.limit() > 0 ? " LIMIT " + q.limit() : "");
            boolean autoCommit = c.getAutoCommit();
            if (dialect == Dialect.POSTGRES) {
                c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString()); RowWriter w = writer(format, out);
                 Rows archive = Rows.archived(archived, from, to, q.limit())) {
                ps.setFetchSize(1000);
                int i = 1;
                ps.setLong(i++, from);
                ps.setLong(i++, to);
                for (ArchiveFile f : fileOnly) {
                    ps.setLong(i++, f.fromMicros());
                    ps.setLong(i++, f.toMicros());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    merge(new Rows(rs, dialect, null), archive, q.limit(), w);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("ledger export failed while writing: " + e.getMessage(), e);
            } finally {
                if (dialect == Dialect.POSTGRES) {
                    c.commit();
                    c.setAutoCommit(autoCommit);
                }
            }
            return null;
        });
    }

    /** Writes both streams in (time, event id) order, as one would be from a single table. */
    private static void merge(Rows live, Rows archive, long limit, RowWriter w) throws java.sql.SQLException, IOException {
        long written = 0;
        UsageEvent a = live.next();
        UsageEvent b = archive.next();
        while ((a != null || b != null) && (limit <= 0 || written < limit)) {
            boolean takeLive = b == null || (a != null && ORDER.compare(a, b) <= 0);
            w.write(takeLive ? a : b);
            written++;
            if (takeLive) {
                a = live.next();
            } else {
                b = archive.next();
            }
        }
    }

    private static final java.util.Comparator<UsageEvent> ORDER = java.util.Comparator
            .comparing((UsageEvent e) -> SpendReader.micros(e.time())).thenComparing(UsageEvent::eventId);

    /** Events read one by one from a result set; archived rows come from DuckDB (money as DECIMAL, as PostgreSQL). */
    private record Rows(ResultSet rs, Dialect dialect, java.sql.Connection owned) implements AutoCloseable {

        static Rows archived(List<ArchiveFile> files, long from, long to, long limit) throws java.sql.SQLException {
            if (files.isEmpty()) {
                return new Rows(null, Dialect.POSTGRES, null);
            }
            java.sql.Connection duck = Parquet.open();
            try {
                PreparedStatement ps = duck.prepareStatement("SELECT " + EventTable.COLUMNS + " FROM "
                        + Parquet.source(files.stream().map(ArchiveFile::path).toList())
                        + " WHERE ts_micros >= ? AND ts_micros < ? ORDER BY ts_micros, event_id"
                        + (limit > 0 ? " LIMIT " + limit : ""));
                ps.setLong(1, from);
                ps.setLong(2, to);
                return new Rows(ps.executeQuery(), Dialect.POSTGRES, duck);
            } catch (java.sql.SQLException | RuntimeException e) {
                duck.close();
                throw e;
            }
        }

        UsageEvent next() throws java.sql.SQLException {
            return rs != null && rs.next() ? EventTable.read(rs, dialect) : null;
        }

        @Override
        public void close() throws java.sql.SQLException {
            if (owned != null) {
                owned.close();
            }
        }
    }

    /** Every field of the event, flattened, in a fixed order; money as exact decimal text. */
    static Map<String, Object> fields(UsageEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_id", e.eventId());
        m.put("request_id", e.requestId());
        m.put("time", e.time().toString());
        var a = e.attribution();
        m.put("key_id", a.keyId());
        m.put("customer", a.customer());
        m.put("user", a.user());
        m.put("team", a.team());
        m.put("feature", a.feature());
        m.put("environment", a.environment());
        m.put("prompt_version", a.promptVersion());
        var models = e.models();
        var call = e.call();
        m.put("requested_model", models.requested());
        m.put("served_model", models.served());
        m.put("upstream_model", models.upstream());
        m.put("provider", models.provider());
        m.put("endpoint", call.endpoint() == null ? null : call.endpoint().label());
        m.put("routing_reason", models.routingReason());
        m.put("cache_outcome", call.cacheOutcome());
        var u = e.usage();
        m.put("input_tokens", u.inputTokens());
        m.put("cached_input_tokens", u.cachedInputTokens());
        m.put("cache_write_5m_tokens", u.cacheWrite5mTokens());
        m.put("cache_write_1h_tokens", u.cacheWrite1hTokens());
        m.put("output_tokens", u.outputTokens());
        m.put("reasoning_tokens", u.reasoningTokens());
        putChargeAndOutcome(m, e);
        return m;
    }

    /** The export's field order interleaves the groups (attempt, batch and stream come after the outcome). */
    private static void putChargeAndOutcome(Map<String, Object> m, UsageEvent e) {
        var charge = e.charge();
        var outcome = e.outcome();
        var call = e.call();
        m.put("cost_usd", charge.costUsd());
        m.put("saved_usd", charge.savedUsd());
        m.put("price_version", charge.priceVersion());
        m.put("cost_estimated", charge.estimated());
        m.put("latency_micros", outcome.latencyMicros());
        m.put("ttft_micros", outcome.ttftMicros());
        m.put("http_status", outcome.httpStatus());
        m.put("status", outcome.status().label());
        m.put("error_class", outcome.errorClass());
        m.put("attempt", call.attempt());
        m.put("batch", call.batch());
        m.put("stream", call.stream());
        m.put("raw_usage", charge.rawUsage());
        m.put("fingerprint", call.fingerprint());
        // Last, so the columns before them keep their places: what the cache did, as reports name it, and the
        // prompt prefix provider caching would reuse.
        m.put("cache", CacheLabel.of(call.cacheOutcome()));
        m.put("prefix_hash", call.prefix() == null ? null : call.prefix().hash());
        m.put("prefix_tokens", call.prefix() == null || call.prefix().tokens().isEmpty() ? null
                : call.prefix().tokens().getAsInt());
    }

    private static RowWriter writer(ExportFormat format, OutputStream out) throws IOException {
        return switch (format) {
            case JSONL -> new JsonlWriter(out);
            case CSV -> new CsvRows(out);
            case FOCUS -> new FocusCsvRows(out);
        };
    }

    private interface RowWriter extends AutoCloseable {
        void write(UsageEvent event) throws IOException;

        @Override
        void close() throws IOException;
    }

    private static final class JsonlWriter implements RowWriter {
        private final JsonGenerator g;

        JsonlWriter(OutputStream out) throws IOException {
            g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        }

        @Override
        public void write(UsageEvent event) throws IOException {
            Map<String, Object> row = fields(event);
            g.writeStartObject();
            for (var f : row.entrySet()) {
                Object v = f.getValue();
                g.writeFieldName(f.getKey());
                switch (v) {
                    case null -> g.writeNull();
                    case BigDecimal d -> g.writeString(Money.plain(d));
                    case Long n -> g.writeNumber(n);
                    case Integer n -> g.writeNumber(n);
                    case Boolean b -> g.writeBoolean(b);
                    default -> g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        }

        @Override
        public void close() throws IOException {
            g.writeRaw('\n');
            g.flush();
        }
    }

    /** Through the shared {@link CsvWriter}, so tag text cannot become a spreadsheet formula. */
    private static final class CsvRows implements RowWriter {
        private final Writer w;
        private final CsvWriter csv;
        private boolean header;

        CsvRows(OutputStream out) {
            w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            csv = new CsvWriter(w);
        }

        @Override
        public void write(UsageEvent event) {
            Map<String, Object> row = fields(event);
            if (!header) {
                csv.row(List.copyOf(row.keySet()));
                header = true;
            }
            csv.row(new ArrayList<>(row.values()));
        }

        @Override
        public void close() throws IOException {
            if (!header) {
                csv.row(List.copyOf(fields(EMPTY).keySet()));
            }
            w.flush();
        }
    }

    /** FOCUS 1.2 through the same {@link CsvWriter}: the header even when the range is empty. */
    private static final class FocusCsvRows implements RowWriter {
        private final Writer w;
        private final CsvWriter csv;

        FocusCsvRows(OutputStream out) {
            w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            csv = new CsvWriter(w);
            csv.row(dev.bursar.focus.FocusColumns.all());
        }

        @Override
        public void write(UsageEvent event) {
            csv.row(FocusRows.values(event));
        }

        @Override
        public void close() throws IOException {
            w.flush();
        }
    }

    /** A row with every field, so an empty export still has the CSV header. */
    private static final UsageEvent EMPTY = new UsageEvent("", "", java.time.Instant.EPOCH,
            dev.bursar.attribution.Attribution.NONE, new UsageEvent.Models(null, null, null, null, null),
            new UsageEvent.Call(null, false, false, 1, null, null), dev.bursar.pricing.Usage.ZERO,
            new UsageEvent.Charge(BigDecimal.ZERO, BigDecimal.ZERO, null, false, null),
            new UsageEvent.Outcome(0, AttemptStatus.OK, null, 0, -1));
}
