package dev.bursar.budgets;

import java.time.Instant;

/**
 * One counter cell of a window: the whole window for calendar and lifetime windows, one hour for rolling ones.
 *
 * @param id        stable name of the cell within its budget and value
 * @param from      first instant it counts
 * @param to        end (exclusive) of what it counts; null for lifetime
 * @param expiresAt when the cell can be forgotten (no window that needs it is current any more); null = never
 */
record Bucket(String id, Instant from, Instant to, Instant expiresAt) {
}
