package dev.bursar.storage;

import dev.bursar.config.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;

/**
 * Connections to the configured database, with a small pool of idle ones and at most {@link #MAX_IN_USE} lent out at
 * once (a burst of reports or budget look-ups waits for a connection rather than exhaust the server's, which the
 * gateway's other replicas share). Every connection is set up the same way:
 * SQLite in WAL mode with a busy timeout, PostgreSQL with its {@code search_path} on the configured schema.
 *
 * <p>SQLite runs with {@code synchronous=NORMAL}: in WAL mode a commit is then durable against a killed process
 * (the WAL sits in the OS page cache), but the last commits can be lost if the machine loses power. Set the system
 * property {@code bursar.sqlite.synchronous=FULL} (or pass it to {@link #sqlite}) to fsync every commit and survive
 * power loss too, at the price of one fsync per group commit.
 */
public final class Database implements AutoCloseable {

    public static final String SYNCHRONOUS_PROPERTY = "bursar.sqlite.synchronous";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final int MAX_IDLE = 8;
    /** Pooled connections lent out at once; the ledger writer's own connection comes on top. */
    static final int MAX_IN_USE = 16;
    private static final long BORROW_WAIT_SECONDS = 30;
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private final Dialect dialect;
    private final String url;
    private final String schema;
    private final String synchronous;
    private final String description;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final java.util.concurrent.Semaphore lendable = new java.util.concurrent.Semaphore(MAX_IN_USE, true);
    private volatile boolean closed;
    /** SQLite only: checkpoints the WAL off the commit path. */
    private WalCheckpointer checkpointer;
    private static final java.time.Duration CHECKPOINT_EVERY =
            java.time.Duration.ofMillis(Long.getLong("bursar.sqlite.checkpoint-ms", 200));

    private Database(Dialect dialect, String url, String schema, String synchronous, String description) {
        this.dialect = dialect;
        this.url = url;
        this.schema = schema;
        this.synchronous = synchronous;
        this.description = description;
    }

    public static Database open(StorageConfig config) {
        if (config.isPostgres()) {
            return postgres(config.postgres(), config.postgresSchema());
        }
        String file = config.sqlite() == null ? StorageConfig.DEFAULT_SQLITE : config.sqlite();
        return sqlite(Path.of(file), System.getProperty(SYNCHRONOUS_PROPERTY, "NORMAL"));
    }

    /** Opens (creating its folder if missing) the SQLite file; {@code synchronous} is NORMAL or FULL. */
    public static Database sqlite(Path file, String synchronous) {
        String sync = synchronous.trim().toUpperCase();
        if (!sync.equals("NORMAL") && !sync.equals("FULL")) {
            throw new StorageException(SYNCHRONOUS_PROPERTY + " must be NORMAL or FULL, got '" + synchronous + "'");
        }
        Path abs = file.toAbsolutePath();
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
        } catch (IOException e) {
            throw new StorageException("cannot create the folder for the SQLite ledger " + abs + ": " + e.getMessage(), e);
        }
        Database db = new Database(Dialect.SQLITE, "jdbc:sqlite:" + abs, null, sync, "sqlite " + abs);
        db.keep(db.connect());
        db.checkpointer = new WalCheckpointer(db::connect, CHECKPOINT_EVERY, db.description);
        return db;
    }

    /** Connects to PostgreSQL and creates {@code schema} (default {@code public}) if missing. */
    public static Database postgres(String jdbcUrl, String schema) {
        String s = schema == null || schema.isBlank() ? "public" : schema;
        if (!SCHEMA_NAME.matcher(s).matches()) {
            throw new StorageException("storage.postgres-schema '" + s + "' is not a plain identifier (letters, digits, _)");
        }
        Database db = new Database(Dialect.POSTGRES, jdbcUrl, s, null, "postgres " + redact(jdbcUrl) + " schema " + s);
        Connection c = db.connect();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + s);
        } catch (SQLException e) {
            quietClose(c);
            throw new StorageException("cannot create schema " + s + " in " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        db.keep(c);
        return db;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String describe() {
        return description;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    public <T> T read(SqlFunction<T> work) {
        Connection c = borrow();
        try {
            T result = work.apply(c);
            release(c);
            return result;
        } catch (SQLException e) {
            discard(c);
            throw new StorageException("database error on " + description + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T transaction(SqlFunction<T> work) {
        Connection c = borrow();
        try {
            c.setAutoCommit(false);
            T result = work.apply(c);
            c.commit();
            c.setAutoCommit(true);
            release(c);
            return result;
        } catch (SQLException | RuntimeException e) {
            discard(c);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new StorageException("database error on " + description + ": " + e.getMessage(), e);
        }
    }

    /** A fresh connection that the caller owns (the ledger's writer keeps one for its whole life). */
    public Connection connect() {
        if (closed) {
            throw new StorageException(description + " is closed");
        }
        try {
            return switch (dialect) {
                case SQLITE -> sqliteConfig().createConnection(url);
                case POSTGRES -> {
                    Connection c = DriverManager.getConnection(url, new Properties());
                    try (Statement st = c.createStatement()) {
                        st.execute("SET search_path TO " + schema);
                    }
                    yield c;
                }
            };
        } catch (SQLException e) {
            throw new StorageException("cannot open " + description + ": " + e.getMessage()
                    + (dialect == Dialect.POSTGRES ? " (check storage.postgres: the JDBC URL, user and that the server runs)"
                    : " (check storage.sqlite: the path must be writable)"), e);
        }
    }

    private SQLiteConfig sqliteConfig() {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous));
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        // Reports scan roll-up tables; memory-mapped reads and a 64 MiB page cache keep a month-long report fast.
        cfg.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(1L << 30));
        cfg.setCacheSize(-65_536);
        // Checkpoints (which copy the log and fsync) run on their own thread (WalCheckpointer); a commit runs one itself
        // only as a backstop, when the log has grown past ~400 MiB because readers kept the checkpointer from finishing.
        cfg.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, System.getProperty("bursar.sqlite.walpages", "100000"));
        // Writers take the lock when the transaction begins, so two writers never deadlock upgrading a read lock.
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return cfg;
    }

    private Connection borrow() {
        try {
            if (!lendable.tryAcquire(BORROW_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new StorageException("all " + MAX_IN_USE + " connections to " + description + " stayed busy for "
                        + BORROW_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for a connection to " + description);
        }
        try {
            Connection c = idle.pollFirst();
            return c != null ? c : connect();
        } catch (RuntimeException e) {
            lendable.release();
            throw e;
        }
    }

    private void release(Connection c) {
        lendable.release();
        keep(c);
    }

    /** Parks a connection for the next borrower, or closes it when enough are parked. */
    private void keep(Connection c) {
        if (closed || idle.size() >= MAX_IDLE) {
            quietClose(c);
        } else {
            idle.addFirst(c);
        }
    }

    private void discard(Connection c) {
        lendable.release();
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is closed below anyway
        }
        quietClose(c);
    }

    static void quietClose(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection has nothing left to report
        }
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            quietClose(c);
        }
    }
}
