package dev.bursar.ledger;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Time-ordered event ids (the UUIDv7 layout: 48 bits of Unix milliseconds, then random bits). Ids that grow with
 * time land at the end of the ledger's primary-key index instead of on a random page, which roughly doubles
 * SQLite ingest under concurrency (see bench/README.md); use them for {@link UsageEvent#eventId()}.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    public static String next() {
        return next(Clock.systemUTC());
    }

    static String next(Clock clock) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        long ms = clock.millis();
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (ms >>> (40 - 8 * i));
        }
        b[6] = (byte) ((b[6] & 0x0f) | 0x70); // version 7
        b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
        String h = HexFormat.of().formatHex(b);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }
}
