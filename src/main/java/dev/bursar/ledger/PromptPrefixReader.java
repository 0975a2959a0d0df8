package dev.bursar.ledger;

import dev.bursar.pricing.Usage;
import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads the calls that carried a long prompt prefix, for {@code bursar cache advise}: answered upstream attempts
 * only (no failures, no cache hits, which never reached a provider), grouped by feature, prompt version, served model
 * and prefix hash, and oldest first within a group, so a caller can walk each group's calls in one pass.
 */
public final class PromptPrefixReader {

    private static final String SQL = "SELECT ts_micros, COALESCE(feature, ''), COALESCE(prompt_version, ''),"
            + " COALESCE(served_model, ''), prefix_hash, prefix_tokens, input_tokens, cached_input_tokens,"
            + " cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens FROM usage_events"
            + " WHERE ts_micros >= ? AND ts_micros < ? AND prefix_hash IS NOT NULL AND status = 'ok' AND attempts = 1"
            + " ORDER BY 2, 3, 4, 5, 1, event_id";

    private final Database db;

    /** {@code db} must already be migrated; reads use its pooled connections. */
    public PromptPrefixReader(Database db) {
        this.db = db;
    }

    /** Every such call in {@code range}, in group order, then time order. */
    public void forEachCall(TimeRange range, Consumer<PrefixCall> each) {
        Dialect dialect = db.dialect();
        db.read(c -> {
            boolean autoCommit = c.getAutoCommit();
            if (dialect == Dialect.POSTGRES) {
                c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
            }
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setFetchSize(1000);
                ps.setLong(1, SpendReader.micros(range.from()));
                ps.setLong(2, SpendReader.micros(range.to()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(call(rs));
                    }
                }
            } finally {
                if (dialect == Dialect.POSTGRES) {
                    c.commit();
                    c.setAutoCommit(autoCommit);
                }
            }
            return null;
        });
    }

    private static PrefixCall call(ResultSet rs) throws java.sql.SQLException {
        long micros = rs.getLong(1);
        Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        Usage usage = new Usage(rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12));
        int tokens = rs.getInt(6);
        PromptPrefix prefix = rs.wasNull() ? PromptPrefix.uncounted(rs.getString(5)) : new PromptPrefix(rs.getString(5), tokens);
        return new PrefixCall(time, rs.getString(2), rs.getString(3), rs.getString(4), prefix, usage);
    }
}
