package dev.bursar.ledger;

import dev.bursar.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers {@link LatestQuery}: walks the time index backwards from {@code before}, so the newest page of a
 * 10-million-row ledger costs as much as the newest page of a small one (a rare filter value walks further).
 */
final class LatestReader {

    private final Database db;

    LatestReader(Database db) {
        this.db = db;
    }

    List<UsageEvent> latest(LatestQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + EventTable.COLUMNS + " FROM usage_events WHERE ts_micros < ?");
        List<String> args = new ArrayList<>();
        filter(sql, args, "customer", q.customer());
        filter(sql, args, "feature", q.feature());
        filter(sql, args, "served_model", q.model());
        filter(sql, args, "status", q.status().map(AttemptStatus::label));
        sql.append(" ORDER BY ts_micros DESC, event_id DESC LIMIT ").append(q.limit());
        return db.read(c -> {
            List<UsageEvent> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setLong(1, SpendReader.micros(q.before()));
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 2, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(EventTable.read(rs, db.dialect()));
                    }
                }
            }
            return rows;
        });
    }

    /** Tags read "(unattributed)" in reports when missing; that name finds the rows without the tag. */
    private static void filter(StringBuilder sql, List<String> args, String column, Optional<String> value) {
        if (value.isEmpty()) {
            return;
        }
        if (value.get().equals(SpendRow.UNATTRIBUTED)) {
            sql.append(" AND (").append(column).append(" IS NULL OR ").append(column).append(" = '')");
            return;
        }
        sql.append(" AND ").append(column).append(" = ?");
        args.add(value.get());
    }
}
