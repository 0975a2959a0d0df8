package dev.bursar.books;

import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The books' tables (V26): cost items, plans and customers made at run time, and imported revenue lines. */
final class BooksStore {

    private final Database db;
    private final Clock clock;

    BooksStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    List<CostItem> costs() {
        return db.read(c -> {
            List<CostItem> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, category, label, monthly_usd, once_usd,"
                    + " from_month, to_month, allocate FROM books_costs ORDER BY created_micros, name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CostItem(rs.getString(1), rs.getString(2), rs.getString(3), money(rs, 4), money(rs, 5),
                            CostItem.month(rs.getString(6), "from"), CostItem.month(rs.getString(7), "to"),
                            Allocation.parse(rs.getString(8)), false));
                }
            }
            return out;
        });
    }

    /** Inserts, or replaces the item of the same name. */
    void putCost(CostItem item) {
        db.transaction(c -> {
            delete(c, "books_costs", "name", item.name());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO books_costs (name, category, label, monthly_usd,"
                    + " once_usd, from_month, to_month, allocate, created_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, item.name());
                ps.setString(2, item.category());
                ps.setString(3, item.label());
                bindMoney(ps, 4, item.monthlyUsd());
                bindMoney(ps, 5, item.onceUsd());
                ps.setString(6, text(item.from()));
                ps.setString(7, text(item.to()));
                ps.setString(8, item.allocate().text());
                ps.setLong(9, nowMicros());
                ps.executeUpdate();
            }
            return null;
        });
    }

    List<Plan> plans() {
        return db.read(c -> {
            List<Plan> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, monthly_usd, per_seat_usd, included_requests,"
                    + " overage_usd, free_tier, target_margin_pct FROM books_plans ORDER BY created_micros, name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long included = rs.getLong(4);
                    Long inc = rs.wasNull() ? null : included;
                    String target = rs.getString(7);
                    out.add(new Plan(rs.getString(1), money(rs, 2), money(rs, 3), inc, money(rs, 5), rs.getBoolean(6),
                            target == null ? null : new BigDecimal(target), false));
                }
            }
            return out;
        });
    }

    void putPlan(Plan p) {
        db.transaction(c -> {
            delete(c, "books_plans", "name", p.name());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO books_plans (name, monthly_usd, per_seat_usd,"
                    + " included_requests, overage_usd, free_tier, target_margin_pct, created_micros)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, p.name());
                bindMoney(ps, 2, p.monthlyUsd());
                bindMoney(ps, 3, p.perSeatUsd());
                if (p.includedRequests() == null) {
                    ps.setNull(4, Types.BIGINT);
                } else {
                    ps.setLong(4, p.includedRequests());
                }
                bindMoney(ps, 5, p.overageUsd());
                ps.setBoolean(6, p.freeTier());
                ps.setString(7, p.targetMarginPct() == null ? null : p.targetMarginPct().toPlainString());
                ps.setLong(8, nowMicros());
                ps.executeUpdate();
            }
            return null;
        });
    }

    List<Customer> customers() {
        return db.read(c -> {
            List<Customer> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, plan, seats FROM books_customers ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Customer(rs.getString(1), rs.getString(2), rs.getInt(3), false));
                }
            }
            return out;
        });
    }

    void putCustomers(List<Customer> customers) {
        db.transaction(c -> {
            for (Customer cu : customers) {
                delete(c, "books_customers", "id", cu.id());
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO books_customers (id, plan, seats, created_micros) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, cu.id());
                    ps.setString(2, cu.plan());
                    ps.setInt(3, cu.seats());
                    ps.setLong(4, nowMicros());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Removes a row of {@code table} ("books_costs", ...) by its key; false if there was none. */
    boolean remove(String table, String keyColumn, String key) {
        return db.transaction(c -> delete(c, table, keyColumn, key) > 0);
    }

    List<RevenueLine> revenue(YearMonth first, YearMonth last) {
        return db.read(c -> {
            List<RevenueLine> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT customer, month, amount_usd, source, reference"
                    + " FROM books_revenue WHERE month >= ? AND month <= ? ORDER BY month, customer, reference")) {
                ps.setString(1, first.toString());
                ps.setString(2, last.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RevenueLine(rs.getString(1), YearMonth.parse(rs.getString(2)), money(rs, 3),
                                rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    /** Writes the lines in one transaction; a line with the same customer, month, source and reference is replaced. */
    void putRevenue(List<RevenueLine> lines) {
        db.transaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM books_revenue WHERE customer = ? AND month = ?"
                    + " AND source = ? AND reference = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO books_revenue (customer, month, amount_usd,"
                         + " source, reference, imported_micros) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (RevenueLine l : lines) {
                    String[] key = {l.customer(), l.month().toString(), l.source(), l.reference()};
                    for (int i = 0; i < key.length; i++) {
                        del.setString(i + 1, key[i]);
                        ins.setString(i + (i < 2 ? 1 : 2), key[i]);
                    }
                    del.executeUpdate();
                    bindMoney(ins, 3, l.amountUsd());
                    ins.setLong(6, nowMicros());
                    ins.executeUpdate();
                }
            }
            return null;
        });
    }

    private static int delete(Connection c, String table, String keyColumn, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + keyColumn + " = ?")) {
            ps.setString(1, key);
            return ps.executeUpdate();
        }
    }

    private BigDecimal money(ResultSet rs, int column) throws SQLException {
        if (rs.getObject(column) == null) {
            return null;
        }
        BigDecimal v = db.dialect().readMoney(rs, column).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    private void bindMoney(PreparedStatement ps, int index, BigDecimal usd) throws SQLException {
        if (usd == null) {
            ps.setNull(index, db.dialect() == Dialect.SQLITE ? Types.BIGINT : Types.NUMERIC);
        } else {
            db.dialect().bindMoney(ps, index, usd);
        }
    }

    private long nowMicros() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static String text(YearMonth m) {
        return m == null ? null : m.toString();
    }
}
