package dev.bursar.ledger;

import dev.bursar.storage.TestStorage;
import java.nio.file.Path;

class SqliteLedgerStatsTest extends LedgerStatsContractTest {
    @Override
    protected TestStorage newStorage(Path dir) {
        return TestStorage.sqlite(dir);
    }
}
