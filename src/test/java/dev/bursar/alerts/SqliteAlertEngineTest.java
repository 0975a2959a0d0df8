package dev.bursar.alerts;

import dev.bursar.storage.TestStorage;
import java.nio.file.Path;

class SqliteAlertEngineTest extends AlertEngineContractTest {
    @Override
    protected TestStorage newStorage(Path dir) {
        return TestStorage.sqlite(dir);
    }
}
