package dev.bursar.resilience;

import java.time.Duration;

/** Waits between attempts. Injected so tests can record the waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration d) throws InterruptedException;

    /** The real wait: on a virtual thread, a sleeping request holds no carrier thread. */
    static Sleeper real() {
        return Thread::sleep;
    }
}
