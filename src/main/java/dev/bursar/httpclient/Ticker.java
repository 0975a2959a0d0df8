package dev.bursar.httpclient;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A named platform thread that runs a task on its owner every period until {@link #close()}. It holds the owner
 * weakly, so a client that is dropped without being closed is still collected and its thread ends by itself. A
 * platform thread, not a virtual one: it must keep its period when every carrier is busy with requests.
 */
final class Ticker implements AutoCloseable {

    private final Thread thread;

    private <T> Ticker(String name, long periodNanos, T owner, Consumer<T> task) {
        WeakReference<T> ref = new WeakReference<>(owner);
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> loop(ref, periodNanos, task));
    }

    static <T> Ticker start(String name, long periodNanos, T owner, Consumer<T> task) {
        Ticker t = new Ticker(name, periodNanos, owner, task);
        t.thread.start();
        return t;
    }

    private static <T> void loop(WeakReference<T> ref, long periodNanos, Consumer<T> task) {
        while (true) {
            try {
                TimeUnit.NANOSECONDS.sleep(periodNanos);
            } catch (InterruptedException e) {
                return;
            }
            T owner = ref.get();
            if (owner == null) {
                return;
            }
            task.accept(owner);
        }
    }

    /** Stops the thread and waits for it to end, so a closed client leaves no thread behind. */
    @Override
    public void close() {
        thread.interrupt();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
