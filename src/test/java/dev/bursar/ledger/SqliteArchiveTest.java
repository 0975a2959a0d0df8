package dev.bursar.ledger;

import dev.bursar.storage.TestStorage;
import java.nio.file.Path;

class SqliteArchiveTest extends ArchiveContractTest {
    @Override
    protected TestStorage newStorage(Path dir) {
        return TestStorage.sqlite(dir);
    }
}
