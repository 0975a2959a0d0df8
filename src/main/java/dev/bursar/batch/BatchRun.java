package dev.bursar.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.auth.Principal;
import dev.bursar.controls.Permit;
import dev.bursar.gateway.BatchCall;
import dev.bursar.gateway.Gateway;
import dev.bursar.ledger.BookedRequests;
import dev.bursar.wire.ApiError;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Runs one batch to its end on the replica that holds its lease: the lines not yet done, {@code concurrency} at a
 * time, each through the request path; then the output and error files. Started again after a restart (or by
 * another replica once the lease ran out), it first reads back what is done, so no finished line runs or is booked
 * twice.
 */
final class BatchRun {

    private static final System.Logger LOG = System.getLogger(BatchRun.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BatchRecord batch;
    private final Context ctx;
    /** The reservations made at creation (this process created the batch), else null: lines reserve as they run. */
    private final Permit[] permits;
    private volatile String stopBecause;
    private final Progress progress = new Progress();

    /** Running totals for GET while the batch runs (the final ones come from {@link ResultFiles}). */
    private static final class Progress {
        int completed;
        int failed;
        long in;
        long out;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal saved = BigDecimal.ZERO;

        synchronized void add(boolean ok, long inTokens, long outTokens, BigDecimal c, BigDecimal s) {
            if (ok) {
                completed++;
            } else {
                failed++;
            }
            in += inTokens;
            out += outTokens;
            cost = cost.add(c);
            saved = saved.add(s);
        }

        synchronized BatchRecord.Counts counts(int total) {
            return new BatchRecord.Counts(total, completed, failed, in, out, cost, saved);
        }
    }

    BatchRecord.Counts progress() {
        return progress.counts(batch.counts().total());
    }

    /** What every run shares. */
    record Context(BatchStore store, BatchFiles files, Gateway gateway, BookedRequests booked, int concurrency,
                   Clock clock) {
    }

    BatchRun(BatchRecord batch, Context ctx, Permit[] permits) {
        this.batch = batch;
        this.ctx = ctx;
        this.permits = permits;
    }

    /** Asks the run to stop dispatching lines: "cancelled", "expired" or "lease" (another replica took over). */
    void stop(String why) {
        if (stopBecause == null) {
            stopBecause = why;
        }
    }

    String id() {
        return batch.id();
    }

    static String requestId(String batchId, int index) {
        return "breq_" + batchId.substring(batchId.indexOf('_') + 1) + "_" + index;
    }

    static String resultId(String batchId, int index) {
        return "batch_req_" + batchId.substring(batchId.indexOf('_') + 1) + "_" + index;
    }

    Path partPath() {
        return ctx.files().folder().resolve(batch.id() + ".part");
    }

    void run() {
        long now = ctx.clock().instant().getEpochSecond();
        ctx.store().move(batch.id(), List.of(BatchStatus.VALIDATING), BatchStatus.IN_PROGRESS, "in_progress_at", now);
        BatchStatus status = ctx.store().find(batch.id()).orElseThrow().status();
        if (status == BatchStatus.CANCELLING) {
            stop("cancelled");
        }
        BitSet done = recover();
        if (status == BatchStatus.IN_PROGRESS || status == BatchStatus.CANCELLING) {
            runLines(done);
        }
        if ("lease".equals(stopBecause)) {
            return; // another replica runs it now
        }
        if ("expired".equals(stopBecause)) {
            expireRest(done);
        }
        finish();
    }

    /** Which lines are done: result and booked record, or a result whose answer the ledger has. */
    private BitSet recover() {
        BitSet results = new BitSet();
        BitSet okLines = new BitSet();
        BitSet booked = new BitSet();
        PartFile.read(partPath(), r -> {
            if (r.has("i")) {
                results.set(r.get("i").asInt());
                okLines.set(r.get("i").asInt(), r.path("ok").asBoolean());
            } else if (r.has("b")) {
                int i = r.get("b").asInt();
                booked.set(i);
                progress.add(okLines.get(i), r.path("in").asLong(), r.path("out").asLong(),
                        new BigDecimal(r.path("c").asText("0")), new BigDecimal(r.path("s").asText("0")));
            }
        });
        BitSet unsure = (BitSet) results.clone();
        unsure.andNot(booked);
        if (!unsure.isEmpty()) {
            // Killed between keeping a result and marking it booked: the ledger says whether the answer was booked.
            Map<String, Integer> byRequest = new HashMap<>();
            unsure.stream().forEach(i -> byRequest.put(requestId(batch.id(), i), i));
            java.util.Set<String> answered = ctx.booked().answered(byRequest.keySet());
            try (PartFile part = PartFile.append(partPath())) {
                for (String rid : answered) {
                    int i = byRequest.get(rid);
                    booked.set(i);
                    progress.add(okLines.get(i), 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
                    // The attempt's cost is in the ledger; the batch's running total misses it (the kill hid it).
                    part.booked(i, new LineTotals(0, 0, BigDecimal.ZERO, BigDecimal.ZERO));
                }
            }
        }
        return booked;
    }

    private void runLines(BitSet done) {
        Principal owner = Owners.fromJson(batch.owner());
        JsonNode metadata = batch.metadata() == null ? null : parse(batch.metadata());
        long expiresAtMs = batch.times().expiresAt() * 1000;
        Semaphore slots = new Semaphore(ctx.concurrency());
        try (PartFile part = PartFile.append(partPath())) {
            InputLines.each(ctx.files().path(batch.inputFileId()), line -> {
                if (done.get(line.index())) {
                    return true;
                }
                if (ctx.clock().millis() > expiresAtMs) {
                    stop("expired");
                }
                if (stopBecause != null) {
                    return false;
                }
                slots.acquireUninterruptibly();
                Thread.ofVirtual().name("bursar-batch-line").start(() -> {
                    try {
                        runLine(line, owner, metadata, part);
                        synchronized (done) {
                            done.set(line.index());
                        }
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "batch " + batch.id() + " line " + line.index() + " failed", e);
                    } finally {
                        slots.release();
                    }
                });
                return true;
            });
            slots.acquireUninterruptibly(ctx.concurrency());
        }
    }

    private void runLine(InputLines.Line line, Principal owner, JsonNode metadata, PartFile part) {
        int i = line.index();
        String rid = requestId(batch.id(), i);
        LineRun out = new LineRun(i, line.customId(), rid, resultId(batch.id(), i), part);
        var body = LineBodies.prepare(line.body(), metadata);
        Permit permit;
        if (permits != null) {
            permit = permits[i];
            permits[i] = null;
        } else {
            try {
                permit = ctx.gateway().reserveBatchLine(LineBodies.inbound(batch.endpoint(), body), owner);
            } catch (ApiError refused) {
                // Run after a restart, the line is admitted as it runs; a budget that is full now fails the line.
                out.whole(refused.status(), null, refused.body(dev.bursar.wire.ClientWire.OPENAI));
                booked(i, out, part);
                return;
            }
        }
        ctx.gateway().handleBatchLine(LineBodies.inbound(batch.endpoint(), body),
                new BatchCall(rid, owner, permit, out::attempt), out);
        booked(i, out, part);
    }

    private void booked(int i, LineRun out, PartFile part) {
        LineTotals t = out.totals();
        part.booked(i, t);
        progress.add(out.ok(), t.inputTokens(), t.outputTokens(), t.costUsd(), t.savedUsd());
    }

    /** The lines the 24 hours did not reach: an error line each, nothing booked (nothing was bought). */
    private void expireRest(BitSet done) {
        try (PartFile part = PartFile.append(partPath())) {
            InputLines.each(ctx.files().path(batch.inputFileId()), line -> {
                if (!done.get(line.index())) {
                    part.result(line.index(), false, LineRun.unrun(resultId(batch.id(), line.index()), line.customId(),
                            "batch_expired", "This request could not be executed before the completion window expired."));
                    part.booked(line.index(), new LineTotals(0, 0, BigDecimal.ZERO, BigDecimal.ZERO));
                }
                return true;
            });
        }
    }

    /** Output and error files from the part file (the last result of each line), the totals, the final status. */
    private void finish() {
        long now = ctx.clock().instant().getEpochSecond();
        BatchStatus to = switch (stopBecause == null ? "" : stopBecause) {
            case "cancelled" -> BatchStatus.CANCELLED;
            case "expired" -> BatchStatus.EXPIRED;
            default -> BatchStatus.COMPLETED;
        };
        if (to == BatchStatus.COMPLETED) {
            ctx.store().move(batch.id(), List.of(BatchStatus.IN_PROGRESS), BatchStatus.FINALIZING, "finalizing_at", now);
        }
        ResultFiles.Written w = ResultFiles.write(partPath(), batch, ctx.files());
        ctx.store().counts(batch.id(), w.counts());
        ctx.store().files(batch.id(), w.outputFileId(), w.errorFileId());
        String column = switch (to) {
            case CANCELLED -> "cancelled_at";
            case EXPIRED -> "expired_at";
            default -> "completed_at";
        };
        ctx.store().move(batch.id(), List.of(BatchStatus.FINALIZING, BatchStatus.IN_PROGRESS, BatchStatus.CANCELLING,
                BatchStatus.VALIDATING), to, column, now);
        releaseUnused();
        BatchFiles.deleteQuietly(partPath());
    }

    /** Reservations of lines that never ran (a cancelled or expired batch) go back to the budgets. */
    void releaseUnused() {
        if (permits == null) {
            return;
        }
        List<Permit> left = new ArrayList<>();
        for (int i = 0; i < permits.length; i++) {
            if (permits[i] != null) {
                left.add(permits[i]);
                permits[i] = null;
            }
        }
        left.forEach(ctx.gateway()::releaseBatchLine);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
