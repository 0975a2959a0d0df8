package dev.bursar.storage;

import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What differs between the two databases: migration folder and how money is stored. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRES("postgres");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }

    public void bindMoney(PreparedStatement ps, int index, BigDecimal usd) throws SQLException {
        switch (this) {
            case SQLITE -> ps.setLong(index, Money.toPicos(usd, "amount"));
            case POSTGRES -> ps.setBigDecimal(index, Money.exact(usd, "amount"));
        }
    }

    /** Reads a stored amount or a SUM of them; NULL (an empty SUM) reads as zero. */
    public BigDecimal readMoney(ResultSet rs, int column) throws SQLException {
        return switch (this) {
            case SQLITE -> Money.fromPicos(rs.getLong(column));
            case POSTGRES -> {
                BigDecimal v = rs.getBigDecimal(column);
                yield v == null ? Money.ZERO : v.setScale(Money.SCALE);
            }
        };
    }
}
