package dev.bursar.storage;

import dev.bursar.auth.KeyStore;
import dev.bursar.auth.SqlKeyStore;
import dev.bursar.config.StorageConfig;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.SqlLedger;

/** Opens the configured storage: connects, migrates, and builds the ledger and key store on it. */
public final class Storages {
    private Storages() {
    }

    /** Opens (creating and migrating as needed) the configured storage. */
    public static Storage open(StorageConfig config) {
        Database db = Database.open(config);
        try {
            Migrator.migrate(db);
            return new SqlStorage(db, new SqlLedger(db), new SqlKeyStore(db));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private record SqlStorage(Database db, Ledger ledger, KeyStore keys) implements Storage {
        @Override
        public Database database() {
            return db;
        }

        @Override
        public String describe() {
            return db.describe();
        }

        @Override
        public void close() {
            try {
                ledger.close();
            } finally {
                db.close();
            }
        }
    }
}
