package dev.bursar.ledger;

import dev.bursar.Stores;
import dev.bursar.config.StorageConfig;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Child process for {@link CrashSafetyTest}: appends events from many virtual threads until killed, printing each
 * event id only after {@code append()} returned (that is, after the ledger acknowledged it as durable).
 */
public final class CrashAppender {

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        Stores storage = Stores.open(new StorageConfig(args[0], null, null));
        Ledger ledger = storage.ledger();
        int threads = Integer.parseInt(args[1]);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers[t] = Thread.ofVirtual().start(() -> {
                for (long i = 0; ; i++) {
                    String id = "crash-" + thread + "-" + i;
                    ledger.append(TestEvents.simple(id, Instant.now(), "c" + thread, "0.000001"));
                    synchronized (out) {
                        out.println(id);
                    }
                }
            });
        }
        for (Thread w : workers) {
            w.join();
        }
    }
}
