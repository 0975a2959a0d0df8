package dev.bursar.storage;

import dev.bursar.config.StorageConfig;

/** PLACEHOLDER: the ledger helper replaces this file. Public API below is the contract. */
public final class Storages {
    private Storages() {
    }

    /** Opens (creating and migrating as needed) the configured storage. */
    public static Storage open(StorageConfig config) {
        throw new UnsupportedOperationException();
    }
}
