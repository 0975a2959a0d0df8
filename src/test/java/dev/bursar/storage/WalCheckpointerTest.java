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
        java.util.Set<Thread> running = checkpointers();
        java.util.Set<Thread> ours;
        try (Database db = Database.sqlite(file, "NORMAL")) {
            ours = checkpointers();
            ours.removeAll(running);
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
            assertThat(ours).as("this database's checkpointer thread").hasSize(1);
        }
        Await.until("the checkpointer thread ended with the database", Duration.ofSeconds(5),
                () -> ours.stream().noneMatch(Thread::isAlive));
    }

    /** Other tests' databases may be open at the same time: only the thread this one started counts. */
    private static java.util.Set<Thread> checkpointers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("bursar-wal-checkpoint") && t.isAlive())
                .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
