package dev.bursar.budgets;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reservation and permit ids, unique across replicas (they share Redis hashes): one random UUID per process, then a
 * counter. A random UUID per call reads SecureRandom every time, which showed in the gateway's profile.
 */
final class ReservationIds {

    private static final String PROCESS = UUID.randomUUID().toString();
    private static final AtomicLong NEXT = new AtomicLong();

    private ReservationIds() {
    }

    static String next() {
        return PROCESS + "-" + Long.toString(NEXT.incrementAndGet(), 36);
    }
}
