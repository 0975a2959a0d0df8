package dev.bursar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.CaptureConfig;
import dev.bursar.ledger.Endpoint;
import dev.bursar.storage.Database;
import dev.bursar.storage.Migrator;
import dev.bursar.testing.Await;
import dev.bursar.testing.Golden;
import dev.bursar.testing.MutableClock;
import dev.bursar.wire.ClientWire;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention sweeper and the queue's limits, on a real SQLite database. */
class CaptureRetentionTest {

    @TempDir
    Path dir;
    Database db;
    CaptureStore store;
    final Instant now = Instant.parse("2026-12-03T12:00:00Z");
    final MutableClock clock = new MutableClock(now);
    final CaptureConfig thirtyDays = new CaptureConfig(true, Duration.ofDays(30), List.of("numbers"));

    @BeforeEach
    void open() {
        db = Database.sqlite(dir.resolve("bursar.db"), "NORMAL");
        Migrator.migrate(db);
        store = new CaptureStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private CapturedRequest captured(String id, Instant at) {
        return new CapturedRequest(id, at, ClientWire.OPENAI, Endpoint.CHAT, "{}");
    }

    private List<String> ids() {
        List<String> out = new ArrayList<>();
        store.forEach(Instant.EPOCH, now.plus(Duration.ofDays(400)), c -> out.add(c.requestId()));
        return out;
    }

    @Test
    void the_sweeper_deletes_captures_older_than_retention_when_it_starts() {
        store.insert(List.of(captured("old", now.minus(Duration.ofDays(31))), captured("edge", now.minus(Duration.ofDays(29))),
                captured("new", now.minusSeconds(5))));

        try (CaptureWriter w = CaptureWriter.start(store, thirtyDays, clock)) {
            Await.until("the start-up sweep", Duration.ofSeconds(10), () -> w.swept() == 1);
        }

        assertThat(ids()).containsExactly("edge", "new");
    }

    @Test
    void the_sweeper_runs_again_as_time_passes() {
        try (CaptureWriter w = CaptureWriter.start(store, thirtyDays, clock, Duration.ofMillis(20), 100)) {
            ObjectNode body = (ObjectNode) Golden.JSON.createObjectNode().put("model", "m").put("note", "order 12");
            w.offer("r1", now, ClientWire.OPENAI, Endpoint.CHAT, body);
            Await.until("stored", Duration.ofSeconds(10), () -> w.stored() == 1);
            assertThat(ids()).containsExactly("r1");

            clock.advance(Duration.ofDays(30).plusSeconds(1));

            Await.until("swept", Duration.ofSeconds(10), () -> w.swept() == 1);
            assertThat(ids()).isEmpty();
        }
    }

    @Test
    void a_closed_writer_stores_what_was_queued_and_drops_and_counts_the_rest() {
        CaptureWriter w = CaptureWriter.start(store, thirtyDays, clock);
        ObjectNode body = (ObjectNode) Golden.JSON.createObjectNode().put("note", "queued 1");
        for (int i = 0; i < 50; i++) {
            w.offer("q" + i, now, ClientWire.OPENAI, Endpoint.CHAT, body);
        }
        w.close();
        w.offer("late", now, ClientWire.OPENAI, Endpoint.CHAT, body);

        assertThat(w.stored()).isEqualTo(50);
        assertThat(w.dropped()).isEqualTo(1);
        assertThat(store.count()).isEqualTo(50);
    }
}
