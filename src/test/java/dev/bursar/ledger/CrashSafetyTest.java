package dev.bursar.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bursar.storage.Database;
import dev.bursar.storage.Migrator;
import dev.bursar.testing.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing JVM with SIGKILL and checks that every append it acknowledged survived. */
class CrashSafetyTest {

    private static final Pattern ACK = Pattern.compile("crash-\\d+-\\d+");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesAKilledProcess() throws Exception {
        Path db = dir.resolve("bursar-data/bursar.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashAppender.class.getName(), db.toString(), "32")
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
        Thread reader = Thread.ofPlatform().start(() -> readAcks(child, acked));

        Await.until("5,000 acknowledged appends, or the child gone", Duration.ofSeconds(60),
                () -> acked.size() >= 5_000 || !child.isAlive());
        assertThat(child.isAlive()).as("child still writing (stderr: %s)", Files.readString(dir.resolve("child.err"))).isTrue();
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);

        Set<String> stored = storedIds(db);
        List<String> ids = List.copyOf(acked);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(5_000);
        assertThat(stored).containsAll(ids);
    }

    private static void readAcks(Process child, ConcurrentLinkedQueue<String> acked) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (ACK.matcher(line).matches()) { // a line cut by the kill is not an acknowledgement
                    acked.add(line);
                }
            }
        } catch (java.io.IOException ignored) {
            // the pipe closes when the child dies
        }
    }

    private static Set<String> storedIds(Path file) {
        try (Database db = Database.sqlite(file, "NORMAL")) {
            Migrator.migrate(db);
            return db.read(c -> {
                Set<String> ids = new HashSet<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT event_id FROM usage_events")) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            });
        }
    }
}
