package dev.bursar.reconcile;

import dev.bursar.storage.TestStorage;
import java.nio.file.Path;

/** The schedule, the lease and the stored lines on PostgreSQL (127.0.0.1:5432), in a random schema dropped after. */
class PostgresScheduledReconcilerTest extends ScheduledReconcilerTest {
    @Override
    protected TestStorage newStorage(Path dir) {
        return TestStorage.postgres();
    }
}
