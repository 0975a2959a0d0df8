package dev.bursar.batch;

import dev.bursar.storage.Database;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code batches} table: rows, lifecycle moves and the lease that lets exactly one replica run a batch. */
public final class BatchStore {

    private static final String COLUMNS = "id, status, endpoint, input_file_id, completion_window, metadata, owner,"
            + " created_at, expires_at, in_progress_at, finalizing_at, completed_at, failed_at, expired_at, cancelling_at,"
            + " cancelled_at, output_file_id, error_file_id, errors, total, completed, failed, input_tokens, output_tokens,"
            + " cost_usd, saved_usd";

    private final Database db;

    public BatchStore(Database db) {
        this.db = db;
    }

    void insert(BatchRecord b) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO batches (" + COLUMNS + ", key_id) VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(27, "?")) + ")")) {
                BatchRecord.Times t = b.times();
                BatchRecord.Counts n = b.counts();
                int i = 1;
                ps.setString(i++, b.id());
                ps.setString(i++, b.status().label());
                ps.setString(i++, b.endpoint());
                ps.setString(i++, b.inputFileId());
                ps.setString(i++, b.completionWindow());
                ps.setString(i++, b.metadata());
                ps.setString(i++, b.owner());
                for (long v : new long[] {t.createdAt(), t.expiresAt(), t.inProgressAt(), t.finalizingAt(), t.completedAt(),
                        t.failedAt(), t.expiredAt(), t.cancellingAt(), t.cancelledAt()}) {
                    ps.setLong(i++, v);
                }
                ps.setString(i++, b.outputFileId());
                ps.setString(i++, b.errorFileId());
                ps.setString(i++, b.errors());
                ps.setInt(i++, n.total());
                ps.setInt(i++, n.completed());
                ps.setInt(i++, n.failed());
                ps.setLong(i++, n.inputTokens());
                ps.setLong(i++, n.outputTokens());
                ps.setString(i++, n.costUsd().toPlainString());
                ps.setString(i++, n.savedUsd().toPlainString());
                ps.setString(i, Owners.fromJson(b.owner()).keyId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<BatchRecord> find(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM batches WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<BatchRecord>empty();
                }
            }
        });
    }

    /**
     * Newest first (ids begin with their creation time); {@code after} is the id of the last batch of the previous
     * page (OpenAI's cursor), or null; {@code keyId} limits the list to one key's batches (null: all).
     */
    public List<BatchRecord> list(String after, int limit, String keyId) {
        return db.read(c -> {
            String sql = "SELECT " + COLUMNS + " FROM batches WHERE 1 = 1"
                    + (after == null ? "" : " AND id < ?") + (keyId == null ? "" : " AND key_id = ?")
                    + " ORDER BY id DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (after != null) {
                    ps.setString(i++, after);
                }
                if (keyId != null) {
                    ps.setString(i++, keyId);
                }
                ps.setInt(i, limit);
                List<BatchRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Batches some runner still has to work on, oldest first. */
    List<String> unfinished() {
        return db.read(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM batches WHERE status IN"
                    + " ('validating', 'in_progress', 'finalizing', 'cancelling') ORDER BY created_at, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    /**
     * Takes or renews the lease on a batch: succeeds when nobody holds it, its holder let it run out, or {@code owner}
     * holds it already. One UPDATE, so two replicas racing for the same batch cannot both win.
     */
    boolean lease(String id, String owner, long nowMs, long untilMs) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET lease_owner = ?, lease_until_ms = ?"
                    + " WHERE id = ? AND (lease_owner IS NULL OR lease_until_ms < ? OR lease_owner = ?)")) {
                ps.setString(1, owner);
                ps.setLong(2, untilMs);
                ps.setString(3, id);
                ps.setLong(4, nowMs);
                ps.setString(5, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Lets go of a lease (the batch is done, or this replica stops). */
    void release(String id, String owner) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET lease_owner = NULL, lease_until_ms = 0"
                    + " WHERE id = ? AND lease_owner = ?")) {
                ps.setString(1, id);
                ps.setString(2, owner);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Asks a running batch to stop (the CLI's {@code bursar batches cancel}): the replica running it sees
     * {@code cancelling} at its next lease renewal. False when the batch is not validating or in progress.
     */
    public boolean requestCancel(String id, long epochSeconds) {
        return move(id, List.of(BatchStatus.VALIDATING, BatchStatus.IN_PROGRESS), BatchStatus.CANCELLING, "cancelling_at",
                epochSeconds);
    }

    /** Moves a batch to {@code to} and stamps {@code timeColumn}, only from one of {@code from}; false when it was not there. */
    boolean move(String id, List<BatchStatus> from, BatchStatus to, String timeColumn, long at) {
        return db.read(c -> {
            String in = String.join(", ", java.util.Collections.nCopies(from.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET status = ?, " + timeColumn + " = ?"
                    + " WHERE id = ? AND status IN (" + in + ")")) {
                int i = 1;
                ps.setString(i++, to.label());
                ps.setLong(i++, at);
                ps.setString(i++, id);
                for (BatchStatus s : from) {
                    ps.setString(i++, s.label());
                }
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Writes the running totals. */
    void counts(String id, BatchRecord.Counts n) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET total = ?, completed = ?, failed = ?,"
                    + " input_tokens = ?, output_tokens = ?, cost_usd = ?, saved_usd = ? WHERE id = ?")) {
                ps.setInt(1, n.total());
                ps.setInt(2, n.completed());
                ps.setInt(3, n.failed());
                ps.setLong(4, n.inputTokens());
                ps.setLong(5, n.outputTokens());
                ps.setString(6, n.costUsd().toPlainString());
                ps.setString(7, n.savedUsd().toPlainString());
                ps.setString(8, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Records the output and error files (either may be null). */
    void files(String id, String outputFileId, String errorFileId) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET output_file_id = ?, error_file_id = ?"
                    + " WHERE id = ?")) {
                ps.setString(1, outputFileId);
                ps.setString(2, errorFileId);
                ps.setString(3, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static BatchRecord row(ResultSet rs) throws SQLException {
        BatchRecord.Times t = new BatchRecord.Times(rs.getLong("created_at"), rs.getLong("expires_at"),
                rs.getLong("in_progress_at"), rs.getLong("finalizing_at"), rs.getLong("completed_at"),
                rs.getLong("failed_at"), rs.getLong("expired_at"), rs.getLong("cancelling_at"), rs.getLong("cancelled_at"));
        BatchRecord.Counts n = new BatchRecord.Counts(rs.getInt("total"), rs.getInt("completed"), rs.getInt("failed"),
                rs.getLong("input_tokens"), rs.getLong("output_tokens"), new BigDecimal(rs.getString("cost_usd")),
                new BigDecimal(rs.getString("saved_usd")));
        return new BatchRecord(rs.getString("id"), BatchStatus.of(rs.getString("status")), rs.getString("endpoint"),
                rs.getString("input_file_id"), rs.getString("completion_window"), rs.getString("metadata"),
                rs.getString("owner"), t, rs.getString("output_file_id"), rs.getString("error_file_id"),
                rs.getString("errors"), n);
    }

}
