package dev.bursar.ledger;

import dev.bursar.attribution.Attribution;
import dev.bursar.pricing.Usage;
import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The answered attempts of chat requests (status ok, HTTP 200, a provider and not the cache), by request id: one per
 * request, since a request ends at its first answer. Failed attempts, retries and cache hits are left out.
 */
public final class AnsweredCallReader {

    private static final String SQL = "SELECT request_id, ts_micros, key_id, customer, user_id, team, feature,"
            + " environment, prompt_version, requested_model, served_model, provider, endpoint, input_tokens,"
            + " cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost"
            + " FROM usage_events WHERE ts_micros >= ? AND ts_micros < ? AND status = 'ok' AND http_status = 200"
            + " AND endpoint <> 'embeddings' AND (provider IS NULL OR provider <> 'cache')";

    private final Database db;

    /** {@code db} must already be migrated. */
    public AnsweredCallReader(Database db) {
        this.db = db;
    }

    /** The answered calls that started in [{@code from}, {@code to}) whose request id is in {@code wanted}. */
    public Map<String, AnsweredCall> answered(Instant from, Instant to, Set<String> wanted) {
        Map<String, AnsweredCall> out = new HashMap<>();
        // Archived months too (RawScan): a replay of last quarter finds its calls in the Parquet files.
        RawScan.forEach(db, SQL, SpendReader.micros(from), SpendReader.micros(to), java.util.List.of(), (rs, dialect) -> {
            if (wanted.contains(rs.getString(1))) {
                AnsweredCall call = call(rs, dialect);
                out.put(call.requestId(), call);
            }
        });
        return out;
    }

    private static AnsweredCall call(ResultSet rs, Dialect dialect) throws SQLException {
        long micros = rs.getLong(2);
        Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        Attribution who = new Attribution(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9));
        Usage usage = new Usage(rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17), rs.getLong(18),
                rs.getLong(19));
        return new AnsweredCall(rs.getString(1), at, who, rs.getString(10), rs.getString(11), rs.getString(12),
                Endpoint.ofLabel(rs.getString(13)), usage, dialect.readMoney(rs, 20));
    }
}
