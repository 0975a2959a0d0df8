package dev.bursar.ledger;

import dev.bursar.pricing.Usage;
import dev.bursar.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the attempts that recorded prompt parts and were billed input tokens, for {@code bursar audit prompts}:
 * failed attempts that were billed count too (their system prompt was paid for); cache hits, which paid nothing,
 * and rows older than the parts columns do not. Streams the rows, in no particular order.
 */
public final class PromptPartsReader {

    private static final String SQL = "SELECT ts_micros, COALESCE(feature, ''), COALESCE(prompt_version, ''),"
            + " COALESCE(served_model, ''), is_batch, system_hash, system_tokens, conversation_tokens, last_user_tokens,"
            + " input_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens,"
            + " reasoning_tokens FROM usage_events"
            + " WHERE ts_micros >= ? AND ts_micros < ? AND system_tokens IS NOT NULL AND input_tokens > 0";

    private final Database db;

    /** {@code db} must already be migrated; reads use its pooled connections. */
    public PromptPartsReader(Database db) {
        this.db = db;
    }

    /** Every such attempt in {@code range}, of one feature when {@code feature} is given ("" for untagged ones). */
    public void forEachCall(TimeRange range, Optional<String> feature, Consumer<PromptPartsCall> each) {
        String sql = SQL + (feature.isPresent() ? " AND COALESCE(feature, '') = ?" : "");
        // Archived months too (RawScan): the audit of an old month reads its Parquet files.
        RawScan.forEach(db, sql, SpendReader.micros(range.from()), SpendReader.micros(range.to()),
                feature.map(java.util.List::of).orElse(java.util.List.of()), (rs, dialect) -> each.accept(call(rs)));
    }

    private static PromptPartsCall call(ResultSet rs) throws SQLException {
        long micros = rs.getLong(1);
        Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        PromptParts parts = new PromptParts(rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9));
        Usage usage = new Usage(rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15));
        return new PromptPartsCall(time, rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), parts, usage);
    }
}
