package dev.bursar.promptcache;

import dev.bursar.pricing.PriceClass;
import java.time.Duration;

/** How long a provider keeps a cached prefix after its last use, and the write price that buys it. */
public enum CacheLifetime {
    FIVE_MINUTES("5m", Duration.ofMinutes(5), PriceClass.CACHE_WRITE_5M),
    ONE_HOUR("1h", Duration.ofHours(1), PriceClass.CACHE_WRITE_1H);

    private final String label;
    private final Duration duration;
    private final PriceClass writePrice;

    CacheLifetime(String label, Duration duration, PriceClass writePrice) {
        this.label = label;
        this.duration = duration;
        this.writePrice = writePrice;
    }

    public String label() {
        return label;
    }

    public Duration duration() {
        return duration;
    }

    /** The catalog price class a write for this lifetime is billed at. */
    public PriceClass writePrice() {
        return writePrice;
    }

    /** {@code 5m} or {@code 1h}, as the CLI takes it. */
    public static CacheLifetime parse(String text) {
        for (CacheLifetime l : values()) {
            if (l.label.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return l;
            }
        }
        throw new IllegalArgumentException("lifetime must be 5m or 1h, got '" + text + "'");
    }
}
