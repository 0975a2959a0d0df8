package dev.bursar.reconcile;

import dev.bursar.pricing.Usage;
import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The providers' own numbers (migration 27): {@code reconcile_lines}, one report's line per day × model, and
 * {@code reconcile_runs}, one pull per day × provider. Claiming a run is one conditional statement, so replicas
 * sharing the database pull each day once; storing a day replaces its lines in one transaction, so a day pulled
 * again is never counted twice.
 */
public final class ReconcileStore {

    /**
     * A pull's outcome: {@code status} is running, ok or failed; {@code lines} are what the last successful pull
     * stored (a failed re-pull keeps them).
     */
    public record Run(LocalDate day, String provider, String status, int attempts, Instant started,
                      Optional<Instant> finished, int lines, Optional<String> error) {

        /** True when the provider's numbers for the day are stored: it pulled fine once, whatever came after. */
        public boolean stored() {
            return status.equals(OK) || lines > 0;
        }
    }

    static final String RUNNING = "running";
    static final String OK = "ok";
    static final String FAILED = "failed";

    private final Database db;

    public ReconcileStore(Database db) {
        this.db = db;
    }

    /**
     * Takes the pull of {@code day} for {@code provider}: true when this call may pull it. A day never pulled is taken
     * by inserting its row; a failed one, or one left running before {@code staleBefore} (its replica died), by a
     * conditional update; with {@code force} a finished ok one too. Another replica's fresh claim is never taken.
     */
    boolean claim(LocalDate day, String provider, Instant now, Instant staleBefore, boolean force) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reconcile_runs (day, provider, status, attempts,"
                    + " started_micros, lines) VALUES (?, ?, ?, 1, ?, 0) ON CONFLICT DO NOTHING")) {
                ps.setString(1, day.toString());
                ps.setString(2, provider);
                ps.setString(3, RUNNING);
                ps.setLong(4, micros(now));
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE reconcile_runs SET status = ?, attempts = attempts + 1,"
                    + " started_micros = ?, finished_micros = NULL WHERE day = ? AND provider = ? AND (status = ?"
                    + " OR (status = ? AND started_micros < ?)" + (force ? " OR status = ?" : "") + ")")) {
                ps.setString(1, RUNNING);
                ps.setLong(2, micros(now));
                ps.setString(3, day.toString());
                ps.setString(4, provider);
                ps.setString(5, FAILED);
                ps.setString(6, RUNNING);
                ps.setLong(7, micros(staleBefore));
                if (force) {
                    ps.setString(8, OK);
                }
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Replaces the day's lines of each report with {@code reports} (lines of one model summed) and marks the run ok,
     * in one transaction.
     */
    void store(LocalDate day, String provider, Map<Source, List<ProviderLine>> reports, Instant now) {
        Dialect dialect = db.dialect();
        db.transaction(c -> {
            int stored = 0;
            for (var report : reports.entrySet()) {
                Source source = report.getKey();
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM reconcile_lines WHERE day = ? AND source = ?")) {
                    ps.setString(1, day.toString());
                    ps.setString(2, name(source));
                    ps.executeUpdate();
                }
                Map<String, Side> byModel = new TreeMap<>();
                report.getValue().stream().filter(l -> l.day().equals(day))
                        .forEach(l -> byModel.merge(l.model(), l.side(), Side::plus));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO reconcile_lines (day, source, provider, model,"
                        + " input_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens,"
                        + " cost_usd, pulled_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (var line : byModel.entrySet()) {
                        Usage u = line.getValue().tokens();
                        ps.setString(1, day.toString());
                        ps.setString(2, name(source));
                        ps.setString(3, provider);
                        ps.setString(4, line.getKey());
                        ps.setLong(5, u.inputTokens());
                        ps.setLong(6, u.cachedInputTokens());
                        ps.setLong(7, u.cacheWrite5mTokens());
                        ps.setLong(8, u.cacheWrite1hTokens());
                        ps.setLong(9, u.outputTokens());
                        dialect.bindMoney(ps, 10, line.getValue().costUsd());
                        ps.setLong(11, micros(now));
                        ps.addBatch();
                        stored++;
                    }
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE reconcile_runs SET status = ?, finished_micros = ?,"
                    + " lines = ?, error = NULL WHERE day = ? AND provider = ?")) {
                ps.setString(1, OK);
                ps.setLong(2, micros(now));
                ps.setInt(3, stored);
                ps.setString(4, day.toString());
                ps.setString(5, provider);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records a failed pull; its day is taken again at the next cycle. The lines an earlier pull stored stay, and so
     * does their count: a failed re-pull does not hide what the provider reported before.
     */
    void failed(LocalDate day, String provider, String error, Instant now) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE reconcile_runs SET status = ?, finished_micros = ?,"
                    + " error = ? WHERE day = ? AND provider = ?")) {
                ps.setString(1, FAILED);
                ps.setLong(2, micros(now));
                ps.setString(3, error.length() > 1000 ? error.substring(0, 1000) + "…" : error);
                ps.setString(4, day.toString());
                ps.setString(5, provider);
                return ps.executeUpdate();
            }
        });
    }

    /** The stored lines of one report for the days in [from, to). */
    List<ProviderLine> lines(Source source, LocalDate from, LocalDate to) {
        Dialect dialect = db.dialect();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT day, model, input_tokens, cached_input_tokens,"
                    + " cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, cost_usd FROM reconcile_lines"
                    + " WHERE source = ? AND day >= ? AND day < ? ORDER BY day, model")) {
                ps.setString(1, name(source));
                ps.setString(2, from.toString());
                ps.setString(3, to.toString());
                List<ProviderLine> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Usage u = new Usage(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), 0);
                        out.add(new ProviderLine(LocalDate.parse(rs.getString(1)), rs.getString(2),
                                new Side(u, dialect.readMoney(rs, 8))));
                    }
                }
                return out;
            }
        });
    }

    /** Every pull of the days in [from, to), by day then provider. */
    public List<Run> runs(LocalDate from, LocalDate to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT day, provider, status, attempts, started_micros,"
                    + " finished_micros, lines, error FROM reconcile_runs WHERE day >= ? AND day < ? ORDER BY day, provider")) {
                ps.setString(1, from.toString());
                ps.setString(2, to.toString());
                List<Run> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long finished = rs.getLong(6);
                        boolean done = !rs.wasNull();
                        out.add(new Run(LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getInt(4),
                                instant(rs.getLong(5)), done ? Optional.of(instant(finished)) : Optional.empty(),
                                rs.getInt(7), Optional.ofNullable(rs.getString(8))));
                    }
                }
                return out;
            }
        });
    }

    /** The report's name in the table: its option without dashes ({@code openai-costs}). */
    static String name(Source source) {
        return source.option().substring(2);
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
