package dev.bursar.cache;

/** Where an answer is kept: its exact key, and the customer it belongs to (a purge by customer finds it). */
public record EntryKey(String hash, String customer) {
}
