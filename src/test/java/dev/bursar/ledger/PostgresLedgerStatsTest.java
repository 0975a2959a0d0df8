package dev.bursar.ledger;

import dev.bursar.storage.TestStorage;
import java.nio.file.Path;

class PostgresLedgerStatsTest extends LedgerStatsContractTest {
    @Override
    protected TestStorage newStorage(Path dir) {
        return TestStorage.postgres();
    }
}
