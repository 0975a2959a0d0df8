package dev.bursar;

import dev.bursar.auth.KeyStore;
import dev.bursar.auth.SqlKeyStore;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.LedgerStats;
import dev.bursar.ledger.SqlLedger;
import dev.bursar.storage.Database;
import dev.bursar.storage.Migrator;

/**
 * The durable side of Bursar, opened from the {@code storage} config: SQLite (WAL) under {@code ./bursar-data/} by
 * default, or PostgreSQL. Opening connects and migrates the database, then builds the ledger and the key store on it.
 * It is wired here, not in {@code storage}, so that the database package knows nothing of the features keeping their
 * tables in it (ledger, keys, budgets, alerts).
 *
 * @param database the database itself, for features that keep their own tables beside the ledger (budgets, alerts)
 */
public record Stores(Database database, Ledger ledger, KeyStore keys) implements AutoCloseable {

    /** Opens (creating and migrating as needed) the configured storage. */
    public static Stores open(StorageConfig config) {
        Database db = Database.open(config);
        try {
            Migrator.migrate(db);
            return new Stores(db, new SqlLedger(db), new SqlKeyStore(db));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Windowed queries over the ledger (what the alert rules read). */
    public LedgerStats ledgerStats() {
        return new LedgerStats(database);
    }

    /** "sqlite" or "postgres" and where, for start-up messages. */
    public String describe() {
        return database.describe();
    }

    /** Drains the ledger's queued appends, then closes the database. */
    @Override
    public void close() {
        try {
            ledger.close();
        } finally {
            database.close();
        }
    }
}
