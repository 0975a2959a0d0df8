package dev.bursar.redis;

/** Redis could not be reached, the connection broke, or no reply came in time: the command may or may not have run. */
public final class RedisUnavailable extends RuntimeException {

    public RedisUnavailable(String message) {
        super(message);
    }

    public RedisUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
