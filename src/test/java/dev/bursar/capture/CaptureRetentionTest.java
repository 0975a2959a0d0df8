package dev.bursar.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.CaptureConfig;
import dev.bursar.ledger.Endpoint;
import dev.bursar.storage.Database;
import dev.bursar.storage.Dialect;
import dev.bursar.storage.TestStorage;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The retention sweeper (on SQLite and PostgreSQL) and the queue's limits (on SQLite). */
class CaptureRetentionTest {

    @TempDir
    Path dir;
    Database db;
    CaptureStore store;
    final Instant now = Instant.parse("2026-12-03T12:00:00Z");
    final MutableClock clock = new MutableClock(now);
    final CaptureConfig thirtyDays = new CaptureConfig(true, Duration.ofDays(30), List.of("numbers"));

    TestStorage storage;

    void open(Dialect dialect) {
        storage = TestStorage.of(dialect, dir);
        db = storage.database();
        store = new CaptureStore(db);
    }

    @BeforeEach
    void sqliteByDefault() {
        open(Dialect.SQLITE);
    }

    @AfterEach
    void close() {
        db.close();
        storage.close();
    }

    private CapturedRequest captured(String id, Instant at) {
        return new CapturedRequest(id, at, ClientWire.OPENAI, Endpoint.CHAT, "{}");
    }

    private List<String> ids() {
        List<String> out = new ArrayList<>();
        store.forEach(Instant.EPOCH, now.plus(Duration.ofDays(400)), c -> out.add(c.requestId()));
        return out;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void the_sweeper_deletes_captures_older_than_retention_when_it_starts(Dialect dialect) {
        close();
        open(dialect);
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

    @Test
    void a_full_queue_drops_and_counts_without_waiting_for_a_database_that_is_stuck() throws Exception {
        ObjectNode body = (ObjectNode) Golden.JSON.createObjectNode().put("note", "stuck");
        try (CaptureWriter w = CaptureWriter.start(store, thirtyDays, clock, Duration.ofHours(1), 2)) {
            w.offer("warm", now, ClientWire.OPENAI, Endpoint.CHAT, body);
            Await.until("the start-up sweep and a first capture", Duration.ofSeconds(10), () -> w.stored() == 1);
            // Another connection takes SQLite's write lock: the writer's next insert waits on it (busy timeout).
            java.sql.Connection holder = db.connect();
            holder.setAutoCommit(false);
            holder.createStatement().execute("DELETE FROM request_captures WHERE request_id = 'none'");
            w.offer("first", now, ClientWire.OPENAI, Endpoint.CHAT, body);
            Await.until("the writer took the capture and waits on the lock", Duration.ofSeconds(10), () -> w.queued() == 0);

            long t0 = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                w.offer("r" + i, now, ClientWire.OPENAI, Endpoint.CHAT, body);
            }
            long micros = (System.nanoTime() - t0) / 1_000;

            assertThat(w.dropped()).isEqualTo(1_000 - 2);
            assertThat(micros).as("1,000 offers while the database is stuck, in µs").isLessThan(1_000_000);
            holder.rollback();
            holder.close();
            Await.until("the queued captures are stored once the lock is gone", Duration.ofSeconds(40), () -> w.stored() == 4);
        }
        assertThat(ids()).containsExactlyInAnyOrder("warm", "first", "r0", "r1");
    }

}
