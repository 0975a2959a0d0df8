package dev.bursar.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.capture.CaptureStore;
import dev.bursar.capture.CaptureWriter;
import dev.bursar.config.CaptureConfig;
import dev.bursar.ledger.Endpoint;
import dev.bursar.storage.Database;
import dev.bursar.storage.Migrator;
import dev.bursar.wire.ClientWire;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Request capture (run by bench/capture.sh), on a SQLite file, with every redaction on:
 * <ul>
 * <li>{@code offer}: what the request path pays, in CPU ns per request: {@link CaptureWriter#offer} (a queue offer).</li>
 * <li>{@code redact + JSON}: the writer's work without SQL, per body, in CPU µs.</li>
 * <li>{@code writer}: what the capture thread spends per captured request off the request path (redaction of the
 *     body's text, JSON serialisation, its share of a batched insert), in CPU µs, at a rate the writer keeps up with.</li>
 * </ul>
 * The body is a two-message chat of 640 bytes with an e-mail, a phone number and figures in it.
 */
public final class CaptureBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = """
            {"model":"gpt-4o-mini","max_tokens":300,"temperature":0,"messages":[
             {"role":"system","content":"You are the billing assistant of Acme Corp. Answer in two sentences, cite the invoice number and never promise a refund before the account team has reviewed the case."},
             {"role":"user","content":"Hi, I am jane.doe@example.com (phone +44 20 7946 0958). Invoice 2026-1187 charged me 1,249.90 EUR instead of 949.90 EUR on 3 November; card ending 4111. Can you explain the 300.00 difference and whether order 88213 is affected?"}]}
            """;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("capture-bench");
        try (Database db = Database.sqlite(dir.resolve("bursar.db"), "NORMAL")) {
            Migrator.migrate(db);
            CaptureStore store = new CaptureStore(db);
            CaptureConfig config = new CaptureConfig(true, Duration.ofDays(30), CaptureConfig.REDACTIONS);
            ObjectNode body = (ObjectNode) JSON.readTree(BODY.getBytes(StandardCharsets.UTF_8));
            System.out.printf("body: %d bytes%n", BODY.strip().getBytes(StandardCharsets.UTF_8).length);
            redact(body, 20_000); // warm-up
            redact(body, 100_000);
            writer(store, config, body, 5_000); // warm-up: JIT, SQLite page cache
            writer(store, config, body, 40_000);
            offer(store, config, body, 2_000_000);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The redaction and serialisation alone, on the calling thread: the part of the writer's work that is not SQL. */
    private static void redact(ObjectNode body, int n) {
        dev.bursar.capture.Redactor r = new dev.bursar.capture.Redactor(CaptureConfig.REDACTIONS);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        long chars = 0;
        for (int i = 0; i < n; i++) {
            chars += r.body(body).toString().length();
        }
        System.out.printf("redact + JSON: %.1f CPU µs per body (%d chars out)%n",
                (mx.getCurrentThreadCpuTime() - t0) / 1_000.0 / n, chars / n);
    }

    /** Offers as fast as one thread can: the queue fills and the rest are dropped (and counted), never waited on. */
    private static void offer(CaptureStore store, CaptureConfig config, ObjectNode body, int n) {
        try (CaptureWriter w = CaptureWriter.start(store, config, Clock.systemUTC())) {
            Instant at = Instant.now();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                w.offer("o" + i, at, ClientWire.OPENAI, Endpoint.CHAT, body);
            }
            long ns = mx.getCurrentThreadCpuTime() - t0;
            System.out.printf("offer: %.0f CPU ns per request over %,d offers (%,d queued, %,d dropped; ids built in the loop)%n",
                    (double) ns / n, n, n - w.dropped(), w.dropped());
        }
    }

    /** Offers in steps the writer can absorb and reads the capture thread's CPU time. */
    private static void writer(CaptureStore store, CaptureConfig config, ObjectNode body, int n) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (CaptureWriter w = CaptureWriter.start(store, config, Clock.systemUTC())) {
            Thread t = Thread.getAllStackTraces().keySet().stream().filter(x -> x.getName().equals("bursar-capture"))
                    .filter(Thread::isAlive).findFirst().orElseThrow();
            Thread.sleep(200); // the start-up sweep
            long cpu0 = mx.getThreadCpuTime(t.threadId());
            long wall0 = System.nanoTime();
            Instant at = Instant.now();
            String run = Long.toString(System.nanoTime(), 36);
            for (int i = 0; i < n; i++) {
                w.offer(run + "-" + i, at, ClientWire.OPENAI, Endpoint.CHAT, body);
                if (i % 2_000 == 1_999) {
                    long target = i + 1 - 500; // keep a few hundred queued, so batches stay full
                    while (w.stored() + w.failed() + w.dropped() < target) {
                        Thread.sleep(1); // not a spin: on one pinned core it would take the writer's CPU
                    }
                }
            }
            while (w.stored() + w.failed() + w.dropped() < n) {
                Thread.sleep(1);
            }
            long cpu = mx.getThreadCpuTime(t.threadId()) - cpu0;
            long wall = System.nanoTime() - wall0;
            System.out.printf("writer: %.1f CPU µs per capture (%,d stored, %,d dropped, %,d failed; %.0f captures/s)%n",
                    cpu / 1_000.0 / n, w.stored(), w.dropped(), w.failed(), n / (wall / 1e9));
        }
    }
}
