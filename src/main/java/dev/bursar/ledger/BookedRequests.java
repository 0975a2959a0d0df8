package dev.bursar.ledger;

import dev.bursar.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which requests already have an answered row (status ok) in the ledger: what a resumed batch asks before running a
 * line again, so a line whose answer was booked before the process died is never bought or booked twice.
 */
public final class BookedRequests {

    private static final int CHUNK = 200;

    private final Database db;

    /** {@code db} must already be migrated. */
    public BookedRequests(Database db) {
        this.db = db;
    }

    /** The ids among {@code requestIds} that have a row with status ok. */
    public Set<String> answered(Collection<String> requestIds) {
        List<String> ids = List.copyOf(requestIds);
        Set<String> out = new HashSet<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String sql = "SELECT DISTINCT request_id FROM usage_events WHERE status = 'ok' AND request_id IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
            db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }
}
