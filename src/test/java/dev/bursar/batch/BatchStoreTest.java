package dev.bursar.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.storage.Database;
import dev.bursar.storage.Migrator;
import dev.bursar.testing.TempDirs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batches table: what the runner asks of it, and the lease that lets exactly one replica run a batch. */
class BatchStoreTest {

    @Test
    void an_unfinished_batch_is_leased_by_one_replica_until_its_lease_runs_out() {
        Path dir = TempDirs.create("batch-store");
        try (Database db = Database.sqlite(dir.resolve("b.db"), "NORMAL")) {
            Migrator.migrate(db);
            BatchStore store = new BatchStore(db);
            store.insert(new BatchRecord("batch_1", BatchStatus.VALIDATING, "/v1/chat/completions", "file-1", "24h", null,
                    "{}", new BatchRecord.Times(1, 2, 0, 0, 0, 0, 0, 0, 0), null, null, null, BatchRecord.Counts.of(3)));

            assertThat(store.unfinished()).containsExactly("batch_1");
            assertThat(store.lease("batch_1", "a", 1_000, 2_000)).isTrue();
            assertThat(store.lease("batch_1", "b", 1_500, 2_500)).as("a holds it").isFalse();
            assertThat(store.lease("batch_1", "a", 1_600, 2_600)).as("a renews").isTrue();
            assertThat(store.lease("batch_1", "b", 2_700, 3_700)).as("a's lease ran out").isTrue();
            assertThat(store.move("batch_1", List.of(BatchStatus.VALIDATING), BatchStatus.IN_PROGRESS, "in_progress_at", 5))
                    .isTrue();
            assertThat(store.find("batch_1").orElseThrow().status()).isEqualTo(BatchStatus.IN_PROGRESS);
        } finally {
            TempDirs.delete(dir);
        }
    }
}
