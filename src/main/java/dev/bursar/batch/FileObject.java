package dev.bursar.batch;

/** A stored file as OpenAI's file object describes it ({@code bytes}, {@code created_at} in epoch seconds). */
public record FileObject(String id, String purpose, String filename, long bytes, long createdAt) {
}
