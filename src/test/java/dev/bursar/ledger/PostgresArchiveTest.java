package dev.bursar.ledger;

import dev.bursar.storage.TestStorage;
import java.nio.file.Path;

/** Runs against the PostgreSQL server at 127.0.0.1:5432, in a random schema dropped after each test. */
class PostgresArchiveTest extends ArchiveContractTest {
    @Override
    protected TestStorage newStorage(Path dir) {
        return TestStorage.postgres();
    }
}
