package dev.bursar.storage;

import dev.bursar.auth.KeyStore;
import dev.bursar.ledger.Ledger;

/**
 * The durable side of Bursar, opened from the {@code storage} config: SQLite (WAL) under {@code ./bursar-data/} by
 * default, or PostgreSQL. Opening runs the schema migrations.
 */
public interface Storage extends AutoCloseable {

    Ledger ledger();

    KeyStore keys();

    /** The database itself, for features that keep their own tables beside the ledger (budgets, alerts). */
    Database database();

    /** "sqlite" or "postgres" and where, for start-up messages. */
    String describe();

    @Override
    void close();
}
