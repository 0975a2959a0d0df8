package dev.bursar.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GroupCommitWriterTest {

    /** Records batches; blocks the first one until released so that later appends queue up behind it. */
    static final class RecordingSink implements GroupCommitWriter.Sink {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicBoolean first = new AtomicBoolean(true);

        @Override
        public void write(List<EncodedEvent> events) throws Exception {
            if (first.getAndSet(false)) {
                entered.countDown();
                release.await();
            }
            if (events.stream().anyMatch(e -> e.event().eventId().startsWith("bad"))) {
                throw new IllegalStateException("refused " + events.size());
            }
            batches.add(events.stream().map(e -> e.event().eventId()).toList());
        }

        @Override
        public void close() {
        }
    }

    private static EncodedEvent event(String id) {
        return EncodedEvent.of(TestEvents.simple(id, Instant.parse("2026-03-01T00:00:00Z"), "acme", "1"));
    }

    @Test
    void appendsQueuedDuringACommitShareTheNextOne() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (GroupCommitWriter w = new GroupCommitWriter(sink, "test-writer");
             var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> blocker = pool.submit(() -> w.append(event("first")));
            assertThat(sink.entered.await(5, TimeUnit.SECONDS)).as("the first commit began").isTrue();
            List<Future<?>> rest = java.util.stream.IntStream.range(0, 20)
                    .<Future<?>>mapToObj(i -> pool.submit(() -> w.append(event("e" + i)))).toList();
            Await.until("20 appends queued behind the commit", Duration.ofSeconds(5), () -> w.queued() == 20);
            assertThat(rest).noneMatch(Future::isDone); // nobody is answered before their commit

            sink.release.countDown();
            blocker.get();
            for (Future<?> f : rest) {
                f.get();
            }
        }
        assertThat(sink.batches).hasSize(2);
        assertThat(sink.batches.get(1)).hasSize(20);
    }

    @Test
    void aFailingEventFailsOnlyItsOwnCaller() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.release.countDown();
        try (GroupCommitWriter w = new GroupCommitWriter(sink, "test-writer");
             var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> good = pool.submit(() -> w.append(event("good")));
            good.get();

            assertThatThrownBy(() -> w.append(event("bad-1")))
                    .isInstanceOf(LedgerException.class).hasMessageContaining("bad-1").hasMessageContaining("refused");
            w.append(event("after"));
        }
        assertThat(sink.batches.stream().flatMap(List::stream)).containsExactly("good", "after");
    }
}
