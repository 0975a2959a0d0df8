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
            + " raw_usage, requests, attempts, failed_attempts, fingerprint, prefix_hash, prefix_tokens,"
            + " system_hash, system_tokens, conversation_tokens, last_user_tokens";
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
        UsageEvent.Models m = e.models();
        UsageEvent.Call call = e.call();
        for (String s : new String[] {a.keyId(), a.customer(), a.user(), a.team(), a.feature(), a.environment(),
                a.promptVersion(), m.requested(), m.served(), m.upstream(), m.provider(), label(call.endpoint()),
                m.routingReason(), call.cacheOutcome()}) {
            setText(ps, i++, s);
        }
        for (long n : new long[] {u.inputTokens(), u.cachedInputTokens(), u.cacheWrite5mTokens(),
                u.cacheWrite1hTokens(), u.outputTokens(), u.reasoningTokens()}) {
            ps.setLong(i++, n);
        }
        dialect.bindMoney(ps, i++, ee.cost());
        dialect.bindMoney(ps, i++, ee.saved());
        dialect.bindMoney(ps, i++, ee.failedCost());
        setText(ps, i++, e.charge().priceVersion());
        ps.setBoolean(i++, e.charge().estimated());
        UsageEvent.Outcome o = e.outcome();
        ps.setLong(i++, o.latencyMicros());
        ps.setLong(i++, o.ttftMicros());
        ps.setInt(i++, o.httpStatus());
        ps.setString(i++, o.status().label());
        setText(ps, i++, o.errorClass());
        ps.setInt(i++, call.attempt());
        ps.setBoolean(i++, call.batch());
        ps.setBoolean(i++, call.stream());
        setText(ps, i++, e.charge().rawUsage());
        ps.setInt(i++, ee.requests());
        ps.setInt(i++, ee.attempts());
        ps.setInt(i++, ee.failedAttempts());
        setText(ps, i++, call.fingerprint());
        PromptPrefix prefix = call.prefix();
        setText(ps, i++, prefix == null ? null : prefix.hash());
        if (prefix == null || prefix.tokens().isEmpty()) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setInt(i++, prefix.tokens().getAsInt());
        }
        bindParts(ps, i, call.parts());
    }

    private static void bindParts(PreparedStatement ps, int i, PromptParts parts) throws SQLException {
        setText(ps, i, parts == null ? null : parts.systemHash());
        if (parts == null) {
            for (int k = 1; k <= 3; k++) {
                ps.setNull(i + k, Types.INTEGER);
            }
            return;
        }
        ps.setInt(i + 1, parts.systemTokens());
        ps.setInt(i + 2, parts.conversationTokens());
        ps.setInt(i + 3, parts.lastUserTokens());
    }

    /** Reads the current row of a {@code SELECT COLUMNS FROM usage_events}. */
    static UsageEvent read(ResultSet rs, Dialect dialect) throws SQLException {
        long micros = rs.getLong("ts_micros");
        Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        Attribution a = new Attribution(rs.getString("key_id"), rs.getString("customer"), rs.getString("user_id"),
                rs.getString("team"), rs.getString("feature"), rs.getString("environment"), rs.getString("prompt_version"));
        Usage u = new Usage(rs.getLong("input_tokens"), rs.getLong("cached_input_tokens"), rs.getLong("cache_write_5m_tokens"),
                rs.getLong("cache_write_1h_tokens"), rs.getLong("output_tokens"), rs.getLong("reasoning_tokens"));
        var models = new UsageEvent.Models(rs.getString("requested_model"), rs.getString("served_model"),
                rs.getString("upstream_model"), rs.getString("provider"), rs.getString("routing_reason"));
        String endpoint = rs.getString("endpoint");
        var call = new UsageEvent.Call(endpoint == null ? null : Endpoint.ofLabel(endpoint), rs.getBoolean("is_stream"),
                rs.getBoolean("is_batch"), rs.getInt("attempt"), rs.getString("cache_outcome"), rs.getString("fingerprint"), prefix(rs), parts(rs));
        var charge = new UsageEvent.Charge(dialect.readMoney(rs, rs.findColumn("cost")),
                dialect.readMoney(rs, rs.findColumn("saved")), rs.getString("price_version"),
                rs.getBoolean("cost_estimated"), rs.getString("raw_usage"));
        var outcome = new UsageEvent.Outcome(rs.getInt("http_status"), AttemptStatus.ofLabel(rs.getString("status")),
                rs.getString("error_class"), rs.getLong("latency_micros"), rs.getLong("ttft_micros"));
        return new UsageEvent(rs.getString("event_id"), rs.getString("request_id"), time, a, models, call, u, charge, outcome);
    }

    /** The prompt prefix columns, or null when the row has none. */
    static PromptPrefix prefix(ResultSet rs) throws SQLException {
        String hash = rs.getString("prefix_hash");
        int tokens = rs.getInt("prefix_tokens");
        boolean counted = !rs.wasNull();
        if (hash == null) {
            return null;
        }
        return counted ? new PromptPrefix(hash, tokens) : PromptPrefix.uncounted(hash);
    }

    /** The prompt parts columns, or null when the row has none. */
    static PromptParts parts(ResultSet rs) throws SQLException {
        int system = rs.getInt("system_tokens");
        if (rs.wasNull()) {
            return null;
        }
        return new PromptParts(rs.getString("system_hash"), system, rs.getInt("conversation_tokens"),
                rs.getInt("last_user_tokens"));
    }

    private static String label(Endpoint endpoint) {
        return endpoint == null ? null : endpoint.label();
    }

    private static void setText(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s);
        }
    }
}
