package dev.bursar.ledger;

import dev.bursar.storage.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The archives' file format: Apache Parquet written and read by an in-memory DuckDB (its Parquet reader and writer
 * are built into the driver, nothing is downloaded). The columns are the {@code usage_events} columns with their
 * PostgreSQL types (money DECIMAL(38,12), flags BOOLEAN), plus a {@code time} TIMESTAMP WITH TIME ZONE for tools that
 * want a real time column, so a data tool reads the files without Bursar and {@link EventTable#read} reads them back.
 */
public final class Parquet {

    /** Kinds of the ledger's columns, in {@link EventTable#COLUMNS} order. */
    enum Kind { TEXT, BIGINT, INT, MONEY, BOOL }

    static final List<String> COLUMN_NAMES = List.of(EventTable.COLUMNS.split(",\\s*"));
    private static final List<Kind> KINDS = COLUMN_NAMES.stream().map(Parquet::kind).toList();

    private Parquet() {
    }

    private static Kind kind(String column) {
        return switch (column) {
            case "ts_micros", "input_tokens", "cached_input_tokens", "cache_write_5m_tokens", "cache_write_1h_tokens",
                 "output_tokens", "reasoning_tokens", "latency_micros", "ttft_micros" -> Kind.BIGINT;
            case "http_status", "attempt", "requests", "attempts", "failed_attempts", "prefix_tokens", "system_tokens",
                 "conversation_tokens", "last_user_tokens" -> Kind.INT;
            case "cost", "saved", "failed_cost" -> Kind.MONEY;
            case "cost_estimated", "is_batch", "is_stream" -> Kind.BOOL;
            default -> Kind.TEXT;
        };
    }

    /** A fresh in-memory DuckDB on one thread, so archiving takes one core from the gateway at most. */
    public static Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = c.createStatement()) {
            st.execute("SET threads = 1");
            st.execute("SET TimeZone = 'UTC'");
        }
        return c;
    }

    /** Creates the staging table {@code name} with the archive's columns. */
    public static void createTable(Connection duck, String name) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(name).append(" (");
        for (int i = 0; i < COLUMN_NAMES.size(); i++) {
            ddl.append(i == 0 ? "" : ", ").append(COLUMN_NAMES.get(i)).append(' ').append(switch (KINDS.get(i)) {
                case TEXT -> "VARCHAR";
                case BIGINT -> "BIGINT";
                case INT -> "INTEGER";
                case MONEY -> "DECIMAL(38,12)";
                case BOOL -> "BOOLEAN";
            });
        }
        try (Statement st = duck.createStatement()) {
            st.execute(ddl.append(')').toString());
        }
    }

    public static DuckDBAppender appender(Connection duck, String table) throws SQLException {
        return duck.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    /**
     * Appends the current row of a {@code SELECT COLUMNS FROM usage_events} as one staging row, column by column (no
     * round trip through {@link UsageEvent}). Returns the row's cost, for the totals the file is checked against.
     */
    static BigDecimal copy(ResultSet live, Dialect dialect, DuckDBAppender out) throws SQLException {
        BigDecimal cost = null;
        out.beginRow();
        for (int i = 0; i < KINDS.size(); i++) {
            int col = i + 1;
            switch (KINDS.get(i)) {
                case TEXT -> {
                    String v = live.getString(col);
                    if (v == null) {
                        out.appendNull();
                    } else {
                        out.append(v);
                    }
                }
                case BIGINT -> out.append(live.getLong(col));
                case INT -> {
                    int v = live.getInt(col);
                    if (live.wasNull()) {
                        out.appendNull();
                    } else {
                        out.append(v);
                    }
                }
                case MONEY -> {
                    BigDecimal v = dialect.readMoney(live, col);
                    if (cost == null) {
                        cost = v; // cost is the first money column
                    }
                    out.append(v);
                }
                case BOOL -> out.append(live.getBoolean(col));
            }
        }
        out.endRow();
        return cost;
    }

    /** Writes the staging table to a ZSTD-compressed Parquet file, rows in time order, with a {@code time} column. */
    public static void write(Connection duck, String table, String file) throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute("COPY (SELECT make_timestamptz(ts_micros) AS \"time\", * FROM " + table
                    + " ORDER BY ts_micros, event_id) TO " + literal(file)
                    + " (FORMAT PARQUET, COMPRESSION ZSTD, ROW_GROUP_SIZE 122880)");
        }
    }

    /** Row count and cost sum of files, read back from the files themselves. */
    public record Totals(long rows, BigDecimal cost) {
    }

    public static Totals totals(Connection duck, List<String> files) throws SQLException {
        try (Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(cost) FROM " + source(files))) {
            rs.next();
            return new Totals(rs.getLong(1), Dialect.POSTGRES.readMoney(rs, 2));
        }
    }

    /** {@code read_parquet([...])} over the given files. */
    static String source(List<String> files) {
        return "read_parquet([" + files.stream().map(Parquet::literal).collect(Collectors.joining(", ")) + "])";
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
