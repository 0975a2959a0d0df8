package dev.bursar.budgets;

import dev.bursar.config.BudgetConfig;
import dev.bursar.storage.Database;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Budgets in the {@code budgets} table (migration 20) of the ledger's database, SQLite or PostgreSQL. */
public final class SqlBudgetStore implements BudgetStore {

    private static final String COLUMNS = "name, scope, match_value, window_spec, time_zone, limit_usd, alert_at, enforce,"
            + " on_store_down";

    private final Database db;
    private final Clock clock;

    public SqlBudgetStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public SqlBudgetStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void set(BudgetConfig b) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO budgets (" + COLUMNS + ", updated_micros)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET scope = excluded.scope,"
                    + " match_value = excluded.match_value, window_spec = excluded.window_spec,"
                    + " time_zone = excluded.time_zone, limit_usd = excluded.limit_usd, alert_at = excluded.alert_at,"
                    + " enforce = excluded.enforce, on_store_down = excluded.on_store_down,"
                    + " updated_micros = excluded.updated_micros")) {
                ps.setString(1, b.name());
                ps.setString(2, b.scope());
                ps.setString(3, b.match());
                ps.setString(4, b.window());
                ps.setString(5, b.timeZone());
                ps.setString(6, b.limitUsd().toPlainString());
                ps.setString(7, b.alertAt().stream().map(BigDecimal::toPlainString).collect(Collectors.joining(",")));
                ps.setString(8, b.enforce());
                ps.setString(9, b.onStoreDown());
                Instant now = clock.instant();
                ps.setLong(10, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<BudgetConfig> list() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM budgets ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                List<BudgetConfig> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    @Override
    public Optional<BudgetConfig> find(String name) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM budgets WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean remove(String name) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM budgets WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static BudgetConfig read(ResultSet rs) throws SQLException {
        String alerts = rs.getString("alert_at");
        List<BigDecimal> alertAt = alerts.isEmpty() ? List.of() : Arrays.stream(alerts.split(",")).map(BigDecimal::new).toList();
        return new BudgetConfig(rs.getString("name"), rs.getString("scope"), rs.getString("match_value"),
                rs.getString("window_spec"), rs.getString("time_zone"), new BigDecimal(rs.getString("limit_usd")), alertAt,
                rs.getString("enforce"), rs.getString("on_store_down"));
    }
}
