package dev.bursar.batch;

import dev.bursar.auth.Principal;
import dev.bursar.config.BatchConfig;
import dev.bursar.controls.Permit;
import dev.bursar.gateway.Gateway;
import dev.bursar.ledger.BookedRequests;
import dev.bursar.storage.Database;
import dev.bursar.wire.ApiError;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Batch API's service: create (validate, reserve the budgets' worst case), read, list, cancel; and the runner
 * that claims batches by lease and runs them ({@link BatchRun}). Started with {@link #start}, stopped by
 * {@link #close} (a batch left unfinished is resumed at the next start, here or on another replica).
 */
public final class Batches implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Batches.class.getName());
    private static final Duration WINDOW = Duration.ofHours(24);

    private final BatchStore store;
    private final BatchFiles files;
    private final Gateway gateway;
    private final Clock clock;
    private final BatchRun.Context context;
    private final long leaseMs;
    /** This replica's name in the lease column. */
    private final String replica = "replica-" + UUID.randomUUID();
    private final Map<String, Permit[]> reserved = new ConcurrentHashMap<>();
    private final Map<String, BatchRun> running = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private Thread scheduler;

    public Batches(Database db, Path folder, Gateway gateway, BatchConfig config, Clock clock) {
        this.store = new BatchStore(db);
        this.files = new BatchFiles(db, folder, clock);
        this.gateway = gateway;
        this.clock = clock;
        this.leaseMs = config.lease().toMillis();
        this.context = new BatchRun.Context(store, files, gateway, new BookedRequests(db), config.concurrency(), clock);
    }

    public BatchFiles files() {
        return files;
    }

    /**
     * Creates a batch from an uploaded file. A file with bad lines makes a {@code failed} batch carrying the errors,
     * as OpenAI's validation does. Every line's worst case is reserved against the budgets now, so a running batch
     * cannot overshoot them.
     *
     * @throws ApiError unknown file, or the budgets refuse the batch (the error a call would get)
     */
    public BatchRecord create(Principal owner, BatchRequest req) {
        FileObject input = files.find(req.inputFileId(), owner.keyId()).orElseThrow(() -> ApiError.badRequest("invalid_value",
                "input_file_id", "No such File object: " + req.inputFileId()));
        if (!input.purpose().equals("batch")) {
            throw ApiError.badRequest("invalid_value", "input_file_id",
                    "The file " + input.id() + " has purpose '" + input.purpose() + "'; a batch needs purpose 'batch'.");
        }
        Path path = files.path(input.id());
        InputLines.Checked checked = InputLines.check(path, req.endpoint());
        long now = clock.instant().getEpochSecond();
        String id = BatchFiles.newId("batch_");
        String metadata = req.metadata() == null ? null : req.metadata().toString();
        if (checked.errors() != null) {
            BatchRecord failed = new BatchRecord(id, BatchStatus.FAILED, req.endpoint(), input.id(), req.completionWindow(),
                    metadata, Owners.toJson(owner), new BatchRecord.Times(now, now + WINDOW.toSeconds(), 0, 0, 0, now, 0, 0, 0),
                    null, null, checked.errors().toString(), BatchRecord.Counts.of(0));
            store.insert(failed);
            return failed;
        }
        Permit[] permits = reserve(path, req, owner, checked.lines());
        BatchRecord b = new BatchRecord(id, BatchStatus.VALIDATING, req.endpoint(), input.id(), req.completionWindow(),
                metadata, Owners.toJson(owner), new BatchRecord.Times(now, now + WINDOW.toSeconds(), 0, 0, 0, 0, 0, 0, 0),
                null, null, null, BatchRecord.Counts.of(checked.lines()));
        if (permits != null) {
            reserved.put(id, permits);
        }
        try {
            store.insert(b);
        } catch (RuntimeException e) {
            release(reserved.remove(id));
            throw e;
        }
        wake();
        return b;
    }

    /** One permit per line, or null when no budget or limit covers any; all released when one line is refused. */
    private Permit[] reserve(Path path, BatchRequest req, Principal owner, int lines) {
        Permit[] permits = new Permit[lines];
        boolean[] any = {false};
        try {
            InputLines.each(path, line -> {
                try {
                    permits[line.index()] = gateway.reserveBatchLine(
                            LineBodies.inbound(req.endpoint(), LineBodies.prepare(line.body(), req.metadata())), owner);
                    any[0] |= permits[line.index()] != null;
                } catch (ApiError e) {
                    if (!"model_not_found".equals(e.code())) {
                        throw e;
                    }
                    // An unknown model fails its own line when it runs, as OpenAI reports it, not the whole batch.
                }
                return true;
            });
        } catch (RuntimeException e) {
            release(permits);
            throw e;
        }
        return any[0] ? permits : null;
    }

    private void release(Permit[] permits) {
        if (permits != null) {
            for (Permit p : permits) {
                gateway.releaseBatchLine(p);
            }
        }
    }

    /** The caller's batch (another key's looks like none; {@code keyId} null: any), with the live totals of a run here. */
    public BatchRecord get(String id, String keyId) {
        BatchRecord b = store.find(id).filter(r -> keyId == null || keyId.equals(Owners.fromJson(r.owner()).keyId()))
                .orElseThrow(() -> notFound(id));
        BatchRun run = running.get(id);
        if (run != null && b.status().running()) {
            b = new BatchRecord(b.id(), b.status(), b.endpoint(), b.inputFileId(), b.completionWindow(), b.metadata(),
                    b.owner(), b.times(), b.outputFileId(), b.errorFileId(), b.errors(), run.progress());
        }
        return b;
    }

    /** The caller's batches, newest first ({@code keyId} null: all). */
    public List<BatchRecord> list(String after, int limit, String keyId) {
        return store.list(after, limit, keyId);
    }

    /** Asks a batch to stop: {@code cancelling} now, {@code cancelled} once its running lines are done. */
    public BatchRecord cancel(String id, String keyId) {
        BatchRecord b = get(id, keyId);
        long now = clock.instant().getEpochSecond();
        if (!store.move(id, List.of(BatchStatus.VALIDATING, BatchStatus.IN_PROGRESS), BatchStatus.CANCELLING,
                "cancelling_at", now) && b.status() != BatchStatus.CANCELLING) {
            throw new ApiError(409, "invalid_request_error", "batch_not_cancellable", null,
                    "Batch " + id + " is " + b.status().label() + " and cannot be cancelled.");
        }
        BatchRun run = running.get(id);
        if (run != null) {
            run.stop("cancelled");
        }
        wake();
        return get(id, keyId);
    }

    static ApiError notFound(String id) {
        return new ApiError(404, "invalid_request_error", "not_found", null, "No batch found with id '" + id + "'.");
    }

    /** Starts the scheduler: it claims unfinished batches (this replica's, or any whose lease ran out) and runs them. */
    public void start() {
        scheduler = Thread.ofPlatform().daemon().name("bursar-batch-scheduler").start(this::schedule);
    }

    private void wake() {
        Thread t = scheduler;
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }

    private void schedule() {
        long nextRenew = 0;
        while (!closed) {
            try {
                long nowMs = clock.millis();
                for (String id : store.unfinished()) {
                    if (!running.containsKey(id) && store.lease(id, replica, nowMs, nowMs + leaseMs)) {
                        launch(id);
                    }
                }
                if (nowMs >= nextRenew) {
                    renew(nowMs);
                    nextRenew = nowMs + leaseMs / 3;
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "batch scheduler: " + e.getMessage(), e);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(1000, leaseMs / 3) * 1_000_000L);
        }
    }

    /** Keeps this replica's leases, writes live totals, and passes on cancellations made on other replicas. */
    private void renew(long nowMs) {
        for (BatchRun run : running.values()) {
            if (!store.lease(run.id(), replica, nowMs, nowMs + leaseMs)) {
                run.stop("lease");
                continue;
            }
            store.find(run.id()).ifPresent(b -> {
                if (b.status() == BatchStatus.CANCELLING) {
                    run.stop("cancelled");
                }
                if (b.status().running()) {
                    store.counts(run.id(), run.progress());
                }
            });
        }
    }

    private void launch(String id) {
        BatchRecord b = store.find(id).orElseThrow();
        BatchRun run = new BatchRun(b, context, reserved.get(id));
        running.put(id, run);
        Thread.ofVirtual().name("bursar-batch-" + id).start(() -> {
            try {
                run.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "batch " + id + " stopped; it resumes at the next start", e);
            } finally {
                running.remove(id);
                BatchRecord now = store.find(id).orElse(b);
                if (!now.status().running()) {
                    reserved.remove(id);
                }
                store.release(id, replica);
            }
        });
    }

    /** Ids of the batches this replica is running (for tests and health). */
    public List<String> runningHere() {
        return new ArrayList<>(running.keySet());
    }

    @Override
    public void close() {
        closed = true;
        wake();
        for (BatchRun run : running.values()) {
            run.stop("lease");
        }
        if (scheduler != null) {
            try {
                scheduler.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Lines already sent finish and are booked before the ledger closes; the rest resume at the next start.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
    }
}
