package dev.bursar.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit: callers queue their event and wait; one writer thread takes everything queued, writes it in one
 * transaction, commits, and only then releases the callers of that batch. If a batch fails, its events are retried
 * one by one so that only the offending event's caller gets the error.
 */
final class GroupCommitWriter implements AutoCloseable {

    /** Interface to the storage so the queueing can be tested without a database. */
    interface Sink extends AutoCloseable {
        void write(List<EncodedEvent> events) throws Exception;

        /** After a batch's callers were released: work that must follow commits but not delay answers. */
        default void afterBatch() {
        }

        @Override
        void close();
    }

    private record Pending(EncodedEvent event, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(null, null);
    private static final int MAX_BATCH = 4096;

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Sink sink;
    private final Thread thread;
    private final Object gate = new Object();
    private boolean closed;

    GroupCommitWriter(Sink sink, String name) {
        this.sink = sink;
        // A virtual thread: callers are virtual threads too, so the hand-off both ways is a park/unpark on the
        // carrier pool instead of a futex wake-up and a context switch per batch (measured: bench/README.md).
        this.thread = Thread.ofVirtual().name(name).start(this::run);
    }

    /** Returns once the event is committed; throws {@link LedgerException} if it was not written. */
    void append(EncodedEvent event) {
        Pending p = new Pending(event, new CompletableFuture<>());
        synchronized (gate) {
            if (closed) {
                throw new IllegalStateException("the ledger is closed; event " + event.event().eventId() + " was not written");
            }
            queue.add(p);
        }
        try {
            p.done().join();
        } catch (CompletionException e) {
            throw new LedgerException("ledger write failed for event " + event.event().eventId() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Events waiting for the next commit (tests wait on it rather than for a fixed time). */
    int queued() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            // STOP is the last element ever queued, so it can only be the last of a batch.
            if (batch.getLast() == STOP) {
                batch.removeLast();
                stop = true;
            }
            if (!batch.isEmpty()) {
                write(batch);
                // The released callers run first (they answer their clients); the follow-up work takes what CPU is left.
                Thread.yield();
                sink.afterBatch();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            sink.write(batch.stream().map(Pending::event).toList());
            batch.forEach(p -> p.done().complete(null));
        } catch (Throwable batchError) {
            if (batch.size() == 1) {
                batch.getFirst().done().completeExceptionally(batchError);
                return;
            }
            for (Pending p : batch) {
                try {
                    sink.write(List.of(p.event()));
                    p.done().complete(null);
                } catch (Throwable e) {
                    p.done().completeExceptionally(e);
                }
            }
        }
    }

    /** Stops taking new events, writes everything already queued, then closes the sink. */
    @Override
    public void close() {
        synchronized (gate) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sink.close();
        }
    }
}
