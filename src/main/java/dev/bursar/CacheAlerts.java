package dev.bursar;

import dev.bursar.alerts.AlertEngine;
import dev.bursar.cache.CacheEvents;

/** Cache events become alerts: a shared cache store that could not be reached (the cache is bypassed meanwhile). */
record CacheAlerts(AlertEngine alerts) implements CacheEvents {

    @Override
    public void storeUnavailable(String where, String message) {
        alerts.cacheStoreUnavailable(where, message);
    }
}
