package dev.bursar.capture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.config.CaptureConfig;
import dev.bursar.ledger.Endpoint;
import dev.bursar.wire.ClientWire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Capture off the request path: {@link #offer} only queues (a full queue drops the capture and counts it; the
 * request never waits and never fails for it). One thread takes what is queued in batches, redacts each body and
 * stores the batch in one transaction; the same thread deletes captures older than the retention when it starts and
 * every {@code sweepEvery} after. A batch the database refuses is counted and dropped: captures are evidence for a
 * what-if, not money, and are never retried at the cost of the next batch.
 */
public final class CaptureWriter implements CaptureSink, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CaptureWriter.class.getName());
    static final int QUEUE = 10_000;
    private static final int BATCH = 256;

    private record Pending(String requestId, Instant at, ClientWire wire, Endpoint endpoint, ObjectNode body) { }

    /** Wakes the thread on close, so it need not wait out its poll. */
    private static final Pending STOP = new Pending("", Instant.EPOCH, ClientWire.OPENAI, Endpoint.CHAT, null);

    private final CaptureStore store;
    private final Redactor redactor;
    private final Duration retention;
    private final Duration sweepEvery;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong swept = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private CaptureWriter(CaptureStore store, CaptureConfig config, Clock clock, Duration sweepEvery, int capacity) {
        this.store = store;
        this.redactor = new Redactor(config.redact());
        this.retention = config.retention();
        this.sweepEvery = sweepEvery;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("bursar-capture").daemon().unstarted(this::run);
    }

    /** Starts the writer (and its first sweep); sweeps hourly after that. */
    public static CaptureWriter start(CaptureStore store, CaptureConfig config, Clock clock) {
        return start(store, config, clock, Duration.ofHours(1), QUEUE);
    }

    /** As {@link #start(CaptureStore, CaptureConfig, Clock)} with the sweep interval and queue size given. */
    public static CaptureWriter start(CaptureStore store, CaptureConfig config, Clock clock, Duration sweepEvery,
                                      int capacity) {
        CaptureWriter w = new CaptureWriter(store, config, clock, sweepEvery, capacity);
        w.thread.start();
        return w;
    }

    @Override
    public void offer(String requestId, Instant at, ClientWire wire, Endpoint endpoint, ObjectNode body) {
        if (!running || !queue.offer(new Pending(requestId, at, wire, endpoint, body))) {
            dropped.incrementAndGet();
        }
    }

    /** Captures not kept because the queue was full (or the writer closed). */
    public long dropped() {
        return dropped.get();
    }

    /** Captures lost because the database refused their batch. */
    public long failed() {
        return failed.get();
    }

    /** Stored, dropped and failed so far, by those names: for the metrics endpoint. */
    public java.util.Map<String, Long> counts() {
        return java.util.Map.of("stored", stored.get(), "dropped", dropped.get(), "failed", failed.get());
    }

    /** Captures waiting in the queue now. */
    public int queued() {
        return queue.size();
    }

    /** Captures stored so far. */
    public long stored() {
        return stored.get();
    }

    /** Captures deleted by the retention sweeper so far. */
    public long swept() {
        return swept.get();
    }

    /** Deletes the captures older than the retention now; returns how many. */
    public int sweep() {
        int n = store.deleteBefore(clock.instant().minus(retention));
        swept.addAndGet(n);
        return n;
    }

    private void run() {
        long nextSweep = System.nanoTime();
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                if (System.nanoTime() - nextSweep >= 0) {
                    sweepQuietly();
                    nextSweep = System.nanoTime() + sweepEvery.toNanos();
                }
                Pending first = queue.poll(Math.min(1_000, Math.max(1, (nextSweep - System.nanoTime()) / 1_000_000)),
                        TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                batch.removeIf(p -> p == STOP);
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<CapturedRequest> rows = new ArrayList<>(batch.size());
        try {
            for (Pending p : batch) {
                rows.add(new CapturedRequest(p.requestId(), p.at(), p.wire(), p.endpoint(),
                        redactor.body(p.body()).toString()));
            }
            store.insert(rows);
            stored.addAndGet(rows.size());
        } catch (RuntimeException e) {
            failed.addAndGet(batch.size());
            LOG.log(System.Logger.Level.WARNING, "request capture: " + batch.size() + " captures not stored: " + e.getMessage());
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request capture: retention sweep failed: " + e.getMessage());
        }
    }

    /** Stores what is queued, then stops the thread. */
    @Override
    public void close() {
        running = false;
        queue.offer(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
