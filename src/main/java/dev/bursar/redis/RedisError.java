package dev.bursar.redis;

/** Redis answered with an error reply ({@code -ERR ...}, {@code -NOSCRIPT ...}): it was reached, the command failed. */
public final class RedisError extends RuntimeException {

    public RedisError(String message) {
        super(message);
    }

    /** The error's first word, e.g. {@code NOSCRIPT}, {@code ERR}, {@code WRONGTYPE}. */
    public String kind() {
        String m = getMessage();
        int space = m.indexOf(' ');
        return space < 0 ? m : m.substring(0, space);
    }
}
