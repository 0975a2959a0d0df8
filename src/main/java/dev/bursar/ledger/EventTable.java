package dev.bursar.ledger;

import dev.bursar.attribution.Attribution;
import dev.bursar.pricing.Usage;
import dev.bursar.storage.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;

/** The {@code usage_events} table: how an event becomes a row and back. */
final class EventTable {

    static final String COLUMNS = "event_id, request_id, ts_micros, key_id, customer, user_id, team, feature, environment,"
            + " prompt_version, requested_model, served_model, upstream_model, provider, endpoint, routing_reason,"
            + " cache_outcome, input_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens,"
            + " output_tokens, reasoning_tokens, cost, saved, failed_cost, price_version, cost_estimated,"
            + " latency_micros, ttft_micros, http_status, status, error_class, attempt, is_batch, is_stream,"
            + " raw_usage, requests, attempts, failed_attempts, fingerprint";
    static final String INSERT = "INSERT INTO usage_events (" + COLUMNS + ") VALUES ("
            + String.join(", ", Collections.nCopies(COLUMNS.split(",").length, "?")) + ")";

    private EventTable() {
    }

    static void bind(PreparedStatement ps, EncodedEvent ee, Dialect dialect) throws SQLException {
        UsageEvent e = ee.event();
        Attribution a = e.attribution();
        Usage u = e.usage();
        int i = 1;
        ps.setString(i++, e.eventId());
        ps.setString(i++, e.requestId());
        ps.setLong(i++, ee.timeMicros());
        for (String s : new String[] {a.keyId(), a.customer(), a.user(), a.team(), a.feature(), a.environment(),
                a.promptVersion(), e.requestedModel(), e.servedModel(), e.upstreamModel(), e.provider(), e.endpoint(),
                e.routingReason(), e.cacheOutcome()}) {
            setText(ps, i++, s);
        }
        for (long n : new long[] {u.inputTokens(), u.cachedInputTokens(), u.cacheWrite5mTokens(),
                u.cacheWrite1hTokens(), u.outputTokens(), u.reasoningTokens()}) {
            ps.setLong(i++, n);
        }
        dialect.bindMoney(ps, i++, ee.cost());
        dialect.bindMoney(ps, i++, ee.saved());
        dialect.bindMoney(ps, i++, ee.failedCost());
        setText(ps, i++, e.priceVersion());
        ps.setBoolean(i++, e.costEstimated());
        ps.setLong(i++, e.latencyMicros());
        ps.setLong(i++, e.ttftMicros());
        ps.setInt(i++, e.httpStatus());
        ps.setString(i++, e.status());
        setText(ps, i++, e.errorClass());
        ps.setInt(i++, e.attempt());
        ps.setBoolean(i++, e.batch());
        ps.setBoolean(i++, e.stream());
        setText(ps, i++, e.rawUsage());
        ps.setInt(i++, ee.requests());
        ps.setInt(i++, ee.attempts());
        ps.setInt(i++, ee.failedAttempts());
        setText(ps, i, e.fingerprint());
    }

    /** Reads the current row of a {@code SELECT COLUMNS FROM usage_events}. */
    static UsageEvent read(ResultSet rs, Dialect dialect) throws SQLException {
        long micros = rs.getLong("ts_micros");
        Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        Attribution a = new Attribution(rs.getString("key_id"), rs.getString("customer"), rs.getString("user_id"),
                rs.getString("team"), rs.getString("feature"), rs.getString("environment"), rs.getString("prompt_version"));
        Usage u = new Usage(rs.getLong("input_tokens"), rs.getLong("cached_input_tokens"), rs.getLong("cache_write_5m_tokens"),
                rs.getLong("cache_write_1h_tokens"), rs.getLong("output_tokens"), rs.getLong("reasoning_tokens"));
        return new UsageEvent(rs.getString("event_id"), rs.getString("request_id"), time, a,
                rs.getString("requested_model"), rs.getString("served_model"), rs.getString("upstream_model"),
                rs.getString("provider"), rs.getString("endpoint"), rs.getString("routing_reason"),
                rs.getString("cache_outcome"), u,
                dialect.readMoney(rs, rs.findColumn("cost")), dialect.readMoney(rs, rs.findColumn("saved")),
                rs.getString("price_version"), rs.getBoolean("cost_estimated"), rs.getLong("latency_micros"),
                rs.getLong("ttft_micros"), rs.getInt("http_status"), rs.getString("status"), rs.getString("error_class"),
                rs.getInt("attempt"), rs.getBoolean("is_batch"), rs.getBoolean("is_stream"), rs.getString("raw_usage"),
                rs.getString("fingerprint"));
    }

    private static void setText(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s);
        }
    }
}
