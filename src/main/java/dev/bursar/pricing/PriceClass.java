package dev.bursar.pricing;

/** The token classes a price version can name, with their catalog (YAML) keys. */
public enum PriceClass {
    INPUT("input"),
    CACHED_INPUT("cached_input"),
    CACHE_WRITE_5M("cache_write_5m"),
    CACHE_WRITE_1H("cache_write_1h"),
    OUTPUT("output"),
    BATCH_INPUT("batch_input"),
    BATCH_OUTPUT("batch_output");

    private final String key;

    PriceClass(String key) {
        this.key = key;
    }

    /** The name used in catalog files and cost lines. */
    public String key() {
        return key;
    }
}
