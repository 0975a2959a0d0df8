package dev.bursar.cache;

/** What the cache reports to the operator; the composition root sends it to the alert engine. */
public interface CacheEvents {

    /** The shared cache store could not be reached: the cache is bypassed (calls go to the provider) until it is back. */
    void storeUnavailable(String where, String message);

    static CacheEvents none() {
        return (where, message) -> { };
    }
}
