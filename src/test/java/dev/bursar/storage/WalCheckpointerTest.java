package dev.bursar.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits leave the log's copying to the checkpointer's thread; it still happens, and the thread ends with the database. */
class WalCheckpointerTest {

    @Test
    void the_log_reaches_the_database_file_without_a_commit_checkpointing_it(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ledger.db");
        try (Database db = Database.sqlite(file, "NORMAL")) {
            db.transaction(c -> c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"));
            long before = Files.size(file);
            String kb = "x".repeat(1024);
            for (int i = 0; i < 20; i++) {
                db.transaction(c -> {
                    try (var ps = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
                        for (int j = 0; j < 100; j++) {
                            ps.setString(1, kb);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
            }
            // 2 MB committed: far below the commit-side backstop (100,000 pages), so only the checkpointer copies it.
            Await.until("the WAL checkpointed into the database file", Duration.ofSeconds(10),
                    () -> sizeOf(file) > before + 1_500_000);
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("bursar-wal-checkpoint"));
        }
        Await.until("the checkpointer thread ended with the database", Duration.ofSeconds(5),
                () -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().equals("bursar-wal-checkpoint") && t.isAlive()));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
